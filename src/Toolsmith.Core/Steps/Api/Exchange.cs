using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;

namespace Toolsmith.Core.Steps.Api;

/// <summary>
/// The record of one call: the request as sent, and the response decoded and diagnosed — or why none came. Every stage
/// after the transport reads it and none changes it; the step's <see cref="StepResult"/> is built from it once, at the end.
/// </summary>
internal sealed record Exchange
{
    /// <summary>The request as sent (after the last redirect), secrets redacted; null when nothing was sent.</summary>
    public RequestSummary? Request { get; init; }

    /// <summary>The response status; null when no response came.</summary>
    public int? Status { get; init; }

    public string? StatusText { get; init; }

    /// <summary>Response headers, names in lower case; null when no response came.</summary>
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Cookies the response set (name → value); null when it set none.</summary>
    public Dictionary<string, string>? Cookies { get; init; }

    /// <summary>The decoded body: a <see cref="JsonNode"/>, or a <see cref="ReceivedJson"/> nobody has parsed yet.</summary>
    public object? Body { get; init; }

    public ResponseFormat? Format { get; init; }

    public long ReceivedBytes { get; init; }

    /// <summary>True when the body could not be kept in the chosen format.</summary>
    public bool DecodeFailed { get; init; }

    public List<RedirectHop>? Redirects { get; init; }

    /// <summary>Why the call failed; null when it did not.</summary>
    public Diagnosis.Diagnosis? Diagnosis { get; init; }

    public bool Ok { get; init; }

    public double DurationMs { get; init; }

    /// <summary>Every attempt, when the retry policy sent more than one (or the only one failed).</summary>
    public List<AttemptRecord>? Attempts { get; init; }

    /// <summary>Each page fetched, when the paging policy followed pages.</summary>
    public List<PageRecord>? Pages { get; init; }

    /// <summary>Why paging stopped.</summary>
    public string? StoppedBecause { get; init; }

    /// <summary>Each batch's exchange, when the batching policy split the body.</summary>
    public IReadOnlyList<Exchange>? Batches { get; init; }

    /// <summary>A call that got no response: nothing sent (<see cref="DiagnosisKinds.InvalidRequest"/>) or a transport failure.</summary>
    public static Exchange Failed(string kind, string message, RequestSummary? request, double durationMs = 0) => new()
    {
        Request = request,
        Diagnosis = DiagnosisEngine.ForTransport(kind, message),
        DurationMs = durationMs,
    };

    /// <summary>The body as JSON, parsed from the bytes received when it still is bytes.</summary>
    public JsonNode? ParsedBody() => Body is ReceivedJson json ? json.Parse() : (JsonNode?)Body;

    /// <summary>The step result of this exchange: the one place a call's <see cref="StepResult"/> is made.</summary>
    public StepResult ToResult()
    {
        var result = new StepResult
        {
            Ok = Ok,
            Status = Status,
            StatusText = StatusText,
            BodyFormat = Format,
            DurationMs = DurationMs,
            Request = Request,
            Redirects = Redirects,
            Attempts = Attempts,
            Pages = Pages,
            StoppedBecause = StoppedBecause,
            Batches = Batches?.Select(static b => b.ToResult()).ToList(),
            Diagnosis = Diagnosis,
            ReceivedBytes = ReceivedBytes,
            DecodeFailed = DecodeFailed,
        };
        if (Headers is not null)
        {
            result.Headers = Headers;
        }
        if (Cookies is not null)
        {
            result.Cookies = Cookies;
        }
        if (Body is ReceivedJson received)
        {
            result.SetReceivedJson(received);
        }
        else if (Body is not null)
        {
            result.Body = (JsonNode)Body;
        }
        return result;
    }
}
