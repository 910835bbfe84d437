using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

public class ProviderRulesTests
{
    [Fact]
    public void GitHub_AcceptedScopeMissing_On404_IsMissingScopeWithGranted()
    {
        var d = Ex.Diagnose(404, """{"message":"Not Found"}""", ("X-OAuth-Scopes", "repo, gist"), ("X-Accepted-OAuth-Scopes", "admin:org, write:org"));
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["admin:org", "write:org"], d.Scopes!.Missing);
        Assert.Equal(["repo", "gist"], d.Scopes.Granted);
        Assert.Contains("one of", d.Title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("repo", "repo:status")]
    [InlineData("admin:org", "read:org")]
    [InlineData("admin:org", "write:org")]
    [InlineData("user", "user:email")]
    public void GitHub_ScopeHierarchy_ImpliedScopeIsNotMissing(string granted, string accepted)
    {
        var d = Ex.Diagnose(404, """{"message":"Not Found"}""", ("X-OAuth-Scopes", granted), ("X-Accepted-OAuth-Scopes", accepted));
        Assert.Equal(DiagnosisKinds.NotFound, d.Kind);
    }

    [Fact]
    public void GitHub_FineGrainedToken_NamesAcceptedPermission()
    {
        var d = Ex.Diagnose(403, """{"message":"Resource not accessible by personal access token","documentation_url":"https://docs.github.com/rest"}""",
            ("X-Accepted-GitHub-Permissions", "issues=write; pull_requests=write"));
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["issues=write", "pull_requests=write"], d.Scopes!.Missing);
    }

    [Fact]
    public void GitHub_SecondaryRateLimit_403WithRetryAfter()
    {
        var d = Ex.Diagnose(403, """{"message":"You have exceeded a secondary rate limit.","documentation_url":"https://docs.github.com/rest"}""", ("Retry-After", "60"));
        Assert.Equal(DiagnosisKinds.RateLimited, d.Kind);
        Assert.Equal(60, d.RetryAfterSeconds);
        Assert.Equal("GitHub", d.Provider);
    }

    [Fact]
    public void Slack_MissingScope_NeededAndProvided()
    {
        var d = Ex.Diagnose(200, """{"ok":false,"error":"missing_scope","needed":"chat:write,chat:write.public","provided":"users:read"}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["chat:write", "chat:write.public"], d.Scopes!.Missing);
        Assert.Equal(["users:read"], d.Scopes.Granted);
    }

    [Fact]
    public void Slack_NotInChannel_SaysInviteTheBot()
    {
        var d = Ex.Diagnose(200, """{"ok":false,"error":"not_in_channel"}""");
        Assert.Equal(DiagnosisKinds.InsufficientPermission, d.Kind);
        Assert.Contains("/invite", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Slack_TokenExpired_IsExpiredCredentials()
    {
        Assert.Equal(DiagnosisKinds.ExpiredCredentials, Ex.Diagnose(200, """{"ok":false,"error":"token_expired"}""").Kind);
    }

    [Fact]
    public void Google_ServiceDisabled_HintHasActivationUrl()
    {
        var d = Ex.Diagnose(403, """{"error":{"code":403,"message":"API has not been used","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED","domain":"googleapis.com","metadata":{"activationUrl":"https://console.developers.google.com/apis/api/x/overview?project=1"}}]}}""");
        Assert.Equal(DiagnosisKinds.RequestRejected, d.Kind);
        Assert.Contains("https://console.developers.google.com/apis/api/x/overview?project=1", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Google_DailyLimitExceeded_IsQuota()
    {
        var d = Ex.Diagnose(403, """{"error":{"errors":[{"domain":"usageLimits","reason":"dailyLimitExceeded","message":"Daily Limit Exceeded"}],"code":403,"message":"Daily Limit Exceeded"}}""");
        Assert.Equal(DiagnosisKinds.QuotaExceeded, d.Kind);
    }

    [Fact]
    public void MicrosoftGraph_AccessDenied_IsMissingScopeWithHowToFindIt()
    {
        var d = Ex.Diagnose(403, """{"error":{"code":"accessDenied","message":"Access denied","innerError":{"request-id":"x"}}}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Contains("jwt.ms", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Salesforce_ConcurrentLimit_IsRateLimitNotQuota()
    {
        var d = Ex.Diagnose(403, """[{"message":"ConcurrentPerOrgLongTxn Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""");
        Assert.Equal(DiagnosisKinds.RateLimited, d.Kind);
    }

    [Fact]
    public void HubSpot_DailyPolicy_IsQuota()
    {
        var d = Ex.Diagnose(429, """{"status":"error","message":"You have reached your daily limit.","errorType":"RATE_LIMIT","policyName":"DAILY"}""");
        Assert.Equal(DiagnosisKinds.QuotaExceeded, d.Kind);
    }

    [Fact]
    public void Stripe_CardDeclined_IsRequestRejected()
    {
        var d = Ex.Diagnose(402, """{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds.","doc_url":"https://stripe.com/docs/error-codes/card-declined"}}""");
        Assert.Equal(DiagnosisKinds.RequestRejected, d.Kind);
        Assert.Contains("insufficient_funds", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Shopify_Throttled_WaitFromThrottleStatus()
    {
        var d = Ex.Diagnose(200, """{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}],"extensions":{"cost":{"requestedQueryCost":100,"throttleStatus":{"maximumAvailable":1000.0,"currentlyAvailable":50,"restoreRate":50.0}}}}""");
        Assert.Equal(DiagnosisKinds.RateLimited, d.Kind);
        Assert.Equal(1, d.RetryAfterSeconds);
    }

    [Fact]
    public void OpenAi_InsufficientQuota_IsQuotaNotRateLimit()
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(429, """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""",
            url: "https://api.openai.com/v1/responses"))!;
        Assert.Equal(DiagnosisKinds.QuotaExceeded, d.Kind);
        Assert.Equal("OpenAI", d.Provider);
        Assert.Null(d.RetryAfterSeconds);
    }

    [Fact]
    public void OpenAi_ResetDurationHeader_GivesWait()
    {
        var d = Ex.Diagnose(429, """{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""",
            ("x-ratelimit-remaining-tokens", "0"), ("x-ratelimit-reset-tokens", "1m30s"), ("x-ratelimit-limit-requests", "10"));
        Assert.Equal(90, d.RetryAfterSeconds);
    }
}
