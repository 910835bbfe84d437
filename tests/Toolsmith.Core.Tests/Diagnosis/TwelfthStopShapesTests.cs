using Toolsmith.Core.Diagnosis;
using Toolsmith.Core.Diagnosis.Catalog;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 49 (GraphQL servers' default codes, timeouts, refusals by the recipient, names in validators' words),
/// each closed by one generic rule; bodies written for these tests in the styles such APIs use (not taken from the corpus).
/// </summary>
public class TwelfthStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // A resolver's thrown error gets the server's default code; its words say what failed.
    [InlineData("""{"errors":[{"message":"You are not allowed to delete this board","path":["deleteBoard"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}""", DiagnosisKinds.InsufficientPermission)]
    [InlineData("""{"errors":[{"message":"Workspace not found","path":["workspace"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"workspace":null}}""", DiagnosisKinds.NotFound)]
    [InlineData("""{"errors":[{"message":"Order already exists","path":["createOrder"],"extensions":{"classification":"DataFetchingException"}}],"data":null}""", DiagnosisKinds.Conflict)]
    // with words that say nothing more, it is the server's failure
    [InlineData("""{"errors":[{"message":"Cannot read properties of undefined (reading 'id')","path":["me"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":null}""", DiagnosisKinds.ServerError)]
    public void AGraphQlServersDefaultCode_YieldsToWordsThatSayWhat(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, headers: Json)).Kind);

    [Theory]
    // A 408 is the server giving up waiting, whatever the words add.
    [InlineData(408, """{"error":"vehicle unavailable: vehicle is offline or asleep"}""")]
    [InlineData(408, """{"error":"device did not respond in time"}""")]
    [InlineData(504, """<html><head><title>504 Gateway Time-out</title></head><body><center><h1>504 Gateway Time-out</h1></center></body></html>""")]
    // and words that say a reply did not come in time are a timeout under any status
    [InlineData(500, """{"message":"The upstream service did not respond within 30 seconds"}""")]
    public void AStatusOrWordsOfATimeout_AreATimeout(int status, string body) =>
        Assert.Equal(DiagnosisKinds.Timeout, Ex.Diagnose(Ex.Make(status, body, headers: body.StartsWith('<') ? ("Content-Type", "text/html") : Json)).Kind);

    [Fact]
    public void A408WithACodeThatSaysMore_KeepsTheCode() =>
        Assert.Equal(DiagnosisKinds.BadCredentials, Ex.Diagnose(Ex.Make(408, """{"error":{"code":"invalid_api_key","message":"Invalid API key"}}""", headers: Json)).Kind);

    [Theory]
    // The person the message was for refused it: not a permission the caller lacks.
    [InlineData(200, """{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}""")]
    [InlineData(403, """{"message":"The recipient has blocked this sender"}""")]
    public void ABlockByTheRecipient_IsARefusal(int status, string body) =>
        Assert.Equal(DiagnosisKinds.RequestRejected, Ex.Diagnose(Ex.Make(status, body, headers: Json)).Kind);

    [Fact]
    public void AQuotedNameBeforeParameter_IsTheField()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"message":"'to' parameter is not a valid address. please check documentation"}""", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("to", d.Paths());
    }

    [Theory]
    // The API cannot tell an invalid credential from an expired one: a new credential mends both, expiry is only a guess.
    [InlineData("""{"message":"Specified token is invalid or expired"}""")]
    [InlineData("""{"error":"Access token expired or not found"}""")]
    [InlineData("""{"ErrorCode":2101,"ErrorStatus":"ApiInvalidOrExpiredKey","Message":"Key rejected."}""")]
    public void InvalidOrExpired_IsBadCredentials(string body) =>
        Assert.Equal(DiagnosisKinds.BadCredentials, Ex.Diagnose(Ex.Make(401, body, headers: Json)).Kind);

    [Theory]
    // (words that say only that it expired still say so; so does a refresh grant refused "expired or invalid")
    [InlineData("""{"message":"The access token has expired"}""")]
    [InlineData("""{"error":"invalid_grant","error_description":"expired or invalid refresh token"}""")]
    public void WordsOfExpiry_StayExpired(string body) =>
        Assert.Equal(DiagnosisKinds.ExpiredCredentials, Ex.Diagnose(Ex.Make(401, body, headers: Json)).Kind);

    [Theory]
    // An action answered with nothing but false did not happen; so did a JSON-RPC method that does something.
    [InlineData("PUT", "false", null)]
    [InlineData("POST", """{"jsonrpc":"2.0","id":1,"result":false}""", """{"jsonrpc":"2.0","method":"createTask","id":1,"params":{"title":"x"}}""")]
    public void AnActionAnsweredFalse_IsAFailure(string method, string body, string? request) =>
        Assert.Equal(DiagnosisKinds.RequestRejected, Ex.Diagnose(Ex.Make(200, body, request, method: method, headers: Json)).Kind);

    [Theory]
    // false is the answer to a read or to a question ("isActive", "hasAccess")
    [InlineData("GET", "false", null)]
    [InlineData("POST", """{"jsonrpc":"2.0","id":1,"result":false}""", """{"jsonrpc":"2.0","method":"isActive","id":1,"params":{}}""")]
    [InlineData("POST", """{"jsonrpc":"2.0","id":1,"result":false}""", """{"jsonrpc":"2.0","method":"getTaskByReference","id":1,"params":{"reference":"x"}}""")]
    [InlineData("POST", """{"jsonrpc":"2.0","id":1,"result":false}""", """{"jsonrpc":"2.0","method":"user.has_access","id":1}""")]
    public void FalseAsAnAnswer_IsNotAFailure(string method, string body, string? request) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, request, method: method, headers: Json)));

    [Theory]
    // A bound on what one request asks for is the request's value, not a rate.
    [InlineData("""{"message":"400 BadRequest - Limit of 93 days has been exceeded"}""", DiagnosisKinds.InvalidValue)]
    // (a limit on calls stays a rate)
    [InlineData("""{"message":"Limit of 100 requests per minute has been exceeded"}""", DiagnosisKinds.RateLimited)]
    public void ALimitOnTheRequestsRange_IsNotARate(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(400, body, headers: Json)).Kind);

    [Theory]
    // A server that cannot reach its own database or backend, and a query stopped at its time limit.
    [InlineData("""{"status":"error","message":"Unable to communicate with database"}""", DiagnosisKinds.ServerError)]
    [InlineData("""{"state":"FAILED","error":{"message":"Query exceeded maximum execution time of 30 seconds"}}""", DiagnosisKinds.Timeout)]
    public void WordsOfTheServersOwnFailure_UnderSuccess(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, headers: Json)).Kind);

    [Fact]
    public void AGenericMissingParameterCode_ForTheCredential_IsBadCredentials() =>
        Assert.Equal(DiagnosisKinds.BadCredentials,
            Ex.Diagnose(Ex.Make(200, """{"status":"error","code":"MISSING_PARAMETER","message":"Missing parameter: api_key"}""", headers: Json)).Kind);

    [Fact]
    public void WordsNoRuleReads_TakeTheWordModelsLessSureGuess()
    {
        // No rule reads "expected field argument" as a kind: the model's guess (under its usual bar) beats a bare refusal.
        var body = """{"status":"error","message":"Expected field argument in count()"}""";
        Assert.Equal(DiagnosisKinds.InvalidValue, Ex.Diagnose(Ex.Make(200, body, headers: Json)).Kind);
        Assert.True(KindModel.Predict(Ex.Make(200, body, headers: Json)) is { } guess && guess.Probability < KindModel.Threshold);
    }

    [Theory]
    // A page's token is a value the request sent, not a credential; a credential's token stays one.
    [InlineData("page_token", DiagnosisKinds.InvalidValue)]
    [InlineData("next_token", DiagnosisKinds.InvalidValue)]
    [InlineData("access_token", DiagnosisKinds.BadCredentials)]
    public void ATokenIsInvalid_DependsOnWhoseToken(string name, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(400, $$"""{"error":"{{name}} is invalid"}""", @params: [name], method: "GET", headers: Json)).Kind);

    [Theory]
    // An HTML page titled with nothing but an HTTP reason, sent with 200 by a proxy or a framework's error page.
    [InlineData("<html><head><title>Service Unavailable</title></head><body>We are down for maintenance.</body></html>", DiagnosisKinds.ServerError)]
    [InlineData("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>", DiagnosisKinds.NotFound)]
    public void AnHtmlPageTitledWithAnHttpReason_UnderSuccess_IsAFailure(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "text/html"))).Kind);

    [Fact]
    public void AnHtmlPageWhoseTitleOnlyMentionsAReason_IsNotFlagged() =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, "<html><head><title>How to fix 404 Not Found errors in nginx</title></head><body>…</body></html>", method: "GET", headers: ("Content-Type", "text/html"))));
}
