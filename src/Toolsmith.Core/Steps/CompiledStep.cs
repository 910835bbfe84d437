using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Running;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Steps;

/// <summary>A step with its templates compiled at load time.</summary>
internal abstract class CompiledStep
{
    protected CompiledStep(StepDefinition definition, string location, EngineDefaults defaults)
    {
        Definition = definition;
        Location = location;
        Foreach = definition.Foreach is { } f ? Template.Parse(f, $"{location}.foreach") : null;
        Concurrency = definition.Concurrency ?? defaults.Concurrency;
        BatchSize = definition.BatchSize;
        BatchInterval = Durations.FromNode(definition.BatchInterval) ?? TimeSpan.Zero;
    }

    public StepDefinition Definition { get; }

    public string Id => Definition.Id;

    /// <summary>Where the step stands in its tool, e.g. <c>steps[0]</c>.</summary>
    public string Location { get; }

    public Template? Foreach { get; }

    public int Concurrency { get; }

    public int? BatchSize { get; }

    public TimeSpan BatchInterval { get; }

    /// <summary>
    /// Set at load when the tool reads every result of this foreach step as one array of bodies (<c>{{steps.id}}</c>, or
    /// the run's default output): each JSON body is then also parsed as it arrives, alongside the other elements in
    /// flight, instead of all of them one after another once the step has finished.
    /// </summary>
    public bool ReadsAllBodies { get; set; }

    /// <summary>Every template in the step except <see cref="Foreach"/>, for the load-time path check.</summary>
    public abstract IEnumerable<Template> Templates { get; }

    /// <summary>Runs the step once (for one element when <paramref name="elementIndex"/> is set).</summary>
    public abstract Task<StepResult> ExecuteAsync(RunContext run, TemplateScope scope, int? elementIndex, CancellationToken cancellationToken);

    /// <summary>Whether this result fails the run.</summary>
    public abstract bool FailsRun(StepResult result);
}

/// <summary>Defaults the compiler applies to steps that do not set their own.</summary>
internal readonly record struct EngineDefaults(int Concurrency)
{
    public static EngineDefaults Standard => new(4);
}
