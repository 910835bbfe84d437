using System.Text.Json.Nodes;

namespace Toolsmith.Core.Diagnosis;

/// <summary>A whole exchange as the diagnosis engine reads it: what was asked and what came back.</summary>
public sealed class ResponseExchange
{
    /// <summary>The HTTP method sent.</summary>
    public required string Method { get; init; }

    /// <summary>The URL sent (redacted).</summary>
    public required string Url { get; init; }

    /// <summary>The response status.</summary>
    public required int Status { get; init; }

    /// <summary>The response headers; names compare case-insensitively.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The response body bytes as read (may be empty, e.g. for blob responses, or truncated at the cap).</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The body already parsed as JSON, when it was.</summary>
    public JsonNode? ParsedBody { get; init; }

    /// <summary>Whether a 2xx/3xx body reports a failure, when that was read as the body arrived (see <see cref="Reading.SuccessBody.TryReadJson"/>).</summary>
    internal bool? BodyReportsFailure { get; init; }

    /// <summary>The JSON body the step sent, to map a field path back to it ("body[3].value").</summary>
    public JsonNode? RequestBody { get; init; }

    /// <summary>The URL parameter names the step sent.</summary>
    public IReadOnlyCollection<string>? RequestParamNames { get; init; }

    /// <summary>The OAuth scopes the operation needs, as its API description says (the step's <c>requiredScopes</c>).</summary>
    public IReadOnlyList<string>? RequiredScopes { get; init; }
}
