using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes and phrasings the eighth fresh corpus's read half found the engine blind to (self-hosted software, trading and
/// payment APIs, open-data services), each closed by one generic rule. The bodies are written for these tests in the styles
/// such APIs use (not taken from the corpus), so the corpus stays a measure.
/// </summary>
public class EighthSetShapesTests
{
    [Theory]
    [InlineData("""{"arguments":{},"result":"invalid torrent hash given"}""", DiagnosisKinds.InvalidValue)]
    [InlineData("""{"result":"record not found"}""", DiagnosisKinds.NotFound)]
    [InlineData("""{"response":{"result":"error","message":"Unknown command: list_users","data":{}}}""", DiagnosisKinds.NotFound)]
    [InlineData("""{"status":"021","message":"사용할 수 있는 호출 한도를 초과하였습니다."}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData("""{"err":"31","errMsg":"잘못된 인증키입니다."}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""[{"id":"a1","success":false,"error":"duplicate"},{"id":"a2","success":false,"error":"duplicate"}]""", DiagnosisKinds.Conflict)]
    [InlineData("""{"errors":{"error":"The account does not have enough buying power for this order."}}""", DiagnosisKinds.RequestRejected)]
    [InlineData("""{"result":"failed","validations":{"rule.port":"Value is not a valid port number."}}""", DiagnosisKinds.InvalidValue)]
    public void FailuresUnder200_InShapesNotSeenBefore(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: ("Content-Type", "application/json"))).Kind);

    [Theory]
    [InlineData("<w3s.response><reqn>1</reqn><retval>-3</retval><retdesc>signature is incorrect</retdesc></w3s.response>", DiagnosisKinds.BadCredentials)]
    [InlineData("<result><status>021</status><message>요청 제한을 초과하였습니다.</message></result>", DiagnosisKinds.QuotaExceeded)]
    public void XmlFailuresUnder200_InShapesNotSeenBefore(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "text/xml"))).Kind);

    [Theory]
    [InlineData("""{"arguments":{},"result":"success"}""")]
    [InlineData("""{"result":"valid","email":"a@example.com"}""")]
    [InlineData("""{"status":"000","message":"정상"}""")]
    [InlineData("""{"status":"1","message":"OK","result":[{"value":"2"}]}""")]
    [InlineData("""[{"id":"a1","success":true},{"id":"a2","success":false,"error":"duplicate"}]""")]
    [InlineData("""{"errors":{},"data":{"id":"7"}}""")]
    public void Successes_InTheseShapes_AreNotFlagged(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "application/json"))));

    [Theory]
    [InlineData(400, "Not safe procedure for HTTP-Method GET. Use Method POST instead", DiagnosisKinds.MethodNotAllowed)]
    [InlineData(400, "Error: fileType=.xyz isn't supported by this service.", DiagnosisKinds.UnsupportedMediaType)]
    [InlineData(200, "error: expects two parameters", DiagnosisKinds.InvalidValue)]
    [InlineData(401, "API Key Required", DiagnosisKinds.BadCredentials)]
    [InlineData(400, "Parameter apikey is required", DiagnosisKinds.BadCredentials)]
    [InlineData(404, "no such command: backup.", DiagnosisKinds.NotFound)]
    public void Phrasings_NotSeenBefore(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, method: "GET", headers: ("Content-Type", "text/plain"))).Kind);

    [Fact]
    public void QuotedPermissionNames_WithSpaces_AreNamed()
    {
        var one = Ex.Diagnose(403, """{"errors":[{"title":"Forbidden","status":"403","detail":"The 'edit any article' permission is required."}]}""");
        Assert.Contains("edit any article", one.Scopes!.Missing);
        var either = Ex.Diagnose(403, """{"errors":[{"title":"Forbidden","status":"403","detail":"The following permissions are required: 'publish article' OR 'administer articles'."}]}""");
        Assert.Equal(["publish article", "administer articles"], either.Scopes!.Missing);
    }

    [Fact]
    public void AValueTheMessageQuotesBack_NamesTheParameterThatSentIt()
    {
        var d = Ex.Diagnose(Ex.Make(200, """{"response":{"result":"error","message":"Unknown command: get_usres. Possible commands are: get_users, get_history"}}""",
            @params: ["apikey", "cmd"], url: "https://media.example.org/api/v2?apikey=k&cmd=get_usres", method: "GET", headers: ("Content-Type", "application/json")));
        Assert.Equal(DiagnosisKinds.NotFound, d.Kind);
        Assert.Contains("params.cmd", d.Paths());
        var body = Ex.Diagnose(Ex.Make(400, """{"error":"Style (winter:DEFAULT) not defined on this layer"}""", request: """{"layer":{"name":"roads","style":"winter:DEFAULT"}}"""));
        Assert.Contains("body.layer.style", body.Paths());
    }

    [Fact]
    public void ACommonValue_OrOneSentUnderTwoNames_NamesNothing()
    {
        var common = Ex.Diagnose(Ex.Make(400, """{"error":"The 2024 report is not ready"}""", @params: ["year", "format"], url: "https://a.example.org/r?year=2024&format=full", method: "GET"));
        Assert.Empty(common.Paths());
        var twice = Ex.Diagnose(Ex.Make(404, """{"error":"Team blue-team was not found"}""", request: """{"from":"blue-team","to":"blue-team"}"""));
        Assert.Empty(twice.Paths());
    }
}
