using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 60, each closed by one generic rule; bodies written for these tests in the styles such APIs use (not
/// taken from the corpus).
/// </summary>
public class TwentyThirdStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // a result code and its text, alone or as the one object of a list (a control channel's answer)
    [InlineData("""{"result": 2, "text": "missing parameter 'subnet-id'"}""", DiagnosisKinds.InvalidValue)]
    [InlineData("""[{"result": 1, "text": "unable to parse the 'hw-address' parameter"}]""", DiagnosisKinds.InvalidValue)]
    // an abbreviated result code and its words
    [InlineData("""{"res": 9403, "res_message": "Unknown error occurred", "debug_info": {"trace": "t-1"}}""", DiagnosisKinds.ServerError)]
    [InlineData("""{"rc": 4, "res_message": "Permission denied for this operation"}""", DiagnosisKinds.InsufficientPermission)]
    // a status's words named as C names them, in a wrapper
    [InlineData("""{"_data": {"status": "2", "status_str": "authentication failed"}}""", DiagnosisKinds.BadCredentials)]
    public void AResultCodeBesideWordsThatSayItFailed_IsAFailureUnder200(string body, string kind)
    {
        var d = Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: Json));
        Assert.Equal(kind, d.Kind);
    }

    [Theory]
    [InlineData("""{"result": 0, "text": "Lease for address 10.0.0.5 added."}""")]
    [InlineData("""[{"result": 0, "text": "2 IPv4 lease(s) found.", "arguments": {"leases": []}}]""")]
    [InlineData("""[{"result": 3, "text": "0 IPv6 lease(s) found."}]""")]
    [InlineData("""{"res": 0, "res_message": "OK", "debug_info": {"trace": "t-1"}}""")]
    [InlineData("""{"_data": {"status": "0", "status_str": "Success"}}""")]
    // a record's text that says a failure, without a result code beside it, is data (a log line)
    [InlineData("""{"id": 7, "text": "Login failed for user bob at 10:02"}""")]
    public void TheSameShapesSayingItWorked_OrHoldingWordsAsData_AreSuccesses(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)));

    [Fact]
    public void AQueryParameterTheApiSaysIsMissing_IsNamedAsAParameter_EvenUnsent()
    {
        // FastAPI: the location says query; the step sent other parameters, not this one
        var d = Ex.Diagnose(Ex.Make(422, """{"detail": [{"type": "missing", "loc": ["query", "station_id"], "msg": "Field required", "input": null}]}""",
            @params: ["lat", "lon"], method: "GET", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("params.station_id", d.Paths());
    }

    [Fact]
    public void APathParameterTheApiNames_IsNotTakenForAQueryParameter()
    {
        var d = Ex.Diagnose(Ex.Make(422, """{"detail": [{"type": "int_parsing", "loc": ["path", "item_id"], "msg": "Input should be a valid integer"}]}""",
            method: "GET", headers: Json));
        Assert.DoesNotContain("params.item_id", d.Paths());
        Assert.Contains("item_id", d.Paths());
    }

    [Theory]
    // Spring's binding errors
    [InlineData("""{"errors": [{"status": "400 BAD_REQUEST", "code": "Pattern", "title": "Field locId of hotspotCmd: locId is invalid."}]}""", "locId")]
    [InlineData("""{"message": "Validation failed. Field error in object 'signupForm' on field 'email': rejected value [x]; codes [Email]"}""", "email")]
    // identifiers a program wrote, invalid or missing
    [InlineData("""{"error": "Invalid or missing folder_id"}""", "folder_id")]
    [InlineData("""{"error": "Missing or empty apiVersion"}""", "apiVersion")]
    [InlineData("""{"error": "Both start_date and end_date parameters are required."}""", "start_date")]
    public void AFieldNamedInTheseSentences_IsNamed(string body, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Paths());
    }

    [Fact]
    public void ReasonsListedWithTheirPaths_NameTheFieldsSent()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"reason": [{"error": "should be at most 35 characters", "path": ["description"]}], "type": "srn:error:validation"}""",
            request: """{"description": "far too long a description for this", "amount": 5}""", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("body.description", d.Paths());
    }

    [Fact]
    public void WordsOfASentenceAreNotTakenForTheIdentifierOfTheseShapes() =>
        Assert.DoesNotContain("request", Ex.Diagnose(Ex.Make(400, """{"error": "Invalid or missing request body"}""", headers: Json)).Paths());

    [Theory]
    [InlineData("Bad token supplied", DiagnosisKinds.BadCredentials)]
    [InlineData("Access token required", DiagnosisKinds.BadCredentials)]
    [InlineData("The session token ID is invalid", DiagnosisKinds.BadCredentials)]
    [InlineData("Invalid page token", DiagnosisKinds.InvalidValue)]
    [InlineData("This item cannot be added twice to the same list", DiagnosisKinds.Conflict)]
    [InlineData("The webhook has existed, you cannot create it again", DiagnosisKinds.Conflict)]
    [InlineData("Exports are disabled for this workspace: feature is disabled", DiagnosisKinds.RequestRejected)]
    [InlineData("Enterprise plan required for bulk export", DiagnosisKinds.RequestRejected)]
    [InlineData("Unknown endpoint", DiagnosisKinds.NotFound)]
    [InlineData("Invalid route parameter: id", DiagnosisKinds.InvalidValue)]
    [InlineData("You were logged out after 30 minutes of inactivity", DiagnosisKinds.ExpiredCredentials)]
    [InlineData("Your trial has ended; upgrade to continue", DiagnosisKinds.RequestRejected)]
    public void TheseWordsSayTheirKind(string words, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(400, $$"""{"error": "{{words}}"}""", headers: Json)).Kind);
}
