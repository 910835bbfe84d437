using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 50, each closed by one generic rule; bodies written for these tests in the styles such APIs use
/// (not taken from the corpus).
/// </summary>
public class ThirteenthStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // A plain scope name written bare before "scope"
    [InlineData("""{"message":"Resource not accessible by integration. Requires repo scope."}""", "repo")]
    [InlineData("""{"error":"This endpoint needs the admin scope"}""", "admin")]
    public void ABareNameBeforeScope_IsTheScope(string body, string scope)
    {
        var d = Ex.Diagnose(Ex.Make(403, body, headers: Json));
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal([scope], d.Scopes!.Missing);
    }

    [Theory]
    // an adjective in that place is no scope's name
    [InlineData("""{"error":"This endpoint requires additional scope"}""")]
    [InlineData("""{"error":"Your token needs a broader scope"}""")]
    public void AnAdjectiveBeforeScope_NamesNoScope(string body) =>
        Assert.Empty(Ex.Diagnose(Ex.Make(403, body, headers: Json)).Scopes?.Missing ?? []);

    [Fact]
    public void AnInvalidNamedFilter_NamesItsParameter()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"error":"Invalid status filter 'archivedd'. Allowed values: active, archived"}""", @params: ["status"], method: "GET", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("params.status", d.Paths());
    }
    [Theory]
    // A noun that marks a name, the name, then what it must be
    [InlineData("""{"error":{"message":"(#100) Param limit must be a positive integer","type":"OAuthException","code":100}}""", "limit")]
    // a parameter named in an inner error's member, not a name built from its code (InvalidSortKey)
    [InlineData("""{"error":{"code":"BadArgument","message":"Invalid sort key","innererror":{"code":"InvalidSortKey","parameter":"sort"}}}""", "sort")]
    // class-validator's items under "validation"
    [InlineData("""{"error":{"message":"Validation error","validation":[{"property":"color","constraints":{"isHexColor":"color must be a hexadecimal color"}}]}}""", "color")]
    public void ANameInANounPhraseOrAnInnerMember_IsTheField(string body, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, method: "GET", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(field, d.Paths().First());
    }
    [Theory]
    // An XML-RPC answer that is a list of one code and message (TestLink's way to fail)
    [InlineData("text/xml", """<?xml version="1.0"?><methodResponse><params><param><value><array><data><value><struct><member><name>code</name><value><int>2000</int></value></member><member><name>message</name><value><string>Can not authenticate client: invalid developer key</string></value></member></struct></value></data></array></value></param></params></methodResponse>""", DiagnosisKinds.BadCredentials)]
    [InlineData("application/json", """[{"code":2000,"message":"Can not authenticate client: invalid developer key"}]""", DiagnosisKinds.BadCredentials)]
    // an answer that is only a failing verdict
    [InlineData("application/json", """{"status": "ERR"}""", DiagnosisKinds.RequestRejected)]
    // a status beside the body, in a head, whose code and reason say it failed
    [InlineData("application/json", """{"Body": {"Data": {}}, "Head": {"Status": {"Code": 8, "Reason": "Transfer timeout.", "UserMessage": ""}}}""", DiagnosisKinds.Timeout)]
    // words that say only another method is taken
    [InlineData("text/html", "XML-RPC server accepts POST requests only.", DiagnosisKinds.MethodNotAllowed)]
    public void FailuresUnder200_InTheseShapes_AreSeen(string type, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", type)))?.Kind);

    [Theory]
    [InlineData("""{"Body": {"Data": {"PAC": {"Value": 12}}}, "Head": {"Status": {"Code": 0, "Reason": "", "UserMessage": ""}}}""")]
    [InlineData("""{"status":{"code":200,"message":"OK"},"data":[1]}""")]
    [InlineData("""{"status": "failed"}""")]
    [InlineData("""[{"code":"US","name":"United States"}]""")]
    [InlineData("""<?xml version="1.0"?><methodResponse><params><param><value><array><data><value><struct><member><name>id</name><value><int>7</int></value></member><member><name>name</name><value><string>Plan A</string></value></member></struct></value></data></array></value></param></params></methodResponse>""")]
    public void SuccessesInTheSameShapes_StaySuccesses(string body) =>
        Assert.Null(Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", body.StartsWith('<') ? "text/xml" : "application/json"))));
    [Theory]
    // an OAuth error whose description is a code word of expiry
    [InlineData(401, """{"error_description": "expired_token", "error": "invalid_token"}""", DiagnosisKinds.ExpiredCredentials)]
    // a generic "too many requests" whose words name a day's limit or a budget
    [InlineData(429, """{"errors": [{"error": "TooManyRequestsError", "message": "Exceeded send limits (250000) for today"}]}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData(429, """{"error": {"message": "Budget has been exceeded! Current cost: 10.51, Max budget: 10.00", "code": "429"}}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData(429, """{"error": "Too many requests, please try again in 10 seconds"}""", DiagnosisKinds.RateLimited)]
    // a time limit is a timeout, not a rate
    [InlineData(500, """{"errorResponse": {"statusCode": 500, "messageCode": "XDMP-EXTIME", "message": "XDMP-EXTIME: xdmp:eval -- Time limit exceeded"}}""", DiagnosisKinds.Timeout)]
    // the API cannot say which: a new credential mends both
    [InlineData(200, """{"status": "invalid-token", "errorMessage": "Invalid token or session expired."}""", DiagnosisKinds.BadCredentials)]
    // a file's size against a bound in bytes
    [InlineData(400, """{"errors": [{"error": "BadRequestError", "message": "File is larger than 2MB"}]}""", DiagnosisKinds.PayloadTooLarge)]
    public void WordsOfExpiryLimitsAndTime_NameTheirKind(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, headers: Json)).Kind);
}
