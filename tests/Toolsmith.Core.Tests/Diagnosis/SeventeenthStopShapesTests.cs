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
}
