using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Providers;

/// <summary>
/// Shopify Admin API. REST: <c>{"errors": "…"}</c> or <c>{"errors": {"field": [...]}}</c>, "requires merchant approval for X scope",
/// <c>X-Shopify-Shop-Api-Call-Limit</c>. GraphQL: THROTTLED with <c>extensions.cost.throttleStatus</c>, from which the wait is
/// computed (points missing ÷ restore rate).
/// </summary>
internal sealed class ShopifyRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        var throttle = ThrottleStatus(context);
        if (throttle is null && !context.HostIs("myshopify.com") && !context.HostIs("shopify.com")
            && context.Header("X-Shopify-Shop-Api-Call-Limit") is null && context.Header("X-Shopify-Stage") is null
            && !context.Texts.Any(t => t.Contains("merchant approval", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }
        context.Provider = "Shopify";
        if (context.Texts.Any(t => t.Contains("merchant approval", StringComparison.OrdinalIgnoreCase)))
        {
            context.Propose(DiagnosisKinds.MissingScope, Evidence.Provider);
            context.Hint ??= "Add the scope to the app's access scopes (shopify.app.toml or the app's configuration), then have the merchant re-install or re-approve the app so the new token has it.";
        }
        if (throttle is not null)
        {
            var requested = JsonRead.Number(context.BodyObject?["extensions"]?["cost"] as JsonObject, "requestedQueryCost");
            var available = JsonRead.Number(throttle, "currentlyAvailable");
            var rate = JsonRead.Number(throttle, "restoreRate");
            if (requested is { } r && available is { } a && rate is > 0 && r > a)
            {
                context.RetryAfterSeconds ??= Math.Round((r - a) / rate.Value, 2);
            }
            var maximum = JsonRead.Number(throttle, "maximumAvailable");
            if (requested is { } req && maximum is { } max && req > max)
            {
                context.Propose(DiagnosisKinds.RequestRejected, Evidence.Provider);
                context.Hint ??= $"The query costs {req:0} points, more than the bucket's maximum of {max:0}: ask for fewer items per page or fewer fields.";
            }
        }
    }

    private static JsonObject? ThrottleStatus(DiagnosisContext context) =>
        context.BodyObject?["extensions"] is JsonObject extensions && extensions["cost"] is JsonObject cost
            ? cost["throttleStatus"] as JsonObject
            : null;
}
