using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes the fifth fresh corpus found the engine blind to, each closed by one generic mechanism. The bodies are written for
/// these tests in the styles such APIs use (not taken from the corpus), so the corpus stays a measure.
/// </summary>
public class FifthSetShapesTests
{
    [Theory]
    // a status word beside words under a name of their own
    [InlineData("""{"status":"Failed","statusDescription":"Invalid record type."}""", "application/json")]
    // a result object listing errors
    [InlineData("""{"apiversion":2,"func":"add_list","result":{"data":null,"errors":["The list news already exists."],"status":0}}""", "application/json")]
    // a numeric error beside a message
    [InlineData("""{"error":-124,"message":"Recipient is not reachable"}""", "application/json")]
    // a wrapped code and words saying it failed, among many members
    [InlineData("""{"shop_refund_response":{"code":"40004","msg":"Business Failed","sub_code":"REFUND_AMOUNT_INVALID","a":"1","b":"2","c":"3","d":"4","e":"5"},"sign":"x"}""", "application/json")]
    // a code word (not a success word) beside a message, and success written as the text "false"
    [InlineData("""{"code":"INVALID_SIGNATURE","message":"The signature does not match","request_id":"r-1"}""", "application/json")]
    [InlineData("""{"success":"false","message":"Order could not be placed"}""", "application/json")]
    // name = value lines of a registrar-style answer
    [InlineData("[RESPONSE]\r\ncode = 541\r\ndescription = Invalid attribute value; period\r\nruntime = 0.01\r\nEOF\r\n", "text/plain")]
    // XML: an Error element deep in the answer, key="…" items, a diagnostics list, a non-English rejection
    [InlineData("<?xml version=\"1.0\"?><LookupResponse><Entry ID=\"0\"><Error><Number>-8</Number><Description>Entry Not Found.</Description></Error></Entry></LookupResponse>", "text/xml")]
    [InlineData("<envelope><body><data_block><item key=\"is_success\">0</item><item key=\"response_code\">465</item><item key=\"response_text\">Request not authorized</item></data_block></body></envelope>", "text/xml")]
    [InlineData("<searchRetrieveResponse><diagnostics><diagnostic><uri>info:srw/diagnostic/1/7</uri><details>query</details><message>Mandatory parameter not supplied</message></diagnostic></diagnostics></searchRetrieveResponse>", "text/xml")]
    [InlineData("<retorno><cStat>539</cStat><xMotivo>Rejeição: Duplicidade de NF-e</xMotivo></retorno>", "text/xml")]
    [InlineData("<resp><Incidencias><Incidencia><CodigoError>301</CodigoError><MensajeIncidencia>XML mal formado</MensajeIncidencia></Incidencia></Incidencias></resp>", "text/xml")]
    public void FailuresUnder200_InTheseShapes_AreDiagnosed(string body, string contentType) =>
        Assert.NotNull(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", contentType))));

    [Theory]
    [InlineData("""{"status":"Success","statusDescription":"The record was added successfully."}""", "application/json")]
    [InlineData("""{"jsonrpc":"2.0","id":4,"result":{"errors":[],"value":1}}""", "application/json")]
    [InlineData("""{"apiversion":2,"result":{"data":[1],"errors":null,"status":1}}""", "application/json")]
    [InlineData("<GetItemResponse><Ack>Warning</Ack><Errors><ShortMessage>Deprecated.</ShortMessage><ErrorCode>21917091</ErrorCode></Errors><Item/></GetItemResponse>", "text/xml")]
    [InlineData("[RESPONSE]\r\ncode = 200\r\ndescription = Command completed successfully\r\nEOF\r\n", "text/plain")]
    [InlineData("""{"code":"SUCCESS","message":"Order placed","request_id":"r-1"}""", "application/json")]
    [InlineData("""{"id":"p-9","code":"SKU_RED_XL","message":"Red shirt, XL"}""", "application/json")]
    public void Successes_WithTheSameMembers_AreNotFlagged(string body, string contentType) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", contentType))));

    [Theory]
    [InlineData(200, "<retorno><cStat>217</cStat><xMotivo>Rejeição: NF-e não consta na base de dados</xMotivo></retorno>", DiagnosisKinds.NotFound)]
    [InlineData(200, "<retorno><cStat>204</cStat><xMotivo>Rejeição: Duplicidade de NF-e</xMotivo></retorno>", DiagnosisKinds.Conflict)]
    [InlineData(400, """{"fehler":"Der Datensatz existiert bereits"}""", DiagnosisKinds.Conflict)]
    [InlineData(400, """{"mensaje":"El cliente no existe"}""", DiagnosisKinds.NotFound)]
    [InlineData(403, """{"message":"权限不足"}""", DiagnosisKinds.InsufficientPermission)]
    [InlineData(200, """{"code":1002,"msg":"请求过于频繁","success":false}""", DiagnosisKinds.RateLimited)]
    [InlineData(200, "<envelope><body><data_block><item key=\"is_success\">0</item><item key=\"response_code\">485</item><item key=\"response_text\">Domain taken</item></data_block></body></envelope>", DiagnosisKinds.Conflict)]
    [InlineData(200, "[RESPONSE]\r\ncode = 530\r\ndescription = Authentication failed\r\nEOF\r\n", DiagnosisKinds.BadCredentials)]
    [InlineData(403, """{"error":"Insufficient app permissions!","error_code":21}""", DiagnosisKinds.MissingScope)]
    [InlineData(402, "Your account does not have enough credits to create this server.", DiagnosisKinds.QuotaExceeded)]
    [InlineData(400, """{"error":"No such column: amout"}""", DiagnosisKinds.InvalidValue)]
    [InlineData(500, """{"error":"Selected time is not available: it was booked by another client."}""", DiagnosisKinds.Conflict)]
    [InlineData(400, """{"error":"invalid_grant","error_description":"invalid_username_or_password"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(200, """{"status":"Failed","statusDescription":"Invalid authentication, incorrect auth-id or auth-password."}""", DiagnosisKinds.BadCredentials)]
    public void Kinds_FromShapesAndWordsNotSeenBefore(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(status, body).Kind);

    [Fact]
    public void ThePermissionNamed_WithCurlyQuotes_AndAFeature_IsNamed()
    {
        var d = Ex.Diagnose(200, """{"result":{"errors":["You do not have the feature “ftpaccts”."],"status":0}}""");
        Assert.Equal(DiagnosisKinds.InsufficientPermission, d.Kind);
        Assert.Contains("ftpaccts", d.Scopes!.Missing);
    }

    [Theory]
    [InlineData(422, """{"messages":[{"errorCode":"100","message":"[(root).properties.ram] Attribute is required but was not provided"}]}""", """{"properties":{"name":"a"}}""", "body.properties.ram")]
    [InlineData(422, """{"error":"Key 'kind' not present or not a String"}""", """{"name":"a"}""", "body.kind")]
    [InlineData(400, """[{}, {"ttl":["Ensure this value is at least 60."]}]""", """[{"ttl":3600},{"ttl":5}]""", "body[1].ttl")]
    [InlineData(400, """{"code":400,"message":"Validation error","data":{"client_id":["Client is required"]}}""", """{"service_id":1}""", "body.client_id")]
    [InlineData(400, """{"header":{"status":"error","message":"Could not validate."},"body":{"title":{"_empty":"A title is required."}}}""", """{"title":""}""", "body.title")]
    [InlineData(422, """{"statusCode":422,"message":[{"code":"invalid_type","path":["projectId"],"message":"Required"}]}""", """{"name":"x"}""", "body.projectId")]
    [InlineData(400, """{"error":"Invalid value for metadata default.language: xx"}""", """{"metas":{"default":{"language":"xx"}}}""", "body.metas.default.language")]
    [InlineData(400, """{"errorMessage":"target parameter is needed"}""", """{"source":"ko"}""", "target")]
    [InlineData(400, """{"error":"miss required parameter (status), see doc"}""", """{"visible":0}""", "body.status")]
    public void Fields_InTheseShapes_AreNamed(int status, string body, string request, string path) =>
        Assert.Contains(path, Ex.Diagnose(Ex.Make(status, body, request)).Paths());

    [Fact]
    public void AnErrorItemsDetails_NamingASentParameter_IsThatParameter()
    {
        var body = "<searchRetrieveResponse><diagnostics><diagnostic><uri>info:srw/diagnostic/1/6</uri><details>maximumRecords</details><message>Unsupported parameter value</message></diagnostic></diagnostics></searchRetrieveResponse>";
        var d = Ex.Diagnose(Ex.Make(200, body, method: "GET", @params: ["query", "maximumRecords"], headers: ("Content-Type", "text/xml")));
        Assert.Contains("params.maximumRecords", d.Paths());
    }
}
