using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes the sixth fresh corpus found the engine blind to, each closed by one generic mechanism. The bodies are written for
/// these tests in the styles such APIs use (not taken from the corpus), so the corpus stays a measure.
/// </summary>
public class SixthSetShapesTests
{
    [Theory]
    // XML and SOAP answers judged by their error elements, whatever they are called
    [InlineData("<ConsultaResponse><ConsultaResult><Errors><Err><Code>702</Code><Msg>Cuit del emisor no autorizado</Msg></Err></Errors></ConsultaResult></ConsultaResponse>", "text/xml")]
    [InlineData("<respuesta><errores><error><codigo>31</codigo><descripcion>Planta inexistente</descripcion></error></errores></respuesta>", "text/xml")]
    [InlineData("<SearchResults><response><exception><exceptionDescription>Search text is not valid</exceptionDescription><exceptionCode>SEARCH</exceptionCode></exception></response></SearchResults>", "text/xml")]
    [InlineData("<ServiceExceptionReport version=\"1.3.0\"><ServiceException code=\"InvalidParameterValue\" locator=\"bbox\">Bad bounding box</ServiceException></ServiceExceptionReport>", "application/vnd.ogc.se_xml")]
    [InlineData("<response><error><![CDATA[Object Not Found]]></error><limit>0</limit><results></results></response>", "application/xml")]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><RunResponse><RunResult>&lt;Reply&gt;&lt;Error Code=\"14\" Description=\"Missing card number\"/&gt;&lt;/Reply&gt;</RunResult></RunResponse></s:Body></s:Envelope>", "text/xml")]
    [InlineData("<reply><code>1002</code><msg>Signature check failed</msg></reply>", "text/xml")]
    // form and text answers
    [InlineData("ErrCode=E01&ErrInfo=E01010001", "text/plain")]
    [InlineData("Invalid API key", "text/plain")]
    // JSON envelopes
    [InlineData("""{"Success":false,"ErrorCode":"9","Message":"Terminal blocked","TerminalKey":"t-1"}""", "application/json")]
    [InlineData("""{"success":0,"data":{"code":30001}}""", "application/json")]
    [InlineData("""{"error":"Filter Error","limit":0,"offset":0,"page_results":0,"total_results":0,"status_code":104,"results":[]}""", "application/json")]
    [InlineData("""{"requestCount":1,"failures":[{"message":"Delete not allowed","id":"1"}],"failedCount":1,"allsuccessful":false}""", "application/json")]
    [InlineData("""{"result":false,"message":"Order is closed","code":7}""", "application/json")]
    [InlineData("""{"Status":"Error","Message":"Session not found"}""", "application/json")]
    [InlineData("cb({\"ok\":false,\"error\":\"invalid_auth\"});", "text/javascript")]
    [InlineData("""{"results":[],"status":"OVER_QUERY_LIMIT","error_message":"You have exceeded your daily request quota"}""", "application/json")]
    [InlineData("""{"results":[],"status":"REQUEST_DENIED"}""", "application/json")]
    public void FailuresUnder200_InTheseShapes_AreDiagnosed(string body, string contentType) =>
        Assert.NotNull(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", contentType))));

    [Theory]
    [InlineData("<Result><Resultado>A</Resultado><Observaciones><Obs><Code>10217</Code><Msg>Nota informativa</Msg></Obs></Observaciones></Result>", "text/xml")]
    [InlineData("<response><error>OK</error><limit>1</limit><results><issue><id>1</id></issue></results></response>", "application/xml")]
    [InlineData("<Status><ErrorCount>0</ErrorCount><LastErrorTime>2024-01-01</LastErrorTime><ErrorCode>0</ErrorCode><ErrorMessage></ErrorMessage></Status>", "text/xml")]
    [InlineData("<Reply><Errors><Error><Severity>Warning</Severity><Message>Field deprecated</Message></Error></Errors><Item>1</Item></Reply>", "text/xml")]
    [InlineData("<response><code>200</code><message>OK</message><data>1</data></response>", "text/xml")]
    [InlineData("""{"error":"OK","limit":1,"offset":0,"page_results":1,"total_results":1,"status_code":1,"results":[{"id":4005}]}""", "application/json")]
    [InlineData("""{"requestCount":1,"failures":[],"successCount":1,"allsuccessful":true}""", "application/json")]
    [InlineData("""{"result":true,"message":"Saved"}""", "application/json")]
    [InlineData("cb({\"ok\":true,\"items\":[]});", "text/javascript")]
    [InlineData("""{"results":[],"status":"ZERO_RESULTS"}""", "application/json")]
    [InlineData("""{"id":"o-1","status":"PAYMENT_FAILED","amount":5}""", "application/json")]
    [InlineData("Our API guide: how to stay under the rate limit, how to rotate an invalid API key, and how to read quotas. Each section below explains one topic with examples that you can copy into your own scripts, and the last one lists the limits of every plan in a table.", "text/plain")]
    public void Successes_WithTheSameMembers_AreNotFlagged(string body, string contentType) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", contentType))));

    [Theory]
    [InlineData(200, "<r><Errors><Err><Code>600</Code><Msg>El token ha vencido</Msg></Err></Errors></r>", DiagnosisKinds.ExpiredCredentials)]
    [InlineData(200, "<r><Errors><Err><Code>501</Code><Msg>Error interno de base de datos</Msg></Err></Errors></r>", DiagnosisKinds.ServerError)]
    [InlineData(200, """{"code":1,"msg":"系统繁忙，请稍后再试"}""", DiagnosisKinds.ServerError)]
    [InlineData(400, """{"error":{"name":"insufficient_funds","message":"주문가능한 잔액이 부족합니다."}}""", DiagnosisKinds.RequestRejected)]
    [InlineData(200, """{"status":"failure","errorMessage":"Kayıt bulunamadı"}""", DiagnosisKinds.NotFound)]
    [InlineData(400, """{"status":"failure","errorMessage":"API anahtarı geçersiz"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(200, """{"status":"error","message":"Transacción rechazada"}""", DiagnosisKinds.RequestRejected)]
    [InlineData(402, """{"error":{"message":"Your card was declined."}}""", DiagnosisKinds.RequestRejected)]
    [InlineData(403, "<response status='error' code='403'><result><msg>Invalid Credential</msg></result></response>", DiagnosisKinds.BadCredentials)]
    [InlineData(404, """{"errorCode":"404.001.03","errorMessage":"Invalid Access Token"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(200, """{"error":{"type":"OAuthException","message":"Invalid OAuth access token.","code":300}}""", DiagnosisKinds.BadCredentials)]
    [InlineData(500, """{"errorCode":"500.001.1001","errorMessage":"Merchant does not exist"}""", DiagnosisKinds.NotFound)]
    [InlineData(400, """{"faultString":"The page is currently locked"}""", DiagnosisKinds.Conflict)]
    [InlineData(409, """{"error":"This report cannot be run again for another 20 seconds."}""", DiagnosisKinds.RateLimited)]
    [InlineData(400, """{"message":"tag-1 cannot be deleted because it is referenced by 3 rules"}""", DiagnosisKinds.Conflict)]
    [InlineData(200, """{"code":"40001","msg":"sign check failed"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(400, """{"error":"Invalid merchant id"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(403, """{"message":"API 키에 권한이 없습니다."}""", DiagnosisKinds.MissingScope)]
    [InlineData(200, "<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>-32700</int></value></member><member><name>faultString</name><value><string>parse error. not well formed</string></value></member></struct></value></fault></methodResponse>", DiagnosisKinds.MalformedBody)]
    public void Kinds_FromShapesAndWordsNotSeenBefore(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(status, body).Kind);

    [Fact]
    public void ACredentialNamedAsTheMissingParameter_IsBadCredentials()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"error":"Required parameter 'key' is missing"}""", method: "GET", @params: ["key", "steamid"]));
        Assert.Equal(DiagnosisKinds.BadCredentials, d.Kind);
    }

    [Theory]
    [InlineData(200, "<r><Errors><Err><Code>15004</Code><Msg>El campo &lt;Periodo&gt; debe tener el formato AAAAMM</Msg></Err></Errors></r>", null, "Periodo")]
    [InlineData(200, """{"code":10001,"msg":"请求参数[timezoneId]无效","data":null,"success":false}""", null, "timezoneId")]
    [InlineData(200, """{"error":"'jsonp' format requires a 'json_callback' argument","limit":0,"results":[]}""", null, "json_callback")]
    [InlineData(422, """{"errors":[{"source":"doi","title":"Is invalid"}]}""", """{"data":{"attributes":{"doi":"10.1/x"}}}""", "body.data.attributes.doi")]
    public void Fields_InTheseShapes_AreNamed(int status, string body, string? request, string path) =>
        Assert.Contains(path, Ex.Diagnose(Ex.Make(status, body, request, headers: ("Content-Type", body.StartsWith('<') ? "text/xml" : "application/json"))).Paths());

    [Fact]
    public void AConstraintViolationsList_AndAnOgcLocator_NameTheParametersSent()
    {
        var violations = Ex.Diagnose(Ex.Make(400, """{"error":{"code":400,"message":"Constraints violated.","constraintViolations":[{"path":"entitySelector","message":"Predicate not applicable","parameterLocation":"QUERY"}]}}""", method: "GET", @params: ["entitySelector", "from"]));
        Assert.Contains("params.entitySelector", violations.Paths());
        var ogc = Ex.Diagnose(Ex.Make(200, "<ServiceExceptionReport><ServiceException code=\"LayerNotDefined\" locator=\"layers\">Could not find layer roads</ServiceException></ServiceExceptionReport>", method: "GET", @params: ["layers", "bbox"], headers: ("Content-Type", "text/xml")));
        Assert.Equal(DiagnosisKinds.NotFound, ogc.Kind);
        Assert.Contains("params.layers", ogc.Paths());
    }

    [Theory]
    [InlineData("""{"error":{"code":403,"message":"Token is missing required scope. Use one of: ReadSyntheticData"}}""", "ReadSyntheticData")]
    [InlineData("""{"error":true,"errorCode":"api.error.item.unauthorized","message":"Not authorized for action \"admin\" for User ann"}""", "admin")]
    [InlineData("""{"error":{"type":"PermissionException","message":"You must have the manage_library permission to do this action"}}""", "manage_library")]
    public void ScopesAndPermissions_NamedInThesePhrasings_AreNamed(string body, string scope) =>
        Assert.Contains(scope, Ex.Diagnose(403, body).Scopes!.Missing);
}
