using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 54, each closed by one generic rule; bodies written for these tests in the styles such APIs use
/// (not taken from the corpus).
/// </summary>
public class SeventeenthStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // a generic "permission denied" code whose words say the key or the app was refused: what it was granted falls short
    [InlineData("""{"code": "PERMISSION_DENIED", "message": "Client does not have sufficient permissions to perform this action."}""")]
    [InlineData("""{"type": "forbidden_error", "title": "The API key is valid but is not authorized for this operation."}""")]
    [InlineData("""{"error": {"code": "AccessDenied", "message": "Access is denied for this API key."}}""")]
    [InlineData("""{"code": "missing-permission", "message": "Insufficient API permissions. Use an API key with permission \"orders.write\"."}""")]
    public void APermissionTheCredentialLacks_UnderAGenericCode_IsAScope(string body) =>
        Assert.Equal(DiagnosisKinds.MissingScope, Ex.Diagnose(Ex.Make(403, body, method: "POST", headers: Json)).Kind);

    [Theory]
    // the same codes whose words are about the user, the role or the record stay the user's permission
    [InlineData("""{"code": "PERMISSION_DENIED", "message": "You do not have permission to perform this action."}""")]
    [InlineData("""{"type": "forbidden_error", "title": "Your role does not allow editing invoices in this workspace."}""")]
    [InlineData("""{"error": {"code": "AccessDenied", "message": "User is not a member of this project."}}""")]
    public void APermissionTheUserLacks_StaysThePermission(string body) =>
        Assert.Equal(DiagnosisKinds.InsufficientPermission, Ex.Diagnose(Ex.Make(403, body, method: "POST", headers: Json)).Kind);

    [Theory]
    // an envelope's header states the HTTP status the API meant, through a wrapper that holds nothing else
    [InlineData("""{"result": {"header": {"status_code": 401, "took_ms": 3}, "body": ""}}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"meta": {"code": 404, "request": "{ID}"}, "data": {}}""", DiagnosisKinds.NotFound)]
    // a top-level responseStatus is an HTTP status, beside its words
    [InlineData("""{"responseData": {"text": ""}, "responseDetails": "DAILY LIMIT REACHED, TRY AGAIN TOMORROW", "responseStatus": 429}""", DiagnosisKinds.QuotaExceeded)]
    // (and a 429 whose words say a day's allowance is used up is a quota: waiting a minute does not help)
    [InlineData("""{"responseDetails": "You have used all available free lookups for today.", "responseStatus": 429}""", DiagnosisKinds.QuotaExceeded)]
    public void AStatusStatedInTheEnvelope_IsAFailureUnder200(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: Json)).Kind);

    [Fact]
    public void AStatusStatedInXmlHeader_IsAFailureUnder200() =>
        Assert.Equal(DiagnosisKinds.InvalidValue, Ex.Diagnose(Ex.Make(200, "<?xml version=\"1.0\"?><reply><header><status_code>400</status_code><took>0.01</took></header><body/></reply>",
            method: "GET", headers: ("Content-Type", "text/xml"))).Kind);

    [Theory]
    // successes whose header or records carry a status code of their own stay successes
    [InlineData("""{"meta": {"code": 200}, "data": {"id": 7}}""")]
    [InlineData("""{"header": {"status_code": 0}, "body": {"tracks": []}}""")]
    [InlineData("""{"checks": [{"url": "https://example.com", "status_code": 503}], "count": 1}""")]
    public void AStatusOfARecordOrASuccess_IsNotAFailure(string body) =>
        Assert.Null(Toolsmith.Core.Diagnosis.DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: Json)));

    [Fact]
    public void AProblemElementUnder200_IsAFailure_AndARecordNamedProblemIsNot()
    {
        const string ncip = "<?xml version=\"1.0\"?><ns1:NCIPMessage xmlns:ns1=\"http://www.niso.org/2008/ncip\"><ns1:CheckOutItemResponse><ns1:Problem>"
            + "<ns1:ProblemType>Unknown Item</ns1:ProblemType><ns1:ProblemDetail>No item was found with barcode 123</ns1:ProblemDetail>"
            + "<ns1:ProblemElement>ItemIdentifierValue</ns1:ProblemElement></ns1:Problem></ns1:CheckOutItemResponse></ns1:NCIPMessage>";
        Assert.Equal(DiagnosisKinds.NotFound, Ex.Diagnose(Ex.Make(200, ncip, method: "POST", headers: ("Content-Type", "application/xml"))).Kind);
        const string record = "<?xml version=\"1.0\"?><response><problem><number>PRB0001</number><short_description>Mail is slow</short_description><state>New</state></problem></response>";
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, record, method: "GET", headers: ("Content-Type", "application/xml"))));
    }
}
