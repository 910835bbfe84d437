using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 52, each closed by one generic rule; bodies written for these tests in the styles such APIs use
/// (not taken from the corpus).
/// </summary>
public class FifteenthStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // A bot-protection page (Cloudflare's challenge, Imperva's Incapsula) is a refusal, not a missing permission
    [InlineData("""<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>""", "text/html")]
    [InlineData("""<html><body><iframe src="/_Incapsula_Resource?incident_id=1-2"></iframe>Request unsuccessful. Incapsula incident ID: 1-2</body></html>""", "text/html")]
    public void ABotProtectionPage_IsARefusal(string body, string type) =>
        Assert.Equal(DiagnosisKinds.RequestRejected, Ex.Diagnose(Ex.Make(403, body, method: "GET", headers: ("Content-Type", type))).Kind);

    [Theory]
    // Privileges the user lacks, in the words such servers use, and the one it names in quotes
    [InlineData("ERROR: Insufficient user privileges: You must have 'Report Export' privileges in the project.", "Report Export")]
    [InlineData("Sorry, you do not have sufficient access rights to perform this operation.", null)]
    public void PrivilegesTheUserLacks_AreAPermission(string text, string? named)
    {
        var d = Ex.Diagnose(Ex.Make(400, text, method: "POST", headers: ("Content-Type", "text/plain")));
        Assert.Equal(DiagnosisKinds.InsufficientPermission, d.Kind);
        if (named is not null)
        {
            Assert.Contains(named, d.Scopes!.Missing);
        }
    }

    [Fact]
    public void ScopesRequiredByTheService_NameTheScope()
    {
        var d = Ex.Diagnose(Ex.Make(403, """{"reason": "insufficient_scope. Request lacks scope(s) required by this endpoint: write"}""", method: "POST", headers: Json));
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Contains("write", d.Scopes!.Missing);
    }

    [Theory]
    // An error element reached through objects under 200
    [InlineData("""{"STATAPI": {"Request": {"Params": [{"Name": "METHOD", "Value": "GETDATA"}]}, "Results": {"Error": {"ErrorCode": "40", "ErrorDescription": "The table requested requires parameter: TableName"}}}}""")]
    [InlineData("""{"response": {"meta": {"version": 2}, "error": {"code": 17, "text": "Account id is not valid"}}}""")]
    // Any HTTP error's reason as the status, not only "bad request"
    [InlineData("""{"status": "UNAUTHORIZED", "message": "Session is not valid"}""")]
    [InlineData("""{"status": "too_many_requests"}""")]
    public void AFailureUnder200_IsSeen(string body) =>
        Assert.NotNull(Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: Json)));

    [Theory]
    // Successes whose nested error element holds nothing, a count of none, or no words
    [InlineData("""{"report": {"summary": {"errors": {"count": 0}}, "rows": [1, 2]}}""")]
    [InlineData("""{"data": {"error": null, "value": 3}}""")]
    [InlineData("""{"id": 7, "status": "conflict", "resolvedBy": null}""")]
    [InlineData("""{"data": {"sync": {"error": {"code": "E0"}}, "value": 3}}""")]
    public void ANestedErrorElementSayingNothing_IsASuccess(string body) =>
        Assert.Null(Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: Json)));
}
