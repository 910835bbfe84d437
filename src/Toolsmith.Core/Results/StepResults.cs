using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Core.Results;

/// <summary>Builds the results of steps that did not get a response, and of a foreach step run on its own.</summary>
public static class StepResults
{
    /// <summary>Toolsmith refused to send: the message says what to fix.</summary>
    public static StepResult NotSent(string message, RequestSummary? request = null) => new()
    {
        Ok = false,
        Request = request,
        Diagnosis = DiagnosisEngine.ForTransport(DiagnosisKinds.InvalidRequest, message),
    };

    /// <summary>Toolsmith refused to send because values do not match the API's description (the step's <c>validate</c> schemas).</summary>
    public static StepResult Invalid(List<FieldProblem> fields) => new()
    {
        Ok = false,
        Diagnosis = new Diagnosis.Diagnosis
        {
            Kind = DiagnosisKinds.InvalidValue,
            Title = fields.Count == 1 ? $"{fields[0].Path} does not match the API's description" : "Values do not match the API's description",
            Explanation = "Toolsmith checked the request against the schema the API describes for it, before sending, and nothing was sent: "
                + string.Join(" ", fields.Take(10).Select(static f => $"{f.Path}: {f.Message}.")) + (fields.Count > 10 ? $" (and {fields.Count - 10} more)" : ""),
            Hint = "Fix the values named here (they come from the tool's inputs); if the API does accept them, correct or remove the step's \"validate\" schemas.",
            Fields = fields,
        },
    };

    /// <summary>The request was sent (or tried) but no response came back.</summary>
    public static StepResult Transport(string kind, string message, RequestSummary? request) => new()
    {
        Ok = false,
        Request = request,
        Diagnosis = DiagnosisEngine.ForTransport(kind, message),
    };

    /// <summary>
    /// A foreach step run on its own: one result whose body lists every element's result, in input order;
    /// it failed when an element did, with the first failure's status and diagnosis.
    /// </summary>
    public static StepResult PerElement(IReadOnlyList<StepResult> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var failure = items.FirstOrDefault(static r => !r.Ok);
        var last = items.Count > 0 ? items[^1] : null;
        return new StepResult
        {
            Ok = failure is null,
            Status = failure?.Status ?? last?.Status,
            StatusText = failure?.StatusText ?? last?.StatusText,
            Request = failure?.Request ?? last?.Request,
            Body = new JsonArray([.. items.Select(static r => JsonSerializer.SerializeToNode(r, ToolsmithJsonContext.Default.StepResult))]),
            BodyFormat = ResponseFormat.Json,
            Diagnosis = failure?.Diagnosis,
            DurationMs = items.Sum(static r => r.DurationMs),
        };
    }
}
