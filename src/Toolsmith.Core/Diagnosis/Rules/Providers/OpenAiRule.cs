using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Providers;

/// <summary>
/// OpenAI: <c>{"error": {"message", "type", "param", "code"}}</c>. A 429 is either a rate limit (<c>rate_limit_exceeded</c>, wait as
/// <c>x-ratelimit-reset-requests</c>/<c>-tokens</c> say: "6s", "1m30s") or <c>insufficient_quota</c>, which only billing fixes.
/// Restricted keys get 401 "Missing scopes: …".
/// </summary>
internal sealed class OpenAiRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } body || JsonRead.Get(body, "error") is not JsonObject error || !IsOpenAi(context, error))
        {
            return;
        }
        context.Provider = "OpenAI";
        switch (JsonRead.Str(error, "code") ?? JsonRead.Str(error, "type"))
        {
            case "insufficient_quota":
                context.Propose(DiagnosisKinds.QuotaExceeded, Evidence.Provider);
                context.Hint ??= "The organization is out of credits or over its monthly budget: add credits or raise the limit under Settings → Billing; retrying will not help until then.";
                break;
            case "rate_limit_exceeded":
                context.Propose(DiagnosisKinds.RateLimited, Evidence.Provider);
                break;
            case "invalid_api_key":
                context.Propose(DiagnosisKinds.BadCredentials, Evidence.Provider);
                break;
            case "model_not_found":
                context.Propose(DiagnosisKinds.NotFound, Evidence.Provider);
                break;
            case "context_length_exceeded":
                context.Hint ??= "The input is longer than the model's context window: send fewer or shorter messages, or lower max_tokens.";
                break;
        }
        if (context.MissingScopes.Count > 0 || context.Texts.Any(t => t.Contains("Missing scopes", StringComparison.OrdinalIgnoreCase)))
        {
            context.Hint ??= "Edit the restricted API key (or the project member's role) to allow the missing permission, or use a key with full permissions.";
        }
        var now = context.Time.GetUtcNow();
        foreach (var name in (ReadOnlySpan<string>)["x-ratelimit-reset-requests", "x-ratelimit-reset-tokens"])
        {
            if (context.Header("x-ratelimit-remaining-" + name[("x-ratelimit-reset-".Length)..]) == "0"
                && context.Header(name) is { } reset && RetryAfter.ParseReset(reset, now) is { } seconds)
            {
                // Retry-After, when sent, is read by the rate-limit rule and takes precedence.
                if (context.Header("Retry-After") is null)
                {
                    context.RetryAfterSeconds ??= seconds;
                }
            }
        }
    }

    private static bool IsOpenAi(DiagnosisContext context, JsonObject error) =>
        context.HostIs("openai.com") || context.Header("openai-organization") is not null || context.Header("openai-processing-ms") is not null
        || context.Header("x-ratelimit-limit-requests") is not null
        || JsonRead.Str(error, "message")?.Contains("platform.openai.com", StringComparison.Ordinal) == true
        || (error.ContainsKey("param") && error.ContainsKey("type") && error.ContainsKey("code") && !error.ContainsKey("doc_url"));
}
