using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Model;

namespace Toolsmith.Core.Results;

/// <summary>What one step produced (docs/design.md, "Step result"); also what <c>--json</c> prints for a single step.</summary>
public sealed class StepResult
{
    /// <summary>True for a 2xx response (or a 3xx that was not followed) whose body does not report a failure.</summary>
    public bool Ok { get; set; }

    /// <summary>The HTTP status; null when no response arrived (transport failure, refused before sending).</summary>
    public int? Status { get; set; }

    /// <summary>The reason phrase of <see cref="Status"/>.</summary>
    public string? StatusText { get; set; }

    private Dictionary<string, string>? _headers;
    private Dictionary<string, string>? _cookies;

    /// <summary>Response headers, names in lower case; repeated headers joined with ", ".</summary>
    public Dictionary<string, string> Headers
    {
        get => _headers ??= new(StringComparer.OrdinalIgnoreCase);
        set => _headers = value;
    }

    /// <summary>Cookies set by the response (name → value).</summary>
    public Dictionary<string, string> Cookies
    {
        get => _cookies ??= new(StringComparer.Ordinal);
        set => _cookies = value;
    }

    // The body: a JsonNode, or a ReceivedJson still unparsed (a JSON response nobody has read yet).
    private object? _body;

    /// <summary>The decoded body: text, parsed JSON, base64 bytes, or a blob descriptor.</summary>
    /// <remarks>A JSON response is parsed when this is first read; until then it is written out as the bytes received.</remarks>
    [JsonIgnore]
    public JsonNode? Body
    {
        get
        {
            var body = Volatile.Read(ref _body);
            if (body is not ReceivedJson received)
            {
                return (JsonNode?)body;
            }
            // Parsed once: concurrent readers get the same node, and from then on the node is the body (it may be changed).
            Interlocked.CompareExchange(ref _body, received.Parse(), received);
            return (JsonNode?)Volatile.Read(ref _body);
        }
        set => Volatile.Write(ref _body, value);
    }

    /// <summary>The body as it is written to JSON: the received bytes while nobody has parsed them.</summary>
    [JsonInclude]
    [JsonPropertyName("body")]
    [JsonConverter(typeof(StepBodyConverter))]
    internal object? SerializedBody
    {
        get => Volatile.Read(ref _body);
        set => Volatile.Write(ref _body, value as ReceivedJson ?? (object?)(JsonNode?)value);
    }

    /// <summary>
    /// The body's length as JSON in bytes when it is known without serializing: a received JSON body nobody has read yet
    /// (written out as the bytes received). Null otherwise.
    /// </summary>
    [JsonIgnore]
    public int? UnparsedJsonLength => Volatile.Read(ref _body) is ReceivedJson json ? json.Bytes.Length : null;

    /// <summary>The bytes of a received JSON body nobody has parsed yet; null once parsed, or for any other body.</summary>
    internal ReadOnlyMemory<byte>? UnparsedJsonBytes => Volatile.Read(ref _body) is ReceivedJson json ? json.Bytes : (ReadOnlyMemory<byte>?)null;

    /// <summary>A copy of the body that can be put into another tree: parsed afresh from the bytes received while nobody has read them.</summary>
    internal JsonNode? BodyCopy() => Volatile.Read(ref _body) is ReceivedJson json ? json.TakeCopy() : Body?.DeepClone();

    /// <summary>Sets the body to a JSON response's bytes (UTF-8, one valid JSON value, see <see cref="ReceivedJson.FromChecked"/>), parsed only when read.</summary>
    internal void SetReceivedJson(ReceivedJson json) => Volatile.Write(ref _body, json);

    /// <summary>How the body was read.</summary>
    public ResponseFormat? BodyFormat { get; set; }

    /// <summary>Wall time from the first byte sent to the last byte read, in milliseconds.</summary>
    public double DurationMs { get; set; }

    /// <summary>The request as sent (after the last redirect), secrets redacted.</summary>
    public RequestSummary? Request { get; set; }

    /// <summary>Redirects followed, in order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<RedirectHop>? Redirects { get; set; }

    /// <summary>Each page fetched, when the step follows pages (its body is then the combined items).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<PageRecord>? Pages { get; set; }

    /// <summary>Why paging stopped: "empty page", "repeated page", "no next link", "maxPages", …</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StoppedBecause { get; set; }

    /// <summary>Each batch's result, when an array body was sent in batches (the body is then the summary).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<StepResult>? Batches { get; set; }

    /// <summary>Every attempt, when the step retried.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<AttemptRecord>? Attempts { get; set; }

    /// <summary>Why the call failed, in plain words; present whenever it did.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Diagnosis.Diagnosis? Diagnosis { get; set; }

    /// <summary>How many bytes of body were received (decoded), for cheap size decisions without serializing the body.</summary>
    [JsonIgnore]
    public long ReceivedBytes { get; set; }

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

    private Dictionary<string, string>? _headers;
    private Func<Dictionary<string, string>>? _headersLater;

    /// <summary>Request headers, names in lower case.</summary>
    public Dictionary<string, string> Headers
    {
        get
        {
            if (_headers is null)
            {
                _headers = _headersLater?.Invoke() ?? new(StringComparer.OrdinalIgnoreCase);
                _headersLater = null;
            }
            return _headers;
        }
        init => _headers = value;
    }

    /// <summary>Builds <see cref="Headers"/> only when something reads them: most steps of a bulk run never show their request.</summary>
    internal void HeadersWhenRead(Func<Dictionary<string, string>> build) => _headersLater = build;

    /// <summary>Size of the body sent, in bytes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? BodySize { get; set; }
}

/// <summary>One redirect that was followed.</summary>
public sealed record RedirectHop(int Status, string From, string To);

/// <summary>One attempt of a step that retried.</summary>
public sealed class AttemptRecord
{
    /// <summary>1 for the first attempt.</summary>
    public int Number { get; init; }

    /// <summary>The status it got, or null when no response came.</summary>
    public int? Status { get; init; }

    /// <summary>The diagnosis kind when it failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    /// <summary>How long it took.</summary>
    public double DurationMs { get; init; }

    /// <summary>How long Toolsmith waited after it before the next attempt.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? WaitMs { get; set; }
}

/// <summary>One page of a paginated step.</summary>
/// <param name="Number">1 for the first page.</param>
/// <param name="Url">The URL fetched (redacted).</param>
/// <param name="Status">The status it got.</param>
/// <param name="Items">How many items it had.</param>
/// <param name="DurationMs">How long it took.</param>
public sealed record PageRecord(int Number, string? Url, int? Status, int Items, double DurationMs);
