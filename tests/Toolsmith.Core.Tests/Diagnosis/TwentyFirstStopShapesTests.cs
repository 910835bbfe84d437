using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 58, each closed by one generic rule; bodies written for these tests in the styles such APIs use (not
/// taken from the corpus).
/// </summary>
public class TwentyFirstStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // a Symfony form's violation path: each "children[…]" is a field, ".data" the form's own
    [InlineData("""{"success": false, "code": 9, "errors": [{"elementId": "children[recipient].data", "message": "This value is not a valid phone number."}]}""", "body.recipient")]
    [InlineData("""{"errors": [{"propertyPath": "children[address].children[city].data", "message": "This value should not be blank."}]}""", "body.address.city")]
    public void ASymfonyFormPath_NamesTheFieldsItWalks(string body, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, method: "POST", request: """{"recipient": "+33 6", "address": {"city": ""}}""", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Fields!.Select(static f => f.Path));
    }

    [Fact]
    public void APathThatMerelyStartsWithChildren_IsKeptAsGiven()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"errors": [{"field": "children[0].name", "message": "must not be blank"}]}""",
            method: "POST", request: """{"children": [{"name": ""}]}""", headers: Json));
        Assert.Equal("body.children[0].name", Assert.Single(d.Fields!).Path);
    }

    [Theory]
    [InlineData("""{"error": "Required phoneNumber is missing."}""", "body.phoneNumber")]
    [InlineData("""{"message": "Required 'nationalIdentityNumber' was not provided"}""", "body.nationalIdentityNumber")]
    public void RequiredThenAName_NamesIt(string body, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, method: "POST", request: """{"relyingPartyName": "DEMO", "hash": "abc"}""", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Fields!.Select(static f => f.Path));
    }

    [Fact]
    public void RequiredThenANoun_NamesNoField() =>
        Assert.Null(Ex.Diagnose(Ex.Make(400, """{"error": "Required field is missing."}""", method: "POST", request: """{"a": 1}""", headers: Json)).Fields);

    [Theory]
    // an XML Schema validator's message names the element, without its namespace prefix
    [InlineData("""<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>Validation error</faultstring><detail>cvc-complex-type.2.4.a: Invalid content was found starting with element 'ns2:amount'. One of '{"urn:example:pay":currency}' is expected.</detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>""", "amount")]
    [InlineData("""<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Unmarshalling Error: cvc-type.3.1.3: The value 'abc' of element 'quantity' is not valid.</faultstring></soap:Fault></soap:Body></soap:Envelope>""", "quantity")]
    public void AnXmlSchemaValidatorsMessage_NamesTheElement(string body, string field)
    {
        var d = Ex.Diagnose(Ex.Make(500, body, method: "POST", headers: ("Content-Type", "text/xml; charset=utf-8")));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Fields!.Select(static f => f.Path));
    }

    [Fact]
    public void AnInvalidQueryStringValueFor_NamesTheParameter()
    {
        var d = Ex.Diagnose(Ex.Make(200, """<?xml version="1.0"?><response status="error"><error code="1001"><errorMessage>Missing or invalid querystring value for releaseId</errorMessage></error></response>""",
            @params: ["country"], method: "GET", headers: ("Content-Type", "text/xml")));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal("params.releaseId", Assert.Single(d.Fields!).Path);
    }

    [Fact]
    public void AnXmlElementWhoseSuccessAttributeIsFalse_IsAFailureUnder200() =>
        Assert.NotNull(DiagnosisEngine.Diagnose(Ex.Make(200,
            """<?xml version="1.0"?><svc xmlns="http://api.example.org/1/Response" version="1.0"><status success="false" statusCode="4001">The request was invalid</status></svc>""",
            method: "POST", headers: ("Content-Type", "text/xml"))));

    [Fact]
    public void AnXmlElementWhoseSuccessAttributeIsTrue_IsASuccess() =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200,
            """<?xml version="1.0"?><svc version="1.0"><status success="true" statusCode="2000">OK</status><result>positive</result></svc>""",
            method: "POST", headers: ("Content-Type", "text/xml"))));

    [Theory]
    // a locked or suspended account is a refusal: as a code under 200, and as the words beside OAuth's generic invalid_request
    [InlineData(200, """{"data": null, "errorCode": "accountLocked", "success": false}""")]
    [InlineData(400, """{"error": "invalid_request", "error_description": "account is locked"}""")]
    public void ALockedAccount_IsARefusal(int status, string body) =>
        Assert.Equal(DiagnosisKinds.RequestRejected, Ex.Diagnose(Ex.Make(status, body, method: "POST", headers: Json)).Kind);

    [Fact]
    public void OAuthsAccessDenied_SayingAuthenticationIsRequired_IsAboutCredentials() =>
        Assert.Equal(DiagnosisKinds.BadCredentials, Ex.Diagnose(Ex.Make(401,
            """{"error": "access_denied", "error_description": "OAuth2 authentication required"}""", method: "GET", headers: Json)).Kind);

    [Fact]
    public void OAuthsAccessDenied_WithoutSuchWords_StaysAPermission() =>
        Assert.Equal(DiagnosisKinds.InsufficientPermission, Ex.Diagnose(Ex.Make(403,
            """{"error": "access_denied", "error_description": "The resource owner denied the request."}""", method: "GET", headers: Json)).Kind);

    [Theory]
    // a maximum of attempts reached: a rate, or a quota when the words name a day
    [InlineData(400, """{"status": false, "message": "Maximum verification attempts exceeded for today"}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData(400, """{"status": false, "message": "Maximum number of login attempts reached, wait a minute"}""", DiagnosisKinds.RateLimited)]
    // a captcha asked for, as a code
    [InlineData(403, """{"errors": [{"type": "captcha_required", "value": "captcha_required"}]}""", DiagnosisKinds.RequestRejected)]
    public void AttemptsAndCaptchas_AreNamed(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, method: "POST", headers: Json)).Kind);

    [Theory]
    // IVOA's VOTable: an error in an INFO or PARAM named Error, or a QUERY_STATUS of ERROR, under 200
    [InlineData("""<?xml version="1.0"?><VOTABLE version="1.1"><DESCRIPTION>Cone search</DESCRIPTION><INFO ID="Error" name="Error" value="Error in input DEC value: abc"/></VOTABLE>""")]
    [InlineData("""<?xml version="1.0"?><VOTABLE version="1.1"><RESOURCE><PARAM ID="Error" name="Error" datatype="char" arraysize="*" value="Invalid data type: text/html"/></RESOURCE></VOTABLE>""")]
    [InlineData("""<?xml version="1.0"?><VOTABLE version="1.3"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="ERROR">Unknown table ivoa.obscorex</INFO></RESOURCE></VOTABLE>""")]
    public void AVoTableError_IsAFailureUnder200(string body) =>
        Assert.NotNull(DiagnosisEngine.Diagnose(Ex.Make(200, body, @params: ["RA", "DEC", "SR"], method: "GET", headers: ("Content-Type", "text/xml"))));

    [Fact]
    public void AVoTableWithQueryStatusOk_IsASuccess() =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200,
            """<?xml version="1.0"?><VOTABLE version="1.3"><RESOURCE type="results"><INFO name="QUERY_STATUS" value="OK"/><TABLE><FIELD name="ra"/><DATA><TABLEDATA><TR><TD>1</TD></TR></TABLEDATA></DATA></TABLE></RESOURCE></VOTABLE>""",
            method: "GET", headers: ("Content-Type", "text/xml"))));

    [Theory]
    [InlineData("Invalid pageSize: 3000", "params.pageSize")]
    [InlineData("Invalid start_date: 2024-13-01", "params.start_date")]
    public void InvalidThenAnIdentifierAndItsValue_NamesIt(string said, string field) =>
        Assert.Contains(field, Ex.Diagnose(Ex.Make(400, $$"""{"detail": "{{said}}"}""", @params: ["pageSize", "start_date"], method: "GET", headers: Json)).Fields!.Select(static f => f.Path));

    [Fact]
    public void InvalidThenAWord_NamesNoField() =>
        Assert.Null(Ex.Diagnose(Ex.Make(400, """{"detail": "Invalid request: missing body"}""", method: "POST", headers: Json)).Fields);

    [Theory]
    // DMTF Redfish: the Base registry's message names the kind, its argument the property
    [InlineData(400, """{"error": {"code": "Base.1.8.GeneralError", "message": "A general error has occurred. See ExtendedInfo for more information.", "@Message.ExtendedInfo": [{"MessageId": "Base.1.8.ActionParameterMissing", "Message": "The action VirtualMedia.InsertMedia requires the parameter Image to be present in the request body.", "MessageArgs": ["VirtualMedia.InsertMedia", "Image"], "Severity": "Critical"}]}}""", DiagnosisKinds.InvalidValue, "Image")]
    [InlineData(400, """{"error": {"code": "Base.1.8.GeneralError", "message": "See ExtendedInfo.", "@Message.ExtendedInfo": [{"MessageId": "Base.1.8.PropertyValueNotInList", "Message": "The value Blinkng for the property IndicatorLED is not in the list of acceptable values.", "MessageArgs": ["Blinkng", "IndicatorLED"]}]}}""", DiagnosisKinds.InvalidValue, "body.IndicatorLED")]
    [InlineData(400, """{"error": {"code": "Base.1.8.GeneralError", "message": "See ExtendedInfo.", "@Message.ExtendedInfo": [{"MessageId": "Base.1.8.MalformedJSON", "Message": "The request body submitted was malformed JSON.", "MessageArgs": []}]}}""", DiagnosisKinds.MalformedBody, null)]
    // HPE iLO answers a setting it refused under 200, in its settings' Messages
    [InlineData(200, """{"Name": "BIOS Current Settings", "SettingsResult": {"ETag": "A1", "Messages": [{"MessageArgs": ["BootModeX"], "MessageID": "Base.1.0:PropertyUnknown"}, {"MessageArgs": [], "MessageID": "Base.1.0:Success"}]}}""", DiagnosisKinds.InvalidValue, "BootModeX")]
    public void ARedfishMessage_NamesItsKindAndProperty(int status, string body, string kind, string? field)
    {
        var d = Ex.Diagnose(Ex.Make(status, body, method: "PATCH", request: """{"IndicatorLED": "Blinkng"}""", headers: Json));
        Assert.Equal(kind, d.Kind);
        if (field is not null)
        {
            Assert.Contains(field, d.Fields!.Select(static f => f.Path));
        }
    }

    [Fact]
    public void ARedfishAnswerWhoseMessagesSaySuccess_IsASuccess() =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200,
            """{"Name": "BIOS Current Settings", "SettingsResult": {"ETag": "A1", "Messages": [{"MessageArgs": [], "MessageID": "Base.1.0:Success"}]}}""",
            method: "GET", headers: Json)));
}
