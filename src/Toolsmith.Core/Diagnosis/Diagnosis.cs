using System.Text.Json.Serialization;

namespace Toolsmith.Core.Diagnosis;

/// <summary>Why a call failed, in plain words, and what to do about it (docs/design.md, "Diagnosis").</summary>
public sealed class Diagnosis
{
    /// <summary>One of <see cref="DiagnosisKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>One line: what went wrong.</summary>
    public required string Title { get; init; }

    /// <summary>Plain words: why it went wrong.</summary>
    public required string Explanation { get; init; }

    /// <summary>What to do about it.</summary>
    public required string Hint { get; init; }

    /// <summary>Missing and granted scopes, when the response tells.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ScopeInfo? Scopes { get; init; }

    /// <summary>Invalid fields with their reasons, when the response tells.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<FieldProblem>? Fields { get; init; }

    /// <summary>How long to wait before retrying, when the response tells.</summary>
    public double? RetryAfterSeconds { get; init; }

    /// <summary>The API's provider, when recognised.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Provider { get; init; }

    /// <summary>The API's own error message, as it said it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProviderMessage { get; init; }

    /// <summary>The same diagnosis with another hint.</summary>
    internal Diagnosis WithHint(string hint) => new()
    {
        Kind = Kind, Title = Title, Explanation = Explanation, Hint = hint, Scopes = Scopes, Fields = Fields,
        RetryAfterSeconds = RetryAfterSeconds, Provider = Provider, ProviderMessage = ProviderMessage,
    };
}

/// <summary>Scopes a call needed and had.</summary>
public sealed class ScopeInfo
{
    /// <summary>Scopes the call needs that the credential lacks.</summary>
    public List<string> Missing { get; init; } = [];

    /// <summary>Scopes the credential has.</summary>
    public List<string>? Granted { get; init; }

    /// <summary>Scopes the operation needs, as its API description says (from the step's <c>requiredScopes</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Required { get; init; }
}

/// <summary>One invalid field.</summary>
/// <param name="Path">Where the field is, e.g. <c>body[3].value</c> or <c>params.limit</c>.</param>
/// <param name="Message">What is wrong with it or what was expected.</param>
public sealed record FieldProblem(string Path, string Message);

/// <summary>The exact strings of the diagnosis <c>kind</c> vocabulary.</summary>
public static class DiagnosisKinds
{
#pragma warning disable CS1591 // the names are the documentation
    public const string MissingScope = "missing_scope";
    public const string InsufficientPermission = "insufficient_permission";
    public const string BadCredentials = "bad_credentials";
    public const string ExpiredCredentials = "expired_credentials";
    public const string InvalidValue = "invalid_value";
    public const string MalformedBody = "malformed_body";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string Conflict = "conflict";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RateLimited = "rate_limited";
    public const string QuotaExceeded = "quota_exceeded";
    public const string RequestRejected = "request_rejected";
    public const string ServerError = "server_error";
    public const string Timeout = "timeout";
    public const string ConnectionFailed = "connection_failed";
    public const string DnsFailure = "dns_failure";
    public const string TlsError = "tls_error";
    public const string BlockedByPolicy = "blocked_by_policy";
    public const string InvalidRequest = "invalid_request";
    public const string Unknown = "unknown";
#pragma warning restore CS1591
}
