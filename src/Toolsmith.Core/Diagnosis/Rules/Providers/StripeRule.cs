using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Providers;

/// <summary>
/// Stripe: <c>{"error": {"type", "code", "param", "message", "doc_url"}}</c>. Card errors (402) are declines, not bugs;
/// idempotency errors are conflicts; <c>Stripe-Should-Retry</c> says whether retrying can help.
/// </summary>
internal sealed class StripeRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } body || JsonRead.Get(body, "error") is not JsonObject error || !IsStripe(context, error))
        {
            return;
        }
        context.Provider = "Stripe";
        switch (JsonRead.Str(error, "type"))
        {
            case "card_error":
                context.Propose(DiagnosisKinds.RequestRejected, Evidence.Provider);
                var decline = JsonRead.Str(error, "decline_code") ?? JsonRead.Str(error, "code");
                context.Hint ??= $"The card was declined{(decline is null ? "" : $" ({decline})")}: ask the customer for another payment method; retrying the same card rarely helps.";
                break;
            case "idempotency_error":
                context.Propose(DiagnosisKinds.Conflict, Evidence.Provider);
                context.Hint ??= "An Idempotency-Key was reused with different parameters: use a new key for a new request.";
                break;
            case "authentication_error":
                context.Propose(DiagnosisKinds.BadCredentials, Evidence.Provider);
                break;
            case "rate_limit_error":
                context.Propose(DiagnosisKinds.RateLimited, Evidence.Provider);
                break;
            case "api_error":
                context.Propose(DiagnosisKinds.ServerError, Evidence.Provider);
                break;
        }
        if (JsonRead.Str(error, "code") == "resource_missing")
        {
            context.Hint ??= "Check the id, and that it belongs to the same mode as the key (test ids do not exist in live mode, and the reverse) and to the same account.";
        }
        if (context.Status == 401)
        {
            context.Hint ??= "Use a valid secret key (sk_test_… or sk_live_…) from the Stripe dashboard, sent as \"Authorization: Bearer <key>\".";
        }
        if (context.Header("Stripe-Should-Retry") == "false")
        {
            context.AddNote("Stripe says retrying this request will not help (Stripe-Should-Retry: false).");
        }
    }

    private static bool IsStripe(DiagnosisContext context, JsonObject error) =>
        context.HostIs("stripe.com") || context.Header("Stripe-Should-Retry") is not null || context.Header("Request-Id")?.StartsWith("req_", StringComparison.Ordinal) == true
        || JsonRead.Str(error, "doc_url")?.Contains("stripe.com", StringComparison.Ordinal) == true
        || JsonRead.Str(error, "request_log_url")?.Contains("stripe.com", StringComparison.Ordinal) == true
        || JsonRead.Str(error, "message") is { } m && (m.Contains("sk_test_", StringComparison.Ordinal) || m.Contains("sk_live_", StringComparison.Ordinal));
}
