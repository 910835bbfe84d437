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
}
