using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Steps.Transform;

/// <summary>The transform step: builds a JSON value from templates; sends nothing.</summary>
internal sealed class CompiledTransformStep : CompiledStep
{
    private readonly JsonTemplate _value;

    public CompiledTransformStep(TransformStepDefinition definition, string location, EngineDefaults defaults)
        : base(definition, location, defaults)
    {
        _value = JsonTemplate.Compile(definition.Value, $"{location}.value");
    }

    public override IEnumerable<Template> Templates => _value.Templates;

    public override Task<StepResult> ExecuteAsync(RunContext run, TemplateScope scope, int? elementIndex, CancellationToken cancellationToken)
    {
        var started = run.Options.Time.GetTimestamp();
        StepResult result;
        try
        {
            var value = _value.Render(scope);
            result = new StepResult { Ok = true, Body = value, BodyFormat = ResponseFormat.Json };
        }
        catch (TemplateException ex)
        {
            result = StepResults.NotSent(run.Redactor.Redact(ex.Message));
        }
        result.DurationMs = run.Options.Time.GetElapsedTime(started).TotalMilliseconds;
        return Task.FromResult(result);
    }

    public override bool FailsRun(StepResult result) => !result.Ok;
}
