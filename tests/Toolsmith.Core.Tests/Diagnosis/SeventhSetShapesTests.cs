using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Phrasings the seventh fresh corpus found the engine blind to, each closed by one generic word pattern. The bodies are
/// written for these tests in the styles such APIs use (not taken from the corpus), so the corpus stays a measure.
/// </summary>
public class SeventhSetShapesTests
{
    [Theory]
    [InlineData(401, """{"error":"The HMAC check failed for this request"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(200, "<response><returncode>FAILED</returncode><message>You did not pass the signature security check</message></response>", DiagnosisKinds.BadCredentials)]
    [InlineData(200, """{"errcode":300001,"errmsg":"access token is not exist"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(400, """{"status":400,"message":"Invalid Publish Key"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(200, """{"success":false,"error":{"code":7,"info":"You have not provided an API access key."}}""", DiagnosisKinds.BadCredentials)]
    [InlineData(200, """{"errcode":4100,"errmsg":"sending too fast, at most 10 messages per minute"}""", DiagnosisKinds.RateLimited)]
    [InlineData(400, """{"message":"Attachment size too large"}""", DiagnosisKinds.PayloadTooLarge)]
    [InlineData(200, "<methodResponse><fault><value><string>Failed to parse XML-RPC request: Premature end of file.</string></value></fault></methodResponse>", DiagnosisKinds.MalformedBody)]
    [InlineData(400, """{"error":{"message":"Reaction Already Added"}}""", DiagnosisKinds.Conflict)]
    [InlineData(500, """{"message":"An error occurred while saving your webhook. Please try later."}""", DiagnosisKinds.ServerError)]
    [InlineData(400, """{"msg":"You do not have permission. Please ask the user to re-authorize the app."}""", DiagnosisKinds.MissingScope)]
    [InlineData(403, """{"error":"Failed login for user ann"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(429, """{"message":"Monthly request cap reached"}""", DiagnosisKinds.QuotaExceeded)]
    public void Kinds_FromWordsNotSeenBefore(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(status, body).Kind);

    [Fact]
    public void ARequiredPrivilegesList_InBrackets_NamesTheScopes()
    {
        var d = Ex.Diagnose(403, """{"code":91403,"msg":"Access denied. Please re-authorize. required one of these privileges: [contacts:read, contacts:write]"}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["contacts:read", "contacts:write"], d.Scopes!.Missing);
    }

    [Fact]
    public void TheValueASentenceAsksFor_IsTheParameterSent()
    {
        var d = Ex.Diagnose(Ex.Make(400, "Error: Please enter a valid email to subscribe", method: "GET", @params: ["email", "list"], headers: ("Content-Type", "text/plain")));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("params.email", d.Paths());
    }

    [Theory]
    [InlineData("<Reply><Txn Mode=\"Live\"><Result Status=\"-1\" Code=\"5\" Description=\"Card number missing\"/></Txn></Reply>", true)]
    [InlineData("<Reply><Txn Mode=\"Live\"><Result Status=\"0\" Code=\"0\" Description=\"Approved\"/></Txn></Reply>", false)]
    [InlineData("<Reply><Txn><Result><Status>-2</Status><Message>Terminal unknown</Message></Result></Txn></Reply>", true)]
    [InlineData("<Reply><Reading><State>-1</State><Unit>C</Unit></Reading></Reply>", false)]
    public void ANegativeStatus_BesideWords_IsAFailureUnder200(string body, bool fails) =>
        Assert.Equal(fails, DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "text/xml"))) is not null);

    [Theory]
    [InlineData("""{"status":"ok","note":"Item already added to your list"}""")]
    [InlineData("""{"ok":true,"message":"Please enter a valid email next time"}""")]
    public void Successes_WithTheseWords_AreNotFlagged(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "application/json"))));

    // The seventh set's later part and the sixth set's read half: words the engine had but did not read where they were.

    [Theory]
    [InlineData("<ERROR CODE=\"810\" TEXT=\"Authentication failed for user ann\" HOST=\"a.example.org\">", DiagnosisKinds.BadCredentials)]
    [InlineData("<reply><status>error</status><code>7</code><msg><line>Access denied for this role</line></msg></reply>", DiagnosisKinds.InsufficientPermission)]
    [InlineData("<Reply><HighestSeverity>ERROR</HighestSeverity><Notifications><Severity>ERROR</Severity><Code>6</Code><Message>Invalid account number</Message></Notifications></Reply>", DiagnosisKinds.InvalidValue)]
    [InlineData("<gateway><txn><state>X</state><code>12</code><message>Request not authorised for this store</message><ref>0</ref><trace>1/2/3</trace><mode>live</mode></txn></gateway>", DiagnosisKinds.InsufficientPermission)]
    [InlineData("<result version=\"2\"><meta stamp=\"now\"/><remark>runtime error: the query timed out after 180 seconds</remark></result>", DiagnosisKinds.Timeout)]
    public void FailuresUnder200_WhoseWordsSitInAttributesLinesOrNotices(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", body.StartsWith("<ERROR", StringComparison.Ordinal) ? "text/html" : "text/xml"))).Kind);

    [Theory]
    [InlineData("""{"Information":"You have used the 500 requests per day that your key allows."}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData("""{"api-response":{"status":"ok","version":"2","detail":"Invalid API key given."}}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"Name":"","Code":"","Owners":[],"Since":null,"Address":{},"Message":"No record was found for this number"}""", DiagnosisKinds.NotFound)]
    [InlineData("""callback({"Name":"","Code":"","Owners":[],"Since":null,"Message":"No record was found for this number"})""", DiagnosisKinds.NotFound)]
    public void JsonAnswersUnder200_ThatSayTheyFailedInWords(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "application/json"))).Kind);

    [Theory]
    [InlineData("""{"id":"u1","name":"","email":"","groups":[],"message":"No record was found for this number"}""")]
    [InlineData("""{"results":[{"name":"a"}],"count":1,"message":"Rate limits are listed in the docs"}""")]
    [InlineData("""{"status":"ok","detail":"Token refreshed","expires":3600,"scope":"read"}""")]
    [InlineData("""{"name":"","code":"","message":"Saved"}""")]
    public void Successes_WithWordsOrBlankMembers_AreNotFlagged(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "application/json"))));

    [Fact]
    public void ASoapServerFault_WhoseDetailSaysTheLoginFailed_IsBadCredentials()
    {
        var body = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>Fault occurred</faultstring>"
            + "<detail><loginFault><errorCode>LOGIN_FAILED</errorCode><errorMessage>Authentication failure, check user id and password.</errorMessage></loginFault></detail></s:Fault></s:Body></s:Envelope>";
        Assert.Equal(DiagnosisKinds.BadCredentials, Ex.Diagnose(Ex.Make(500, body, method: "POST", headers: ("Content-Type", "text/xml"))).Kind);
    }

    [Fact]
    public void ASoapServerFault_WithNoOtherWords_IsStillAServerError() =>
        Assert.Equal(DiagnosisKinds.ServerError, Ex.Diagnose(Ex.Make(500,
            "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>Object reference not set to an instance of an object.</faultstring></s:Fault></s:Body></s:Envelope>",
            method: "POST", headers: ("Content-Type", "text/xml"))).Kind);
}
