using Toolsmith.Core.Diagnosis;

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
}
