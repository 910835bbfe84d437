using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Results;

/// <summary>What one step produced (DESIGN §4); also what <c>--json</c> prints for a single step.</summary>
public sealed class StepResult
{
    /// <summary>True for a 2xx response (or a 3xx that was not followed) whose body does not report a failure.</summary>
    public bool Ok { get; set; }

    /// <summary>The HTTP status; null when no response arrived (transport failure, refused before sending).</summary>
    public int? Status { get; set; }

    /// <summary>The reason phrase of <see cref="Status"/>.</summary>
    public string? StatusText { get; set; }

    /// <summary>Response headers, names in lower case; repeated headers joined with ", ".</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cookies set by the response (name → value).</summary>
    public Dictionary<string, string> Cookies { get; set; } = [];

    /// <summary>The decoded body: text, parsed JSON, base64 bytes, or a blob descriptor.</summary>
    public JsonNode? Body { get; set; }

    /// <summary>string, json, arrayBuffer or blob.</summary>
    public string? BodyFormat { get; set; }

    /// <summary>Wall time from the first byte sent to the last byte read, in milliseconds.</summary>
    public double DurationMs { get; set; }

    /// <summary>The request as sent (after the last redirect), secrets redacted.</summary>
    public RequestSummary? Request { get; set; }

    /// <summary>Redirects followed, in order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<RedirectHop>? Redirects { get; set; }

    /// <summary>Why the call failed, in plain words; present whenever it did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Diagnosis.Diagnosis? Diagnosis { get; set; }

    /// <summary>True when the body could not be read in the chosen response format (always fails the step).</summary>
    [JsonIgnore]
    public bool DecodeFailed { get; set; }

    /// <summary>True when Toolsmith refused to send (bad input); the CLI exits 2 for it.</summary>
    [JsonIgnore]
    public bool NotSent => Status is null && Diagnosis?.Kind is DiagnosisKinds.InvalidRequest or DiagnosisKinds.BlockedByPolicy or DiagnosisKinds.InvalidValue;
}

/// <summary>The request as it was sent, with secrets redacted.</summary>
public sealed class RequestSummary
{
    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The absolute URL.</summary>
    public required string Url { get; set; }

    /// <summary>Request headers, names in lower case.</summary>
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Size of the body sent, in bytes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? BodySize { get; set; }
}

/// <summary>One redirect that was followed.</summary>
public sealed record RedirectHop(int Status, string From, string To);
