using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 48 (exchanges, cloud consoles, CRMs and help desks), each closed by one generic rule; bodies written
/// for these tests in the styles such APIs use (not taken from the corpus).
/// </summary>
public class EleventhStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // One code word in a words member, beside a status the reader cannot weigh ("0").
    [InlineData("""{"status":"0","info":"DAILY_QUERY_OVER_LIMIT","infocode":"10003"}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData("""{"state":"0","message":"INVALID_SIGNATURE"}""", DiagnosisKinds.BadCredentials)]
    public void ACodeWordWhereWordsGo_Under200_IsAFailure(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, headers: Json)).Kind);

    [Fact]
    public void ACodeWordMessage_BesideData_IsNotFlagged() =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """{"status":"1","info":"OK","infocode":"10000","count":"1","geocodes":[{"city":"x"}]}""", headers: Json)));

    [Fact]
    public void AnErrorsDetails_AtTheTopLevel_ListErrorObjectsByField()
    {
        var d = Ex.Diagnose(Ex.Make(422, """{"error":"RecordInvalid","description":"Record validation errors","details":{"email":[{"description":"Email: is invalid","error":"InvalidValue"}],"name":[{"description":"Name: can't be blank","error":"BlankValue"}]}}""",
            request: """{"email":"x","name":""}""", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("body.email", d.Paths());
        Assert.Contains("body.name", d.Paths());
    }

    [Fact]
    public void ListsOfErrorObjectsNamedAsErrors_AreNotFields()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"error":{"root_cause":[{"type":"parse_exception","reason":"request body is required"}],"type":"parse_exception","reason":"request body is required"},"status":400}""", headers: Json));
        Assert.DoesNotContain("root_cause", d.Paths());
    }

    [Fact]
    public void AJsonRpcErrorsData_NamesTheParameter()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"jsonrpc":"2.0","error":{"message":"Invalid params","data":{"reason":"instrument not found","param":"instrument_name"},"code":-32602}}""",
            request: """{"jsonrpc":"2.0","method":"public/ticker","params":{"instrument_name":"BTC-XYZ"}}""", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("body.params.instrument_name", d.Paths());
    }

    [Theory]
    // A recipient the sender may not reach any more: a refusal of this message, not a missing permission.
    [InlineData(403, """{"message":"Sending to this recipient is blocked due to previous complaints."}""", DiagnosisKinds.RequestRejected)]
    [InlineData(403, """{"error":"The email address has been suppressed because of prior hard bounces"}""", DiagnosisKinds.RequestRejected)]
    // A plan's limit on how many of a thing an account may have.
    [InlineData(403, """{"message":"You have reached the maximum number of projects for your plan."}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData(400, """{"error":"Your account has exceeded the limit of 5 users on the Free plan"}""", DiagnosisKinds.QuotaExceeded)]
    // At a 401, words whose subject is the credential say it was read and may not do this.
    [InlineData(401, """{"error":"This API key does not have access to the requested resource"}""", DiagnosisKinds.InsufficientPermission)]
    // (and a bare "not authorized to access" at a 401 stays about the credentials)
    [InlineData(401, """{"message":"You are not authorized to access this resource"}""", DiagnosisKinds.BadCredentials)]
    public void WordsThatSayWhy_DecideTheKind(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, headers: Json)).Kind);

    [Fact]
    public void AnHttpReasonAsALabel_Under200_IsAFailure()
    {
        var d = Ex.Diagnose(Ex.Make(200, "Bad Request: unknown parameter 'fromat'", method: "GET", headers: ("Content-Type", "text/plain")));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("fromat", d.Paths());
    }

    [Theory]
    // A name the API does not take, said under 200 (where the status says nothing): the request is what is wrong.
    [InlineData("""{"error":"Unrecognized field: colour"}""")]
    [InlineData("""{"ok":false,"message":"unexpected property 'sizes' in request"}""")]
    [InlineData("""{"success":false,"detail":"Unknown query parameter: pagesize"}""")]
    public void ANameTheApiDoesNotTake_IsAnInvalidValue(string body) =>
        Assert.Equal(DiagnosisKinds.InvalidValue, Ex.Diagnose(Ex.Make(200, body, headers: Json)).Kind);

    [Theory]
    // Fastify/ajv's location before the name
    [InlineData("""{"error":"body/name must NOT have fewer than 3 characters"}""", "name")]
    // a leading name spelled as only an identifier is, before "is not a valid"
    [InlineData("""{"error":"user_id is not a valid UUID"}""", "user_id")]
    [InlineData("""{"message":"webhookUrl is not a valid URL"}""", "webhookUrl")]
    // Mongoose's "Path `x` is required."
    [InlineData("""{"message":"ValidationError: title: Path `title` is required."}""", "title")]
    // a quoted name before its location and noun
    [InlineData("""{"message":"The value provided for the 'sort' query parameter is not supported."}""", "sort")]
    // the name that ends "not valid for …"
    [InlineData("""{"detail":"Value 'abc' is not valid for amount"}""", "amount")]
    public void NamesInValidatorsWords_AreTheFields(string body, string field) =>
        Assert.Contains(field, Ex.Diagnose(Ex.Make(400, body, headers: Json)).Paths());

    [Theory]
    // a value that leads the sentence is not a field
    [InlineData("""{"error":"marcxml is not supported by the item or by the repository."}""")]
    [InlineData("""{"error":"in_progress is not a valid status"}""")]
    [InlineData("""{"error":"This coupon is not valid for production."}""")]
    public void AValueLeadingTheSentence_IsNotAField(string body) =>
        Assert.Empty(Ex.Diagnose(Ex.Make(400, body, headers: Json)).Paths());

    [Fact]
    public void AnAttributeWrittenApart_WithNoRequest_IsItsNameJoined()
    {
        Assert.Contains("per_page", Ex.Diagnose(Ex.Make(422, """{"message":"The per page must not be greater than 100."}""", headers: Json)).Paths());
        // with a request, the words are matched against what it sent
        Assert.Contains("params.per_page", Ex.Diagnose(Ex.Make(422, """{"message":"The per page must not be greater than 100."}""", @params: ["per_page"], headers: Json)).Paths());
    }
}
