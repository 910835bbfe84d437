using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Standards;

/// <summary>
/// google.rpc.Status as JSON (AIP-193, used by Google APIs and gRPC gateways): <c>error.status</c> canonical codes,
/// <c>error.details[]</c> (ErrorInfo reason/metadata, BadRequest fieldViolations, QuotaFailure, RetryInfo, Help), and the
/// legacy <c>error.errors[]</c> with domain/reason/location.
/// </summary>
internal sealed class GoogleApiErrorRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } body || JsonRead.Get(body, "error") is not JsonObject error)
        {
            return;
        }
        var status = JsonRead.Str(error, "status");
        var details = JsonRead.Get(error, "details") as JsonArray;
        var legacy = JsonRead.Get(error, "errors") as JsonArray;
        if (status is null && details is null && legacy is null)
        {
            return;
        }
        var message = JsonRead.Str(error, "message");
        if (message is not null)
        {
            context.Message ??= message;
        }
        if (status is not null && Canonical(status, message ?? "") is { } canonical)
        {
            // The canonical code is coarse (PERMISSION_DENIED also covers a missing scope): more precise codes and words may refine it.
            context.Propose(canonical, status == "RESOURCE_EXHAUSTED" ? Evidence.Code : Evidence.Text);
        }
        foreach (var detail in details ?? [])
        {
            if (detail is JsonObject d)
            {
                Detail(d, context);
            }
        }
        foreach (var item in legacy ?? [])
        {
            if (item is JsonObject e && JsonRead.Str(e, "reason") is { } reason)
            {
                // usageLimits reasons: dailyLimitExceeded and quotaExceeded do not pass by retrying; rateLimitExceeded does.
                if (ErrorVocabulary.ClassifyCode(reason) is { } kind && kind is DiagnosisKinds.RateLimited or DiagnosisKinds.QuotaExceeded)
                {
                    context.Propose(kind, Evidence.Structured);
                }
            }
        }
    }

    private static void Detail(JsonObject detail, DiagnosisContext context)
    {
        var type = JsonRead.Str(detail, "@type") ?? "";
        if (type.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal))
        {
            var reason = JsonRead.Str(detail, "reason");
            var metadata = JsonRead.Get(detail, "metadata") as JsonObject;
            if (reason is not null)
            {
                var where = JsonRead.Str(metadata, "method") is { } method
                    ? $" for {method}{(JsonRead.Str(metadata, "service") is { } service ? $" on {service}" : "")}"
                    : JsonRead.Str(metadata, "service") is { } svc ? $" on {svc}" : "";
                context.AddNote($"The API's reason is {reason}{where}.");
                switch (reason)
                {
                    case "ACCESS_TOKEN_SCOPE_INSUFFICIENT":
                        context.Propose(DiagnosisKinds.MissingScope, Evidence.Structured);
                        break;
                    case "SERVICE_DISABLED" or "API_DISABLED":
                        context.Propose(DiagnosisKinds.RequestRejected, Evidence.Structured);
                        context.Hint ??= JsonRead.Str(metadata, "activationUrl") is { } url
                            ? $"Enable the API for the project at {url}, wait a few minutes, then try again."
                            : "Enable this API for the project in the console, wait a few minutes, then try again.";
                        break;
                    case "BILLING_DISABLED":
                        context.Propose(DiagnosisKinds.QuotaExceeded, Evidence.Structured);
                        break;
                    default:
                        if (ErrorVocabulary.ClassifyCode(reason) is { } kind)
                        {
                            context.Propose(kind, Evidence.Structured);
                        }
                        break;
                }
            }
        }
        else if (type.EndsWith("google.rpc.BadRequest", StringComparison.Ordinal) && JsonRead.Get(detail, "fieldViolations") is JsonArray violations)
        {
            foreach (var v in violations)
            {
                if (v is JsonObject violation && JsonRead.Str(violation, "field") is { Length: > 0 } field)
                {
                    context.AddField(field, FieldLocation.Unknown, JsonRead.FirstStr(violation, ["description", "reason"]));
                }
            }
            if (context.FieldCount > 0)
            {
                context.Propose(DiagnosisKinds.InvalidValue, Evidence.Structured);
            }
        }
        else if (type.EndsWith("google.rpc.QuotaFailure", StringComparison.Ordinal) && JsonRead.Get(detail, "violations") is JsonArray quota)
        {
            var words = string.Join(" ", quota.OfType<JsonObject>().Select(q => $"{JsonRead.Str(q, "subject")} {JsonRead.Str(q, "description")} {JsonRead.Str(q, "quotaId")}"));
            context.Propose(ErrorVocabulary.LimitKind(words + " quota") ?? DiagnosisKinds.QuotaExceeded, Evidence.Structured);
        }
        else if (type.EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal) && JsonRead.Str(detail, "retryDelay") is { } delay)
        {
            context.RetryAfterSeconds ??= RetryAfter.ParseDuration(delay);
        }
        else if (type.EndsWith("google.rpc.Help", StringComparison.Ordinal) && JsonRead.Get(detail, "links") is JsonArray { Count: > 0 } links
            && links[0] is JsonObject link && JsonRead.Str(link, "url") is { } helpUrl)
        {
            context.AddNote($"The API's help: {helpUrl}");
        }
    }

    /// <summary>The canonical google.rpc.Code names.</summary>
    private static string? Canonical(string status, string message) => status switch
    {
        "INVALID_ARGUMENT" or "OUT_OF_RANGE" => DiagnosisKinds.InvalidValue,
        "FAILED_PRECONDITION" or "CANCELLED" => DiagnosisKinds.RequestRejected,
        "UNAUTHENTICATED" => DiagnosisKinds.BadCredentials,
        "PERMISSION_DENIED" => DiagnosisKinds.InsufficientPermission,
        "NOT_FOUND" => DiagnosisKinds.NotFound,
        "ALREADY_EXISTS" or "ABORTED" => DiagnosisKinds.Conflict,
        "RESOURCE_EXHAUSTED" => ErrorVocabulary.LimitKind(message + " limit exceeded") ?? DiagnosisKinds.RateLimited,
        "INTERNAL" or "UNKNOWN" or "DATA_LOSS" or "UNAVAILABLE" => DiagnosisKinds.ServerError,
        "DEADLINE_EXCEEDED" => DiagnosisKinds.Timeout,
        "UNIMPLEMENTED" => DiagnosisKinds.MethodNotAllowed,
        _ => null,
    };
}
