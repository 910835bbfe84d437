using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 53, each closed by one generic rule; bodies written for these tests in the styles such APIs use
/// (not taken from the corpus).
/// </summary>
public class SixteenthStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // One error written as an object under "errors", naming its field in a member: the field, not the error's own members
    [InlineData("""{"errors": {"code": "parameter_missing", "message": "Missing required parameter", "parameter": "account_id"}}""", "account_id")]
    [InlineData("""{"errors": {"type": "invalid", "detail": "must be a date", "field": "starts_on"}}""", "starts_on")]
    [InlineData("""{"validationErrors": {"message": "Value out of range", "property": "quantity", "code": 12}}""", "quantity")]
    public void OneErrorObjectUnderErrors_NamesItsField(string body, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, method: "POST", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal([field], d.Fields!.Select(static f => f.Path));
    }

    [Fact]
    public void AMapOfFields_StaysAMapOfFields()
    {
        // fields that are named like an error's own members are still fields when every member holds that field's messages
        var d = Ex.Diagnose(Ex.Make(422, """{"errors": {"email": ["is invalid"], "parameter": ["can't be blank"]}}""", method: "POST", headers: Json));
        Assert.Equal(["email", "parameter"], d.Fields!.Select(static f => f.Path).Order());
    }

    [Theory]
    // JSend's error with its words in data
    [InlineData("""{"status": "error", "data": "Station not found"}""", DiagnosisKinds.NotFound)]
    [InlineData("""{"status": "error", "data": "Invalid key"}""", DiagnosisKinds.BadCredentials)]
    public void AStatusErrorWithItsWordsInData_IsAFailure(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: Json)).Kind);

    [Theory]
    // a status of error beside data that is a record, or data text beside more members, is not judged by this rule
    [InlineData("""{"status": "error", "data": {"id": 4, "state": "queued"}}""")]
    [InlineData("""{"id": 4, "status": "error", "data": "log line 1"}""")]
    public void DataBesideAStatus_OtherwiseIsNotAFailureByThisRule(string body) =>
        Assert.Null(Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: Json)));

    [Theory]
    // a required input the request lacks, said with "not found": a value missing, naming the input
    [InlineData("Error \"Mandatory argument sender is not found.\"", "sender")]
    [InlineData("Required parameter 'limit' not found in the request", "limit")]
    public void ARequiredInputNotFound_IsAMissingValue(string text, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, text, method: "POST", headers: ("Content-Type", "text/plain")));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Fields!.Select(static f => f.Path));
    }

    [Fact]
    public void AThingNotFound_StaysNotFound() =>
        Assert.Equal(DiagnosisKinds.NotFound, Ex.Diagnose(Ex.Make(404, "Error \"Route 66 is not found.\"", method: "GET", headers: ("Content-Type", "text/plain"))).Kind);
}
