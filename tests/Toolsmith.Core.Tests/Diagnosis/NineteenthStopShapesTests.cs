using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 56, each closed by one generic rule; bodies written for these tests in the styles such APIs use
/// (not taken from the corpus).
/// </summary>
public class NineteenthStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");
    private static readonly (string, string) Xml = ("Content-Type", "text/xml; charset=utf-8");

    [Theory]
    // an error's code written in camel case names the failure on its own
    [InlineData("""{"ErrorCode": "InvalidAuthentication", "Results": [], "Receipt": null}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"errorCode": "QuotaExceeded", "items": []}""", DiagnosisKinds.QuotaExceeded)]
    // the answer's header, judged as an answer of its own: one object, or a list of one
    [InlineData("""{"info": {"statuscode": 503, "messages": ["Error processing request: upstream unavailable"]}, "results": []}""", DiagnosisKinds.ServerError)]
    [InlineData("""{"info": {"statuscode": 429, "messages": ["Slow down"]}, "results": []}""", DiagnosisKinds.RateLimited)]
    [InlineData("""{"Header": [{"status": "Failed", "error": ["start and end must be in the same year"], "rows": 0}], "Data": []}""", DiagnosisKinds.InvalidValue)]
    // a failed status beside an error's words, however many blank members the answer keeps
    [InlineData("""{"status": "FAILED", "failedreason": "Invalid store password", "sessionkey": "", "gw": [], "logo": "", "url": "", "url2": "", "banner": ""}""", DiagnosisKinds.BadCredentials)]
    // a status and its details
    [InlineData("""{"Status": "Error", "Details": "Invalid API key"}""", DiagnosisKinds.BadCredentials)]
    public void AFailureUnder200_InAnEnvelope_IsFound(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)).Kind);

    [Theory]
    // an XML answer whose first element under the root is an Error holding words
    [InlineData("""<?xml version="1.0"?><body><Error shouldRetry="false">routeTag "99x" is not a valid route</Error></body>""")]
    // a result code below zero, beside words
    [InlineData("""<?xml version="1.0"?><Envelope><Body><LoginResponse><LoginResult><ResultCode>-100</ResultCode><ResultData>Authentication failed</ResultData></LoginResult></LoginResponse></Body></Envelope>""")]
    // a SOAP operation's result written as text that opens with a failure
    [InlineData("""<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><addOrderResponse xmlns="urn:x"><addOrderResult>Failed :: Invalid weight</addOrderResult></addOrderResponse></soap:Body></soap:Envelope>""")]
    public void AnXmlFailureUnder200_IsFound(string body) =>
        Assert.NotNull(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST", headers: Xml)));

    [Fact]
    public void AnXmlResultsWords_GiveTheKind() =>
        Assert.Equal(DiagnosisKinds.BadCredentials, Ex.Diagnose(Ex.Make(200,
            """<?xml version="1.0"?><Envelope><Body><LoginResponse><LoginResult><ResultCode>-100</ResultCode><ResultData>Authentication failed</ResultData></LoginResult></LoginResponse></Body></Envelope>""",
            method: "POST", headers: Xml)).Kind);

    [Theory]
    // successes in the same shapes
    [InlineData("""{"ErrorCode": "Success", "Results": [], "Receipt": "r-1"}""", "application/json")]
    [InlineData("""{"errorCode": "NoError", "items": []}""", "application/json")]
    [InlineData("""{"info": {"statuscode": 0, "messages": []}, "results": [{"lat": 1}]}""", "application/json")]
    [InlineData("""{"Header": [{"status": "Success", "rows": 3}], "Data": [{"a": 1}]}""", "application/json")]
    [InlineData("""{"Header": [{"status": "Failed"}, {"status": "Failed"}], "Data": []}""", "application/json")]
    [InlineData("""{"responseHeader": {"status": 0, "QTime": 3}, "response": {"numFound": 0, "docs": []}}""", "application/json")]
    [InlineData("""{"Status": "Success", "Details": "a7c9-22"}""", "application/json")]
    [InlineData("""{"id": "d1", "url": "https://hooks.example.com/x", "statusCode": 500, "message": "Internal error at receiver", "attempts": 3}""", "application/json")]
    [InlineData("""<?xml version="1.0"?><body><Error>none</Error><route tag="1"/></body>""", "text/xml")]
    [InlineData("""<?xml version="1.0"?><Envelope><Body><LoginResponse><LoginResult><ResultCode>0</ResultCode><ResultData>Success</ResultData></LoginResult></LoginResponse></Body></Envelope>""", "text/xml")]
    [InlineData("""<?xml version="1.0"?><Envelope><Body><GetBalanceResponse><GetBalanceResult>-15.20</GetBalanceResult></GetBalanceResponse></Body></Envelope>""", "text/xml")]
    public void ASuccessInTheSameShape_IsNotFlagged(string body, string type) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", type))));

    [Theory]
    // a code that only names the status (Forbidden, Unauthorized) is weighed with the words, which say which it is
    [InlineData(403, """{"errorType": "Forbidden", "description": "An invalid API key has been passed"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(403, """{"code": "FORBIDDEN", "message": "You do not have permission to delete this project"}""", DiagnosisKinds.InsufficientPermission)]
    [InlineData(403, """{"code": "Forbidden"}""", DiagnosisKinds.InsufficientPermission)]
    [InlineData(401, """{"code": "Unauthorized", "message": "Token has expired"}""", DiagnosisKinds.ExpiredCredentials)]
    // "you must be logged in" is about credentials
    [InlineData(403, """{"message": "You must be logged in to do that"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(400, """{"error": "You need to be signed in to post a comment"}""", DiagnosisKinds.BadCredentials)]
    public void WordsThatNameTheKind_OutweighACodeThatOnlyNamesTheStatus(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, method: "POST", headers: Json)).Kind);

    [Theory]
    // an OAuth error code given as the message, the scope named in the details
    [InlineData(403, """{"errorCode": 403, "message": "insufficient_scope", "additionalDetails": "\"write_invoices\" scope required to complete this request"}""", DiagnosisKinds.MissingScope)]
    // invalid_scope whose words say the credentials lack it
    [InlineData(403, """{"error": "invalid_scope", "message": "The credentials don't have the required scope to execute the request."}""", DiagnosisKinds.MissingScope)]
    // a text answer: a failure's label and number, then words; a units balance at zero; the method named wrong
    [InlineData(200, "ERROR 50 :: NOTHING FOUND", DiagnosisKinds.NotFound)]
    [InlineData(403, "ERROR 132 :: API UNITS BALANCE IS ZERO", DiagnosisKinds.QuotaExceeded)]
    [InlineData(400, """{"error": "Wrong request method"}""", DiagnosisKinds.MethodNotAllowed)]
    [InlineData(400, """{"message": "Invalid account authorization"}""", DiagnosisKinds.BadCredentials)]
    // the dynamic-DNS protocol's code, then words
    [InlineData(200, "notfqdn: Host _acme.example.com. malformed", DiagnosisKinds.InvalidValue)]
    // a SOAP operation's return opening with ERROR:
    [InlineData(200, """<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:changeResponse xmlns:ns="urn:x"><ns:return>ERROR:5001:Existing contract number not found.</ns:return></ns:changeResponse></soapenv:Body></soapenv:Envelope>""", DiagnosisKinds.NotFound)]
    public void TheWordsAndCodesOfTheTwentiethSet_NameTheKind(int status, string body, string kind)
    {
        var type = body.StartsWith('{') ? "application/json" : body.StartsWith('<') ? "text/xml" : "text/plain";
        var d = Ex.Diagnose(Ex.Make(status, body, method: "GET", headers: ("Content-Type", type)));
        Assert.Equal(kind, d.Kind);
        if (body.Contains("write_invoices", StringComparison.Ordinal))
        {
            Assert.Equal(["write_invoices"], d.Scopes!.Missing);
        }
        if (body.Contains("credentials don't", StringComparison.Ordinal))
        {
            Assert.Empty(d.Scopes?.Missing ?? []); // "the required scope to execute": no scope is named
        }
    }

    [Theory]
    [InlineData("good 203.0.113.7", "text/plain")]
    [InlineData("nochg 203.0.113.7", "text/plain")]
    [InlineData("""<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><ns:changeResponse xmlns:ns="urn:x"><ns:return>INFO:0000:Contract changed.</ns:return></ns:changeResponse></soapenv:Body></soapenv:Envelope>""", "text/xml")]
    [InlineData("Host: api.example.com", "text/plain")]
    public void ASuccessOfTheSameProtocols_IsNotFlagged(string body, string type) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", type))));

    [Theory]
    // a refusal whose subject is the app, its id or a token, which has no access or permission: a grant it lacks
    [InlineData(403, """{"error": "Application has no access to invoices"}""", DiagnosisKinds.MissingScope)]
    [InlineData(403, """{"error": "Your API key does not allow access to this endpoint."}""", DiagnosisKinds.MissingScope)]
    [InlineData(200, """{"error": 403, "msg": "appid has no permission"}""", DiagnosisKinds.MissingScope)]
    // a user's or a resource's access stays a permission
    [InlineData(403, """{"message": "The user has no access to this project"}""", DiagnosisKinds.InsufficientPermission)]
    [InlineData(403, """{"message": "Access denied. The client does not have access to restaurant 42."}""", DiagnosisKinds.InsufficientPermission)]
    public void WhoLacksTheAccess_DecidesScopeOrPermission(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, method: "GET", headers: Json)).Kind);
}
