using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 51, each closed by one generic rule; bodies written for these tests in the styles such APIs use
/// (not taken from the corpus).
/// </summary>
public class FourteenthStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // Contractions read as the words in full
    [InlineData(400, """{"error":"You don't have access to this project"}""", DiagnosisKinds.InsufficientPermission)]
    [InlineData(200, """{"ok":false,"error":"You aren’t allowed to edit this board"}""", DiagnosisKinds.InsufficientPermission)]
    [InlineData(500, """{"message":"Our server can't parse your request"}""", DiagnosisKinds.MalformedBody)]
    // a value that "is not acceptable" is a value, not a media type
    [InlineData(400, """{"error":"Parameter 'order' has value 'loudest' that is not acceptable"}""", DiagnosisKinds.InvalidValue)]
    // used-up credits, a service that is down
    [InlineData(403, """{"Code":"205","Description":"Sending denied: NO CREDITS","State":"ERROR"}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData(503, """{"message":"The upstream bank is down, try again later"}""", DiagnosisKinds.ServerError)]
    public void Words_SayTheKind(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, method: "POST", headers: Json)).Kind);

    [Theory]
    // A verification code that expired is no credential
    [InlineData("""{"error":"The verification code has expired. Request a new one."}""")]
    [InlineData("""{"error":"Invite code expired"}""")]
    public void AnExpiredCodeThatIsNoCredential_IsNotExpiry(string body) =>
        Assert.NotEqual(DiagnosisKinds.ExpiredCredentials, Ex.Diagnose(Ex.Make(400, body, method: "POST", headers: Json)).Kind);

    [Fact]
    public void AnExpiredAuthorizationCode_IsStillExpiry() =>
        Assert.Equal(DiagnosisKinds.ExpiredCredentials, Ex.Diagnose(Ex.Make(400, """{"message":"The authorization code has expired"}""", method: "POST", headers: Json)).Kind);

    [Fact]
    public void AMediaTypeNotAcceptable_IsStillAMediaType() =>
        Assert.Equal(DiagnosisKinds.UnsupportedMediaType, Ex.Diagnose(Ex.Make(406, """{"error":"Not Acceptable: only application/json is produced"}""", method: "GET", headers: Json)).Kind);

    [Theory]
    // A plural written "(s)" before the names
    [InlineData("""{"error":"Missing required argument(s): subject"}""", "subject")]
    // "The X header must …"
    [InlineData("""{"title":"Invalid header","detail":"The Idempotency-Key header must not exceed 255 characters."}""", "Idempotency-Key")]
    // a quoted name, a noun, then what is wrong
    [InlineData("""{"error":"error: 'sender' value is not valid"}""", "sender")]
    public void ANameInProse_IsTheField(string body, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, method: "POST", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(field, d.Paths().First());
    }

    [Theory]
    // Failures under 200: an HTTP reason as the status, an HTTP status as a response code, a list of one error's words
    [InlineData("""{"status": "bad request"}""")]
    [InlineData("""{"responseMessage": "Malformed date '16-01-01'. Expected format is yyyy-MM-dd", "responseCode": 410}""")]
    [InlineData("""[{"Warnings": [], "errorMsg": "Data is not valid, no messages sent", "MessageId": null, "statusMsg": null}]""")]
    public void AFailureUnder200_IsSeen(string body) =>
        Assert.NotNull(Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)));

    [Theory]
    // Successes that only look like one: an errors list of empty strings, a record in a list of one, a response code of 200
    [InlineData("""{"message": "PENDING", "errors": [""]}""")]
    [InlineData("""[{"id": 7, "name": "Ada", "errorCount": 0}]""")]
    [InlineData("""{"responseCode": 200, "responseMessage": "Created"}""")]
    public void ASuccessThatLooksLikeAFailure_IsASuccess(string body) =>
        Assert.Null(Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)));
}
