using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes the fourth fresh corpus found the engine blind to, each closed by one generic mechanism. The bodies are written for
/// these tests in the styles such APIs use (not taken from the corpus), so the corpus stays a measure.
/// </summary>
public class FourthSetShapesTests
{
    [Theory]
    // a list of results, one an error object (bridges, bulk endpoints)
    [InlineData("""[{"success":{"/groups/1/action/on":true}},{"error":{"type":6,"address":"/groups/1/action/hue","description":"parameter, hue, not available"}}]""", "application/json")]
    // error flags and lists under names these words make
    [InlineData("""{"Transaction":{"Ref":"A-1"},"Notices":[{"Code":"E12","Message":"Pickup date cannot be in the past"}],"HasErrors":true}""", "application/json")]
    [InlineData("""{"Errors":[{"description":"zip must have 5 digits","field":"zip","number":"07"}]}""", "application/json")]
    // an error's words and code under names read by their words
    [InlineData("""{"result":null,"error_code":"ERR-BAD-CALL","error_info":"Method \"widget.make\" does not exist."}""", "application/json")]
    [InlineData("""{"Response":{},"ErrorCode":12,"ErrorStatus":"AccountNotFound","Message":"No account was found."}""", "application/json")]
    [InlineData("""{"success":false,"failureInfo":{"code":"record_not_found","message":"No such record"}}""", "application/json")]
    // XML-RPC faults, an XML flag, an error element with a code attribute, OTA-style error lists
    [InlineData("<?xml version=\"1.0\"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>3</int></value></member><member><name>faultString</name><value><string>Ticket 77 does not exist.</string></value></member></struct></value></fault></methodResponse>", "text/xml")]
    [InlineData("<Reply xmlns=\"urn:x\"><Items/><HasErrors>true</HasErrors><Notes><Note><Code>E2</Code><Message>City is required</Message></Note></Notes></Reply>", "text/xml")]
    [InlineData("<sso:response xmlns:sso=\"urn:sso\"><sso:validationFailure code=\"INVALID_TICKET\">Ticket T-1 not recognized</sso:validationFailure></sso:response>", "application/xml")]
    [InlineData("<RS xmlns=\"urn:ota\"><Errors><Error Type=\"3\" Code=\"99\" ShortText=\"Unknown room\">Room R9 is not mapped</Error></Errors></RS>", "text/xml")]
    public void FailuresUnder200_InTheseShapes_AreDiagnosed(string body, string contentType) =>
        Assert.NotNull(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", contentType))));

    [Theory]
    [InlineData("""[{"success":{"/lights/1/state/on":true}},{"success":{"/lights/1/state/bri":120}}]""")]
    [InlineData("""{"Response":{"id":1},"ErrorCode":1,"ErrorStatus":"Success","Message":"Ok"}""")]
    [InlineData("""{"Transaction":{"Ref":"A-1"},"Notices":[],"HasErrors":false}""")]
    [InlineData("""{"id":9,"failed":true,"name":"nightly export"}""")]
    [InlineData("""{"OK":false,"Errors":[]}""")]
    public void Successes_WithTheSameMembers_AreNotFlagged(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "application/json"))));

    [Theory]
    [InlineData(400, """{"error":true,"code":12,"message":"The API key you supplied is not valid."}""", DiagnosisKinds.BadCredentials)]
    [InlineData(400, """{"err":{"message":"We could not recognize your API key."}}""", DiagnosisKinds.BadCredentials)]
    [InlineData(403, """{"status":"error","message":"Incorrect `access_token` for this user."}""", DiagnosisKinds.BadCredentials)]
    [InlineData(200, """{"code":2041,"msg":"sign invalid","success":false}""", DiagnosisKinds.BadCredentials)]
    [InlineData(200, """{"code":3301,"msg":"your calls are too frequent","success":false}""", DiagnosisKinds.RateLimited)]
    [InlineData(200, """{"code":3302,"msg":"gateway not exist","success":false}""", DiagnosisKinds.NotFound)]
    [InlineData(400, """{"status":"error","message":"Insufficient funds: required 120.00, available 40.00"}""", DiagnosisKinds.RequestRejected)]
    [InlineData(402, "Not enough credits to place the call.", DiagnosisKinds.QuotaExceeded)]
    [InlineData(200, """{"code":429,"message":"You have used all API credits for the current minute.","status":"error"}""", DiagnosisKinds.RateLimited)]
    [InlineData(200, """{"code":429,"message":"You have used all API credits for the day.","status":"error"}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData(429, "<fault><code>700</code><message>Message throttled out</message><description>You have exceeded your quota</description></fault>", DiagnosisKinds.RateLimited)]
    [InlineData(400, """{"error":{"class":"BadFormat","message":"The request body could not be parsed as JSON."}}""", DiagnosisKinds.MalformedBody)]
    [InlineData(401, """{"messages":[{"code":"CONSENT_EXPIRED","text":"The consent has expired and needs to be renewed."}]}""", DiagnosisKinds.ExpiredCredentials)]
    [InlineData(500, """{"results":[{"code":500,"errors":["Object 'web-1' already exists."],"status":"Object could not be created."}]}""", DiagnosisKinds.Conflict)]
    [InlineData(500, "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body><Fault><faultcode xmlns:w=\"urn:wss\">w:FailedAuthentication</faultcode><faultstring>The token could not be checked</faultstring></Fault></Body></Envelope>", DiagnosisKinds.BadCredentials)]
    [InlineData(422, """{"message":"Invalid data.","errors":{"billing_zip":["The billing zip must be 5 digits."]}}""", DiagnosisKinds.InvalidValue)]
    public void Kinds_FromWordsCodesAndHeadersNotSeenBefore(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(status, body).Kind);

    [Fact]
    public void ErrorHeaders_GiveTheirCodeOrWords()
    {
        Assert.Equal(DiagnosisKinds.QuotaExceeded, Ex.Diagnose(403, "<h1>Over rate</h1>", ("X-Gateway-Error-Code", "ERR_403_DEVELOPER_OVER_RATE")).Kind);
        var d = Ex.Diagnose(Ex.Make(400, "", """{"firstName":"Ada","startDatee":"2024-05-01"}""", headers: ("X-Acme-Error-Message", "Invalid field: 'startDatee'")));
        Assert.Contains("body.startDatee", d.Paths());
    }

    [Theory]
    [InlineData("""{"message":"The API key is missing the following permission for this endpoint: ordersWrite"}""", "ordersWrite")]
    [InlineData("""{"description":"Your application has insufficient permissions. Re-authenticate the user with the read_battery permission."}""", "read_battery")]
    [InlineData("""{"Errors":[{"Message":"The consent does not include the ReadBalances permission required by this endpoint"}]}""", "ReadBalances")]
    [InlineData("""{"message":"Access denied. Missing scope: files:*"}""", "files:*")]
    public void PermissionsTheCredentialLacks_AreScopes(string body, string scope)
    {
        var d = Ex.Diagnose(403, body);
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Contains(scope, d.Scopes!.Missing);
    }

    [Theory]
    [InlineData("""{"error":"You do not have \"Manage builds\" permission in project P1"}""", "Manage builds")]
    [InlineData("""{"error_info":"Users with the \"Can Merge\" capability can do this."}""", "Can Merge")]
    [InlineData("""{"message":"The employee lacks the role 'Payroll'."}""", "Payroll")]
    public void PermissionsTheUserLacks_AreNamed_WithoutBecomingScopes(string body, string permission)
    {
        var d = Ex.Diagnose(403, body);
        Assert.Equal(DiagnosisKinds.InsufficientPermission, d.Kind);
        Assert.Contains(permission, d.Scopes!.Missing);
    }

    [Theory]
    [InlineData(400, """{"error":"dst parameter not present"}""", "body.dst")]
    [InlineData(400, "Missing key to", "body.to")]
    [InlineData(400, "Invalid to. Must be a phone number in E.164 format.", "body.to")]
    [InlineData(422, """{"message":"Missing header: X-On-Behalf-Of"}""", "X-On-Behalf-Of")]
    [InlineData(422, """{"code":18000,"validationMessages":[{"field":"dueDate","message":"must be after the invoice date"}]}""", "body.dueDate")]
    [InlineData(409, """{"success":false,"error":{"__type":"Validation Error","url":["Please provide a valid URL"]}}""", "body.url")]
    public void Fields_InTheseShapes_AreNamed(int status, string body, string path)
    {
        var d = Ex.Diagnose(Ex.Make(status, body, """{"dst":"1","to":"+1","url":"htp:/x","dueDate":"2024-01-01"}"""));
        Assert.Contains(path, d.Paths());
    }

    [Fact]
    public void ValidationUnder409_IsAnInvalidValue_AndAParameterNamedInTheBody_IsTheParameterSent()
    {
        Assert.Equal(DiagnosisKinds.InvalidValue, Ex.Diagnose(Ex.Make(409, """{"error":{"__type":"Validation Error","owner":["Organization does not exist"]}}""", """{"owner":"x"}""")).Kind);
        var d = Ex.Diagnose(Ex.Make(200, """{"Errors":[{"description":"Field zip requires 5 digits","field":"zip","number":"02"}]}""", method: "GET", @params: ["zip", "limit"]));
        Assert.Contains("params.zip", d.Paths());
        var fhir = Ex.Diagnose(Ex.Make(400, """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"value","diagnostics":"Invalid parameter: birthdate","expression":["birthdate"]}]}""", method: "GET", @params: ["birthdate"]));
        Assert.Contains("params.birthdate", fhir.Paths());
    }
}
