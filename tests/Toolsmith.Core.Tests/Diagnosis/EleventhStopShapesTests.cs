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
}
