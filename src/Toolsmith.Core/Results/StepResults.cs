using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Results;

/// <summary>Builds the results of steps that did not get a response.</summary>
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
}
