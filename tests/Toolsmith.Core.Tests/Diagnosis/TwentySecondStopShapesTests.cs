using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 59, each closed by one generic rule; bodies written for these tests in the styles such APIs use (not
/// taken from the corpus).
/// </summary>
public class TwentySecondStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Fact]
    public void AResultFlagFalse_BesideAStatusObjectsWords_IsAFailureUnder200()
    {
        var d = Ex.Diagnose(Ex.Make(200, """{"Result": false, "StatusCode": {"Code": "031", "Description": "Session is not valid."}, "SessionID": null}""",
            method: "POST", headers: Json));
        Assert.Equal(DiagnosisKinds.BadCredentials, d.Kind);
    }

    [Theory]
    [InlineData("""{"Result": true, "StatusCode": {"Code": "000", "Description": "Success"}, "SessionID": "s-1"}""")]
    [InlineData("""{"result": false, "StatusCode": {"Code": "000", "Description": "Success"}}""")]
    [InlineData("""{"IsErroredOnProcessing": false, "ParsedResults": [{"ParsedText": "Hello"}], "ErrorMessage": null}""")]
    public void TheSameShapesSayingItWorked_AreSuccesses(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)));

    [Fact]
    public void AQuestionAboutAnErrorAnsweredTrue_IsAFailureUnder200()
    {
        var d = Ex.Diagnose(Ex.Make(200, """{"ExitCode": 3, "IsErroredOnProcessing": true, "ErrorMessage": ["Parameter 'lang' is not supported"]}""",
            method: "POST", request: """{"lang": "xx"}""", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("body.lang", d.Paths());
    }

    [Fact]
    public void AMemberNamedMissing_ListsTheFieldsNamed()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"error": "Missing required variables", "missing": ["host_name", "max_check_attempts"]}""", method: "POST", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("host_name", d.Paths());
        Assert.Contains("max_check_attempts", d.Paths());
    }

    [Theory]
    [InlineData("The Reference is missing.", "reference")]
    [InlineData("The currency is empty.", "currency")]
    public void TheNameIsMissing_NamesIt(string message, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, $$"""{"status": "error", "message": "{{message}}"}""", method: "POST", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Paths());
    }

    [Theory]
    [InlineData(429, "User exceeded the weekly export limit of 500.", DiagnosisKinds.QuotaExceeded)]
    [InlineData(413, "Upload size exceeds the maximum allowed by this server", DiagnosisKinds.PayloadTooLarge)]
    [InlineData(400, "Request content size exceeds maximum XML-RPC limit", DiagnosisKinds.PayloadTooLarge)]
    [InlineData(400, "Invalid or missing header 'Content-Type'", DiagnosisKinds.UnsupportedMediaType)]
    [InlineData(400, "The XML request is invalid.", DiagnosisKinds.MalformedBody)]
    [InlineData(200, "backend error", DiagnosisKinds.ServerError)]
    [InlineData(403, "The application has been suspended.", DiagnosisKinds.RequestRejected)]
    [InlineData(403, "Your workspace has been cancelled", DiagnosisKinds.RequestRejected)]
    [InlineData(403, "You're banned from this service.", DiagnosisKinds.RequestRejected)]
    [InlineData(403, "API access is disabled for this organization", DiagnosisKinds.RequestRejected)]
    public void TheWordsSayTheKind(int status, string message, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, $$"""{"error": "{{message}}"}""", method: "POST", headers: Json)).Kind);

    [Theory]
    // a status that is a code other than zero or an HTTP success, beside words that say it failed
    [InlineData("""{"status": 1, "message": "Invalid password. Nothing was changed."}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"_result": {"status": "1", "status_str": "authentication failed"}}""", DiagnosisKinds.BadCredentials)]
    public void ANonZeroStatusBesideFailingWords_IsAFailureUnder200(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)).Kind);

    [Theory]
    [InlineData("""{"status": 0, "message": "Saved", "id": "x"}""")]
    [InlineData("""{"status": 1, "message": "Message queued for delivery"}""")]
    public void ANonZeroStatusBesideOtherWords_IsASuccess(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)));

    [Theory]
    [InlineData("""{"error": "pageSizeX is an invalid parameter"}""", "pageSizeX")]
    [InlineData("""{"status": "error", "message": "`inbox_id` Required"}""", "inbox_id")]
    [InlineData("""{"message": "'query' query parameter is mandatory."}""", "query")]
    [InlineData("""{"error": "No value for required field 'zip_code'."}""", "zip_code")]
    [InlineData("""{"error": "Title length must be between 1 and 200."}""", "title")]
    [InlineData("""{"error": "The phone provided is invalid"}""", "phone")]
    public void ANameInTheseWords_IsTheField(string body, string field) =>
        Assert.Contains(field, Ex.Diagnose(Ex.Make(400, body, method: "POST", headers: Json)).Paths());
}
