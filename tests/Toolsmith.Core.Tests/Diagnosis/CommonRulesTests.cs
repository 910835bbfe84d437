using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

public class CommonRulesTests
{
    [Fact]
    public void ErrorFields_FastApiLoc_MapsQueryToParamsAndBodyToBody()
    {
        var exchange = Ex.Make(422, """{"detail":[{"loc":["query","limit"],"msg":"ensure this value is less than 100","type":"value_error"},{"loc":["body","title"],"msg":"field required","type":"value_error.missing"}]}""",
            request: """{"title":null}""", @params: ["limit"]);
        var d = Ex.Diagnose(exchange);
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(["params.limit", "body.title"], d.Paths());
    }

    [Fact]
    public void ErrorFields_ArrayBodyIndex_MapsToBodyIndex()
    {
        var exchange = Ex.Make(400, """{"errors":[{"field":"[3].value","message":"must not be empty"}]}""",
            request: """[{"key":"a","value":"1"},{"key":"b","value":"2"},{"key":"c","value":"3"},{"key":"d","value":""}]""");
        Assert.Equal(["body[3].value"], Ex.Diagnose(exchange).Paths());
    }

    [Fact]
    public void ErrorFields_UniqueNameDeeperInBody_MapsToItsPlace()
    {
        // Jira names "summary"; the step sent it under "fields".
        var exchange = Ex.Make(400, """{"errorMessages":[],"errors":{"summary":"Operation value must be a string"}}""",
            request: """{"fields":{"project":{"key":"X"},"summary":42}}""");
        Assert.Equal(["body.fields.summary"], Ex.Diagnose(exchange).Paths());
    }

    [Fact]
    public void ErrorFields_DjangoRestTopLevelMap_ListsFields()
    {
        var d = Ex.Diagnose(400, """{"email":["Enter a valid email address."],"age":["A valid integer is required."]}""");
        Assert.Equal(["email", "age"], d.Paths());
    }

    [Fact]
    public void ErrorFields_SpringBootPath_IsNotAField()
    {
        var d = Ex.Diagnose(400, """{"timestamp":"2024-01-01T00:00:00Z","status":400,"error":"Bad Request","path":"/api/users","errors":[{"field":"name","defaultMessage":"must not be blank"}]}""");
        Assert.Equal(["name"], d.Paths());
        Assert.Equal("must not be blank", d.Fields![0].Message);
    }

    [Fact]
    public void ErrorFields_ZodIssuesPathArray_ListsPath()
    {
        var d = Ex.Diagnose(400, """{"issues":[{"code":"invalid_type","path":["user","age"],"message":"Expected number, received string"}]}""");
        Assert.Equal(["user.age"], d.Paths());
    }

    [Fact]
    public void ErrorFields_LaravelErrorsMap_ListsFields()
    {
        var d = Ex.Diagnose(422, """{"message":"The email field is required. (and 1 more error)","errors":{"email":["The email field is required."],"password":["The password must be at least 8 characters."]}}""");
        Assert.Equal(["email", "password"], d.Paths());
    }

    [Fact]
    public void ErrorFields_JsonInsideMessage_IsRead()
    {
        var d = Ex.Diagnose(400, """{"message":"Property values were not valid: [{\"isValid\":false,\"message\":\"bad\",\"name\":\"phone\"}]"}""");
        Assert.Equal(["phone"], d.Paths());
    }

    [Fact]
    public void ErrorFields_BodyIsJsonInsideAJsonString_IsUnwrapped()
    {
        var d = Ex.Diagnose(422, "\"{\\\"errors\\\":[{\\\"field\\\":\\\"title\\\",\\\"message\\\":\\\"is required\\\"}]}\"");
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(["title"], d.Paths());
    }

    [Fact]
    public void MessageText_FieldNamedInMessage_IsFound()
    {
        var d = Ex.Diagnose(400, """{"message":"Invalid value for parameter 'per_page': must be at most 100"}""");
        Assert.Contains("per_page", d.Paths());
    }

    [Fact]
    public void MessageText_MissingScopesList_NamesThem()
    {
        var d = Ex.Diagnose(403, """{"message":"Insufficient scope. Required scopes: read:users, write:users"}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["read:users", "write:users"], d.Scopes!.Missing);
    }

    [Fact]
    public void MessageText_ScopeNotNamed_StillSaysMissingScope()
    {
        var d = Ex.Diagnose(403, """{"message":"The access token does not have the required scope"}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Contains("documentation", d.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, "Daily request quota exceeded for this project", DiagnosisKinds.QuotaExceeded)]
    [InlineData(429, "You exceeded your current quota, please check your plan and billing details.", DiagnosisKinds.QuotaExceeded)]
    [InlineData(429, "Rate limit exceeded: 100 requests per minute. Try again in 20s.", DiagnosisKinds.RateLimited)]
    [InlineData(403, "API rate limit exceeded", DiagnosisKinds.RateLimited)]
    [InlineData(400, "Request body is not valid JSON", DiagnosisKinds.MalformedBody)]
    [InlineData(401, "Your session has expired, please log in again", DiagnosisKinds.ExpiredCredentials)]
    [InlineData(400, "Request entity too large", DiagnosisKinds.PayloadTooLarge)]
    [InlineData(403, "CSRF token missing or incorrect", DiagnosisKinds.RequestRejected)]
    public void MessageText_Words_GiveTheKind(int status, string message, string kind)
    {
        var d = Ex.Diagnose(status, $$"""{"message":"{{message}}"}""");
        Assert.Equal(kind, d.Kind);
    }

    [Fact]
    public void MessageText_TryAgainIn_GivesRetryAfter()
    {
        var d = Ex.Diagnose(429, """{"message":"Rate limit reached. Please try again in 1m30s."}""");
        Assert.Equal(90, d.RetryAfterSeconds);
    }

    [Fact]
    public void RateLimit_RemainingZeroOn403_IsRateLimited()
    {
        var d = Ex.Diagnose(403, """{"message":"Forbidden"}""", ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset-After", "12"));
        Assert.Equal(DiagnosisKinds.RateLimited, d.Kind);
        Assert.Equal(12, d.RetryAfterSeconds);
    }

    [Fact]
    public void RateLimit_BodyRetryAfter_IsRead()
    {
        var d = Ex.Diagnose(429, """{"message":"You are being rate limited.","retry_after":64.57,"global":false}""");
        Assert.Equal(64.57, d.RetryAfterSeconds);
    }

    [Fact]
    public void RateLimit_ResetHeaderOnAPermissionError_IsNotAWait()
    {
        var d = Ex.Diagnose(403, """{"message":"Must have admin rights to Repository."}""", ("X-RateLimit-Remaining", "4999"), ("X-RateLimit-Reset", "1900000000"));
        Assert.Equal(DiagnosisKinds.InsufficientPermission, d.Kind);
        Assert.Null(d.RetryAfterSeconds);
    }

    [Fact]
    public void ErrorCode_ScopeCodeBeatsPermissionCode()
    {
        var d = Ex.Diagnose(403, """{"error":{"status":"PERMISSION_DENIED","details":[{"reason":"ACCESS_TOKEN_SCOPE_INSUFFICIENT"}]}}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
    }

    [Fact]
    public void Status_WeakWordsDoNotContradictA401()
    {
        var d = Ex.Diagnose(401, """{"error":{"type":"invalid_request_error","message":"No API key provided."}}""");
        Assert.Equal(DiagnosisKinds.BadCredentials, d.Kind);
    }

    [Fact]
    public void MessageText_RootedBodyPath_IsFound()
    {
        var d = Ex.Diagnose(400, """{"object":"error","status":400,"code":"validation_error","message":"body failed validation: body.parent.page_id should be defined, instead was `undefined`."}""");
        Assert.Equal(["body.parent.page_id"], d.Paths());
    }

    [Fact]
    public void MessageText_LeadingIdentifier_IsNamedAsTheApiSpellsIt_AndMappedWhenTheRequestHasIt()
    {
        const string Body = """{"type":"error","error":{"type":"invalid_request_error","message":"messages: roles must alternate between user and assistant"}}""";
        Assert.Equal(["messages"], Ex.Diagnose(400, Body).Paths());
        // A capitalized word that starts a sentence is a field only when the request has it.
        Assert.Empty(Ex.Diagnose(400, """{"message":"Roles must alternate between user and assistant"}""").Paths());
        var d = Ex.Diagnose(Ex.Make(400, Body, request: """{"model":"m","messages":[{"role":"user","content":"hi"}]}"""));
        Assert.Equal(["body.messages"], d.Paths());
    }

    [Fact]
    public void MessageText_MissingRequiredPermission_NamesIt()
    {
        var d = Ex.Diagnose(403, """{"errors":[{"code":"AccessDenied","message":"Missing required permission: read_products"}]}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["read_products"], d.Scopes!.Missing);
    }

    [Fact]
    public void MessageText_AzureRbacScopeWord_IsPermissionNotScope()
    {
        var d = Ex.Diagnose(403, """{"error":{"code":"AuthorizationFailed","message":"The client 'x' does not have authorization to perform action 'a/read' over scope '/subscriptions/z' or the scope is invalid."}}""");
        Assert.Equal(DiagnosisKinds.InsufficientPermission, d.Kind);
    }
}
