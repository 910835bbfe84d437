using Microsoft.Extensions.Time.Testing;
using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

public class StandardRulesTests
{
    [Fact]
    public void Rfc6750_InsufficientScope_NamesMissingScope()
    {
        var d = Ex.Diagnose(403, "", ("WWW-Authenticate", "Bearer realm=\"example\", error=\"insufficient_scope\", scope=\"files:write files:read\""));
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["files:write", "files:read"], d.Scopes!.Missing);
        Assert.Contains("files:write", d.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc6750_SeveralChallengesAndEscapes_ReadsTheBearerOne()
    {
        var d = Ex.Diagnose(401, null, ("WWW-Authenticate", "Basic realm=\"x, y\", Bearer realm=\"a \\\"b\\\"\", error=\"insufficient_scope\", scope=\"admin\""));
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["admin"], d.Scopes!.Missing);
    }

    [Fact]
    public void Rfc6750_InvalidTokenExpired_IsExpiredCredentials()
    {
        var d = Ex.Diagnose(401, "", ("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"The access token expired\""));
        Assert.Equal(DiagnosisKinds.ExpiredCredentials, d.Kind);
        Assert.Contains("invalid_token", d.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc6750_InvalidTokenRevoked_IsBadCredentials()
    {
        var d = Ex.Diagnose(401, "", ("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"The token was revoked\""));
        Assert.Equal(DiagnosisKinds.BadCredentials, d.Kind);
    }

    [Fact]
    public void ProblemDetails_InvalidParams_ListsEveryField()
    {
        var d = Ex.Diagnose(400, """{"type":"https://example.net/validation-error","title":"Bad","invalid-params":[{"name":"age","reason":"must be positive"},{"name":"color","reason":"must be red"}]}""",
            ("Content-Type", "application/problem+json"));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(["age", "color"], d.Paths());
        Assert.Equal("must be positive", d.Fields![0].Message);
    }

    [Fact]
    public void ProblemDetails_ErrorsPointer_MapsToTheStepsBody()
    {
        var exchange = Ex.Make(422, """{"title":"Invalid","status":422,"errors":[{"detail":"must be positive","pointer":"#/items/3/value"}]}""",
            request: """{"items":[{},{},{},{"value":-1}]}""");
        var d = Ex.Diagnose(exchange);
        Assert.Equal(["body.items[3].value"], d.Paths());
    }

    [Fact]
    public void ValidationProblemDetails_ErrorsMap_MapsPathsToBodyCasing()
    {
        var exchange = Ex.Make(400, """{"title":"One or more validation errors occurred.","status":400,"errors":{"Name":["The Name field is required."],"$.id":["The JSON value could not be converted to System.Int32."]}}""",
            request: """{"name":"","id":"x"}""");
        var d = Ex.Diagnose(exchange);
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(["body.name", "body.id"], d.Paths());
    }

    [Fact]
    public void ValidationProblemDetails_RootJsonError_IsMalformedBody()
    {
        var d = Ex.Diagnose(400, """{"title":"One or more validation errors occurred.","status":400,"errors":{"$":["'x' is an invalid start of a value. Path: $ | LineNumber: 0"]}}""");
        Assert.Equal(DiagnosisKinds.MalformedBody, d.Kind);
    }

    [Fact]
    public void JsonApi_SourcePointer_NamesTheAttribute()
    {
        var exchange = Ex.Make(422, """{"errors":[{"status":"422","source":{"pointer":"/data/attributes/firstName"},"detail":"too short"}]}""",
            request: """{"data":{"type":"people","attributes":{"firstName":"A"}}}""", headers: [("Content-Type", "application/vnd.api+json")]);
        var d = Ex.Diagnose(exchange);
        Assert.Equal(["body.data.attributes.firstName"], d.Paths());
    }

    [Fact]
    public void JsonApi_SourceParameter_MapsToParams()
    {
        var exchange = Ex.Make(400, """{"errors":[{"source":{"parameter":"page[size]"},"detail":"too big"}]}""", @params: ["page[size]"]);
        var d = Ex.Diagnose(exchange);
        Assert.Equal(["params.page[size]"], d.Paths());
    }

    [Fact]
    public void GraphQl_ExtensionsCode_ClassifiesAt200()
    {
        var d = Ex.Diagnose(200, """{"errors":[{"message":"You must be logged in","extensions":{"code":"UNAUTHENTICATED"}}],"data":null}""");
        Assert.Equal(DiagnosisKinds.BadCredentials, d.Kind);
    }

    [Fact]
    public void GraphQl_ExecutionErrorWithPath_IsServerErrorWithResponsePath()
    {
        var d = Ex.Diagnose(200, """{"errors":[{"message":"boom","locations":[{"line":1,"column":2}],"path":["hero","friends",1,"name"]}],"data":{"hero":null}}""");
        Assert.Equal(DiagnosisKinds.ServerError, d.Kind);
        Assert.Equal(["response.data.hero.friends[1].name"], d.Paths());
    }

    [Fact]
    public void GraphQl_VariableCoercion_MapsToVariablesInTheBody()
    {
        var exchange = Ex.Make(200, """{"errors":[{"message":"Variable \"$input\" got invalid value {\"c\":null}; Expected non-nullable type String! not to be null at value.c.","locations":[{"line":2,"column":16}]}]}""",
            request: """{"query":"mutation($input: In!) { x(input: $input) }","variables":{"input":{"c":null}}}""");
        var d = Ex.Diagnose(exchange);
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(["body.variables.input.c"], d.Paths());
    }

    [Fact]
    public void GoogleRpc_FieldViolations_ListsFields()
    {
        var d = Ex.Diagnose(400, """{"error":{"code":400,"message":"bad","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"instance.name","description":"too long"}]}]}}""");
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("instance.name", d.Paths());
    }

    [Fact]
    public void GoogleRpc_ResourceExhaustedPerDay_IsQuotaNotRateLimit()
    {
        var d = Ex.Diagnose(429, """{"error":{"code":429,"message":"Quota exceeded for quota metric 'Queries' and limit 'Queries per day' of service 'x'","status":"RESOURCE_EXHAUSTED"}}""");
        Assert.Equal(DiagnosisKinds.QuotaExceeded, d.Kind);
        Assert.Null(d.RetryAfterSeconds);
    }

    [Fact]
    public void GoogleRpc_ResourceExhaustedPerMinute_IsRateLimitWithRetryInfo()
    {
        var d = Ex.Diagnose(429, """{"error":{"code":429,"message":"Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"31s"}]}}""");
        Assert.Equal(DiagnosisKinds.RateLimited, d.Kind);
        Assert.Equal(31, d.RetryAfterSeconds);
    }

    [Fact]
    public void OAuth_InvalidGrant_IsExpiredCredentials()
    {
        var d = Ex.Diagnose(400, """{"error":"invalid_grant","error_description":"Token has been expired or revoked."}""");
        Assert.Equal(DiagnosisKinds.ExpiredCredentials, d.Kind);
        Assert.Contains("authorize again", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void OAuth_InvalidClient_IsBadCredentials()
    {
        var d = Ex.Diagnose(401, """{"error":"invalid_client","error_description":"Client authentication failed"}""");
        Assert.Equal(DiagnosisKinds.BadCredentials, d.Kind);
    }

    [Fact]
    public void JsonRpc_InvalidParamsAt200_IsInvalidValue()
    {
        var d = Ex.Diagnose(200, """{"jsonrpc":"2.0","id":1,"error":{"code":-32602,"message":"Invalid params"}}""");
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
    }

    [Fact]
    public void RetryAfter_HttpDate_UsesTheEnginesClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var d = DiagnosisEngine.Diagnose(Ex.Make(429, "", headers: [("Retry-After", "Thu, 01 Jan 2026 12:00:45 GMT")]), time)!;
        Assert.Equal(45, d.RetryAfterSeconds);
    }
}
