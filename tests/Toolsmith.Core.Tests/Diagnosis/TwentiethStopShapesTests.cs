using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 57, each closed by one generic rule or a standard's table; bodies written for these tests in the
/// styles such APIs use (not taken from the corpus).
/// </summary>
public class TwentiethStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");
    private static readonly (string, string) Xml = ("Content-Type", "text/xml; charset=utf-8");

    [Fact]
    public void AJsonApiFieldError_ThatSaysTheValueIsTaken_IsAConflict()
    {
        var d = Ex.Diagnose(Ex.Make(422, """{"errors": [{"status": "422", "title": "Invalid attribute", "detail": "Slug has already been taken", "source": {"pointer": "/data/attributes/slug"}}]}""",
            method: "POST", headers: ("Content-Type", "application/vnd.api+json")));
        Assert.Equal(DiagnosisKinds.Conflict, d.Kind);
        Assert.Equal("slug", Assert.Single(d.Fields!).Path);
    }

    [Fact]
    public void AJsonApiFieldError_ThatSaysTheValueIsInvalid_StaysAnInvalidValue() =>
        Assert.Equal(DiagnosisKinds.InvalidValue, Ex.Diagnose(Ex.Make(422,
            """{"errors": [{"status": "422", "title": "Invalid attribute", "detail": "Slug is too long", "source": {"pointer": "/data/attributes/slug"}}]}""",
            method: "POST", headers: ("Content-Type", "application/vnd.api+json"))).Kind);

    [Theory]
    // OAI-PMH's codes, each about one argument of the protocol
    [InlineData("""<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><request>https://repo.example.org/oai</request><error code="badVerb">Verb "ListThings" is not legal</error></OAI-PMH>""", new string[0], "verb")]
    [InlineData("""<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><request verb="ListRecords">https://repo.example.org/oai</request><error code="cannotDisseminateFormat">oai_marc is not supported by this repository</error></OAI-PMH>""", new[] { "verb", "metadataPrefix" }, "params.metadataPrefix")]
    // WMS's codes, each about one parameter of the request
    [InlineData("""<?xml version="1.0"?><ServiceExceptionReport version="1.3.0" xmlns="http://www.opengis.net/ogc"><ServiceException code="LayerNotDefined">roads_2019</ServiceException></ServiceExceptionReport>""", new[] { "SERVICE", "REQUEST", "LAYERS" }, "params.LAYERS")]
    // a code other APIs use too names the parameter only when the request sent one of that name
    [InlineData("""<?xml version="1.0"?><ServiceExceptionReport version="1.3.0"><ServiceException code="InvalidFormat">Unknown format image/jpg2</ServiceException></ServiceExceptionReport>""", new[] { "SERVICE", "FORMAT" }, "params.FORMAT")]
    public void AStandardsCodeForOneParameter_NamesIt(string body, string[] sent, string field)
    {
        var d = Ex.Diagnose(Ex.Make(200, body, @params: sent, method: "GET", headers: Xml));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Fields!.Select(static f => f.Path));
    }

    [Fact]
    public void ACodeOtherApisUseToo_NamesNothing_WhenTheRequestSentNoSuchParameter() =>
        Assert.Null(Ex.Diagnose(Ex.Make(400, """{"code": "InvalidFormat", "message": "The date must look like 2024-01-31"}""",
            @params: ["date"], method: "GET", headers: Json)).Fields?.Find(static f => f.Path.Contains("FORMAT", StringComparison.Ordinal)));

    [Theory]
    // a sentence that ends asking for one name the request did not send
    [InlineData("""{"success": false, "error": {"code": 460, "message": "You need to provide a seriesid"}}""", 200, "params.seriesid")]
    // a name that needs to be set, or is not of the type sent
    [InlineData("""{"message": "passphrase needs to be set"}""", 400, "params.passphrase")]
    [InlineData("""{"error": "tags is not a string"}""", 400, "params.tags")]
    public void AFieldNamedInProse_IsNamed(string body, int status, string field)
    {
        var d = Ex.Diagnose(Ex.Make(status, body, @params: ["apikey", "cmd", "tags"], method: "GET", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Fields!.Select(static f => f.Path));
    }

    [Theory]
    // a sentence asking for credentials or a valid key names no field
    [InlineData("""{"message": "You must provide credentials."}""", 401)]
    [InlineData("""{"message": "Please provide a valid API key"}""", 401)]
    public void AskingForCredentials_NamesNoField(string body, int status) =>
        Assert.Null(Ex.Diagnose(Ex.Make(status, body, method: "GET", headers: Json)).Fields);

    [Theory]
    // FHIR's OperationOutcome: the issue's diagnostics are its words
    [InlineData("""{"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "invalid", "diagnostics": "Invalid value for parameter `limit`. Has to be a positive integer."}]}""", "params.limit")]
    // a list of "field: what is wrong"
    [InlineData("""{"code": 4001, "message": "Invalid Data", "invalid_fields": ["limit: must be below 500"]}""", "params.limit")]
    public void AnIssuesWords_NameItsField(string body, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, @params: ["limit", "q"], method: "GET", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(field, Assert.Single(d.Fields!).Path);
    }

    [Fact]
    public void ACodeOfANegatedVerdict_NamesNoField() =>
        Assert.DoesNotContain("supported", Ex.Diagnose(Ex.Make(400, """{"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "not-supported", "diagnostics": "This server cannot do that."}]}""",
            method: "GET", headers: Json)).Fields?.Select(static f => f.Path) ?? []);

    [Theory]
    // words of a refused credential in more forms
    [InlineData(200, """{"success": false, "error": {"code": 101, "message": "Auth fail"}}""", DiagnosisKinds.BadCredentials)]
    [InlineData(200, """{"error": {"code": "8", "message": "Not logged on"}}""", DiagnosisKinds.BadCredentials)]
    [InlineData(400, """{"RetCode": 171, "Message": "Missing signature"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(401, """{"message": "The token was not found. It has expired or been revoked."}""", DiagnosisKinds.BadCredentials)]
    [InlineData(200, """{"code": 405, "msg": "API ID或API KEY不正确"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(400, """{"error": "invalid_grant", "error_description": "Refresh token expired"}""", DiagnosisKinds.ExpiredCredentials)]
    // a limit on how many of a thing an account may have is a quota, not a rate
    [InlineData(422, """{"error": "failed to save feed. Feed limit reached"}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData(422, """{"error": "Request limit reached, slow down"}""", DiagnosisKinds.RateLimited)]
    public void TheWordsGiveTheKind(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, method: "POST", headers: Json)).Kind);

    [Theory]
    // an answer that is one code: a vendor's prefix, then the failure
    [InlineData("AQSMS-AUTHERROR", DiagnosisKinds.BadCredentials)]
    [InlineData("GWX-INVALID_DESTINATION", DiagnosisKinds.InvalidValue)]
    // a key the server has not made yet
    [InlineData("API key not generated", DiagnosisKinds.BadCredentials)]
    public void AOneLineTextAnswerUnder200_IsAFailure(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "text/plain"))).Kind);

    [Theory]
    [InlineData("QUEUED")]
    [InlineData("INV-2024-0001")]
    [InlineData("NO_ERROR")]
    [InlineData("OK")]
    public void AOneWordSuccess_IsNotFlagged(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "text/plain"))));
}
