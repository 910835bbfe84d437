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

    /// <summary>The request was sent (or tried) but no response came back.</summary>
    public static StepResult Transport(string kind, string message, RequestSummary? request) => new()
    {
        Ok = false,
        Request = request,
        Diagnosis = DiagnosisEngine.ForTransport(kind, message),
    };
}
