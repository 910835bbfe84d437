using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes a second fresh corpus found the engine blind to, each closed by one generic mechanism. The bodies are written for
/// these tests in the styles such APIs use (not taken from the corpus), so the corpus stays a measure.
/// </summary>
public class UnseenShapesTests
{
    [Theory]
    // a status object of words and a code (not 0, not 2xx)
    [InlineData("""{"status":{"message":"no postal code found for this place","value":15}}""", "application/json")]
    // a numeric result code beside words
    [InlineData("""{"code":4021,"data":null,"message":"order amount below the minimum"}""", "application/json")]
    // an OCS-style envelope
    [InlineData("""{"ocs":{"meta":{"status":"failure","statuscode":997,"message":"Current user is not logged in"},"data":[]}}""", "application/json")]
    [InlineData("<?xml version=\"1.0\"?><ocs><meta><status>failure</status><statuscode>404</statuscode><message>Share not found</message></meta><data/></ocs>", "text/xml")]
    // a root element whose Status attribute says ERROR
    [InlineData("<?xml version=\"1.0\"?><Reply Status=\"ERROR\"><Errors><Error Number=\"42\">Parameter Zone is missing</Error></Errors></Reply>", "text/xml")]
    // a status element whose attributes are the message
    [InlineData("<?xml version=\"1.0\"?><results><status message=\"invalid postal code\" value=\"14\"/></results>", "text/xml")]
    // a status word in capitals beside a status message
    [InlineData("""{"status":"ERROR","status_code":"XY-12","status_message":"Field order.total is required"}""", "application/json")]
    // the HTTP status the API meant, as a member
    [InlineData("""{"status_code":"409","status_message":"this order id was used before"}""", "application/json")]
    // a response wrapped in one member
    [InlineData("""{"media-response":{"status":"failed","version":"2.1","error":{"code":40,"message":"Wrong username or password."}}}""", "application/json")]
    [InlineData("""{"shop_order_create_response":{"code":"40004","msg":"Business Failed","sub_code":"ORDER_CLOSED"},"sign":"abc"}""", "application/json")]
    // plain text that starts by saying it is an error
    [InlineData("ERR: 105, Invalid destination address", "text/plain")]
    [InlineData("<?xml version=\"1.0\"?><reply><level0><status>ERR</status><body><msg>Wrong user credentials.</msg></body></level0></reply>", "text/xml")]
    // a batch that counts its failed entries, says some failed, or lists an entry that is an error and little else
    [InlineData("""{"FailedRecordCount":2,"Records":[{"SequenceNumber":"1"},{"ErrorCode":"Throttled","ErrorMessage":"Slow down."}]}""", "application/json")]
    [InlineData("""{"took":3,"errors":true,"items":[{"index":{"status":400}}]}""", "application/json")]
    [InlineData("""{"results":[{"statement_id":0,"error":"unknown function foo()"}]}""", "application/json")]
    // a failed status beside words under another name, or beside an error code
    [InlineData("""{"status":"ERROR","notice":{"message":"Unknown region code"}}""", "application/json")]
    [InlineData("""{"status":"FAILURE","errorCode":"MARKET_CLOSED","ref":"a1"}""", "application/json")]
    // a status object whose type says error
    [InlineData("""{"Status":{"Code":31,"Content":"Die Tabelle ist gesperrt","Type":"Fehler"},"Object":null}""", "application/json")]
    // an XML item typed as an error beside its words
    [InlineData("<env:Envelope xmlns:env=\"http://schemas.xmlsoap.org/soap/envelope/\"><env:Body><r:labelResponse xmlns:r=\"urn:x\"><return><messages><id>401</id><messageContent>Le code pays est absent</messageContent><type>ERROR</type></messages></return></r:labelResponse></env:Body></env:Envelope>", "text/xml")]
    // PHP's fatal error printed into a 200
    [InlineData("<br />\n<b>Fatal error</b>:  Uncaught Error: Call to undefined function foo() in /srv/app/api.php:12", "text/html")]
    public void FailuresUnder200_InUnseenEnvelopes_AreDiagnosed(string body, string contentType)
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", contentType)));
        Assert.NotNull(d);
    }

    [Theory]
    [InlineData("""{"code":0,"message":"ok","data":{"id":7}}""")]
    // a batch answer whose entries all went through, a record after a read that mentions its last error, a bulk that says no errors
    [InlineData("""{"FailedEntryCount":0,"Entries":[{"EventId":"e1"}]}""")]
    [InlineData("""{"took":3,"errors":false,"items":[{"index":{"status":201}}]}""")]
    [InlineData("""{"jobs":[{"name":"nightly","state":"failed","error":"disk full","started":"2024-01-01"}]}""")]
    [InlineData("""{"ok":true,"results":[{"error":"one skipped"}]}""")]
    [InlineData("""{"Status":{"Code":22,"Content":"erfolgreich mit Anpassung","Type":"Warnung"},"Object":{"Content":"a;b"}}""")]
    [InlineData("""{"code":200,"msg":"success","data":[]}""")]
    [InlineData("""{"status":{"message":"OK","value":0},"items":[]}""")]
    [InlineData("""{"ocs":{"meta":{"status":"ok","statuscode":100,"message":"OK"},"data":{}}}""")]
    [InlineData("""{"shop_order_create_response":{"code":"10000","msg":"Success","order_no":"A1"},"sign":"abc"}""")]
    [InlineData("""{"id":"j-1","status":"failed","message":"the export job failed","created":"2024-01-01"}""")]
    [InlineData("""{"status_code":"200","status_message":"Success, transaction is found"}""")]
    public void Successes_WithTheSameMembers_AreNotFlagged(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "application/json"))));

    [Fact]
    public void TimeOutWrittenWithAHyphen_IsATimeout() =>
        Assert.Equal(DiagnosisKinds.Timeout, Ex.Diagnose(500, """{"error":"Upstream request: time-out after 30 s"}""").Kind);

    [Fact]
    public void InsufficientStorage_IsAQuota() =>
        Assert.Equal(DiagnosisKinds.QuotaExceeded, Ex.Diagnose(507, "Insufficient Storage", ("Content-Type", "text/plain")).Kind);

    [Fact]
    public void OneApiServiceException_FillsItsTemplateFromVariables_AndNamesThePart() =>
        // GSMA OneAPI / ParlayX, which telecom APIs answer with
        Assert.Equal(["senderAddress"], Ex.Diagnose(400, """{"requestError":{"serviceException":{"messageId":"SVC0002","text":"Invalid input value for message part %1","variables":["senderAddress"]}}}""").Paths());

    [Fact]
    public void FhirExpression_OfTheResourceSent_IsItsBodyPath() =>
        Assert.Equal("body.name[0].family", Ex.Diagnose(Ex.Make(422, """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"required","diagnostics":"family is required","expression":["Practitioner.name[0].family"]}]}""",
            request: """{"resourceType":"Practitioner","name":[{"given":["Ann"]}]}""")).Paths().First());

    [Fact]
    public void AListOfMoreThan200Entries_IsData_AndWhatFollowsItIsStillRead()
    {
        var items = string.Join(",", Enumerable.Range(0, 250).Select(static i => $$"""{"n":{{i}}}"""));
        Assert.Null(Ex.Diagnose(Ex.Make(200, $$"""{"items":[{{items}},{"error":"x"}],"total":251}""", method: "GET")));
        Assert.NotNull(Ex.Diagnose(Ex.Make(200, $$"""{"items":[{{items}}],"ok":false,"error":"invalid_auth"}""", method: "GET")));
    }

    [Fact]
    public void JsonInAString_IsReadAsTheObjectItIs()
    {
        var body = """{"errors":[{"status":"403","title":"Forbidden","detail":"{\"message\":\"Missing privilege\",\"missingPrivileges\":[\"invoice:write\"]}"}]}""";
        var d = Ex.Diagnose(403, body);
        Assert.Contains("invoice:write", d.Scopes?.Missing ?? []);
    }

    [Theory]
    [InlineData(400, "<Error><Code>TooManyProjects</Code><Message>You own more projects than your plan allows.</Message></Error>", DiagnosisKinds.QuotaExceeded)]
    [InlineData(503, "<Error><Code>SlowDownRead</Code><Message>Please reduce your request rate.</Message></Error>", DiagnosisKinds.RateLimited)]
    [InlineData(409, "<Error><Code>ContainerNotEmpty</Code><Message>The container still holds blobs.</Message></Error>", DiagnosisKinds.Conflict)]
    [InlineData(403, "<Error><Code>RequestTimeTooSkewed</Code><Message>Your clock is off.</Message></Error>", DiagnosisKinds.RequestRejected)]
    [InlineData(507, "<Error><Code>XStorageFull</Code><Message>No room left.</Message></Error>", DiagnosisKinds.QuotaExceeded)]
    public void CodeWords_OfUnseenProviders_MapByTheirParts(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(status, body, ("Content-Type", "application/xml")).Kind);

    [Theory]
    [InlineData(400, """{"error":"The JSON document you sent is malformed."}""", DiagnosisKinds.MalformedBody)]
    [InlineData(406, """{"error":"Accept header must be application/vnd.example+json"}""", DiagnosisKinds.UnsupportedMediaType)]
    [InlineData(500, """{"error":"Query timeout exceeded after 60 seconds"}""", DiagnosisKinds.Timeout)]
    // Where the call comes from is not allowed: a permission, as four of the corpus's sets label it (stop 36).
    [InlineData(403, """{"error":"IP address is not whitelisted for this key"}""", DiagnosisKinds.InsufficientPermission)]
    [InlineData(400, """{"error":"Variable access_token has not been set."}""", DiagnosisKinds.BadCredentials)]
    [InlineData(404, """{"error":"We could not find a route between these two points"}""", DiagnosisKinds.NotFound)]
    [InlineData(200, """{"status":"ERROR","status_message":"The trial period for this workspace is over."}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData(400, """{"error":"Parameter merchant_key not found"}""", DiagnosisKinds.BadCredentials)]
    [InlineData(400, """{"error":"Quantity is less than the minimum allowed"}""", DiagnosisKinds.InvalidValue)]
    [InlineData(400, """{"error":"invoice_no has been paid and utilized, please use another invoice number"}""", DiagnosisKinds.Conflict)]
    [InlineData(403, """{"error":"No access for this shipping method."}""", DiagnosisKinds.InsufficientPermission)]
    [InlineData(401, """{"code":"SESSION_TOKEN_TIMEOUT","message":"Please sign in again"}""", DiagnosisKinds.ExpiredCredentials)]
    public void Words_OfUnseenProviders_SayTheKind(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(status, body).Kind);

    [Theory]
    [InlineData("""{"message":"Invalid or missing team_id in request body."}""", "team_id")]
    [InlineData("""{"errors":["param is missing or the value is empty: headline"]}""", "headline")]
    [InlineData("""{"error":{"msg":"undefined field autor"}}""", "autor")]
    [InlineData("""{"error":"Variable series_key has not been set."}""", "series_key")]
    [InlineData("""{"errcode":40002,"errmsg":"PARAMETER ERROR","invalid_param_list":[{"field":"extension","validation_type":"required"}]}""", "extension")]
    public void Fields_NamedInUnseenPhrasings_AreNamed(string body, string field) =>
        Assert.Contains(field, Ex.Diagnose(400, body).Paths());

    [Fact]
    public void NumericCodes_ReadFromTheRawBody_AsTheRunnerHandsIt_AreRead()
    {
        // The runner checks a JSON body on arrival without parsing it; the reader then builds numbers as long or double
        // values. Reading them used to throw inside the rule (caught, so the rule found nothing): JSON-RPC codes were lost.
        var body = """{"jsonrpc":"2.0","error":{"code":-32602,"message":"Invalid params.","data":"Session terminated, re-login, please."},"id":4}""";
        var exchange = new ResponseExchange
        {
            Method = "POST", Url = "https://rpc.example.com/api", Status = 200,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Body = System.Text.Encoding.UTF8.GetBytes(body),
        };
        var d = DiagnosisEngine.Diagnose(exchange)!;
        Assert.Equal(DiagnosisKinds.ExpiredCredentials, d.Kind);
        Assert.Contains("-32602", d.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"error":{"code":"BadBody","message":"The request could not be read: Could not find member 'colour' on object of type 'Widget'. Path 'colour', line 1, position 10."}}""", "colour")]
    [InlineData("""{"errors":{"$.items[1].qty":["The JSON value could not be converted to System.Int32. Path: $.items[1].qty | LineNumber: 0 | BytePositionInLine: 31."]}}""", "items[1].qty")]
    public void DotNetSerializerPaths_NameTheField(string body, string field)
    {
        var d = Ex.Diagnose(400, body);
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Paths());
    }

    [Fact]
    public void AScopeMember_BesideInsufficientScope_NamesTheScope_NotAWordOfTheSentence()
    {
        var d = Ex.Diagnose(403, """{"error":"insufficient_scope","error_description":"This call needs more privileges than the token carries.","scope":"calendar.events:write"}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["calendar.events:write"], d.Scopes!.Missing);
    }

    [Fact]
    public void AMessageOfOneFailedFieldPerLine_NamesEachField()
    {
        var d = Ex.Diagnose(400, """{"message":"title: must not be blank\nemail: must be a well-formed email address"}""");
        Assert.Equal(["title", "email"], d.Paths());
    }

    [Fact]
    public void ScopesAnEndpointExpects_AreTheMissingScopes()
    {
        var d = Ex.Diagnose(403, """{"detail":"This endpoint expects any of the scopes [\"reports:read\", \"admin\"]"}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal(["reports:read", "admin"], d.Scopes!.Missing);
    }

    [Fact]
    public void AValidatorsPathArray_WithoutData_IsTheRequestsField_NotAGraphQlResolverError()
    {
        var zod = Ex.Diagnose(Ex.Make(400, """{"errors":[{"path":["user","email"],"message":"is not a valid email"}]}""", request: """{"user":{"email":"x"}}"""));
        Assert.Equal(DiagnosisKinds.InvalidValue, zod.Kind);
        Assert.Contains("body.user.email", zod.Paths());

        var graphQl = Ex.Diagnose(200, """{"data":{"order":null},"errors":[{"path":["order"],"message":"Resolver crashed"}]}""");
        Assert.Equal(DiagnosisKinds.ServerError, graphQl.Kind);
    }

    [Theory]
    [InlineData("Validation failed: customerId is required", "customerId")]
    [InlineData("Bad Request: start_time must be in the future", "start_time")]
    public void ANameAfterAnErrorsLabel_IsTheField(string faultString, string field)
    {
        var d = Ex.Diagnose(500, $$"""<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>{{faultString}}</faultstring></soap:Fault></soap:Body></soap:Envelope>""", ("Content-Type", "text/xml"));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Paths());
    }

    [Fact]
    public void ARoleNamedForBilling_IsAPermission_NotAQuota()
    {
        var d = Ex.Diagnose(403, """{"errors":[{"code":"FORBIDDEN","detail":"User does not have the Manage Billing role in this workspace"}]}""");
        Assert.Equal(DiagnosisKinds.InsufficientPermission, d.Kind);
    }

    [Theory]
    [InlineData("""{"tags":{"0":["This field may not be blank."]}}""", """{"tags":["","b"]}""", "body.tags[0]")]
    [InlineData("""{"address":{"zip":["Enter a valid postal code."]}}""", """{"address":{"zip":"abc"}}""", "body.address.zip")]
    [InlineData("""{"items":[{},{"sku":["This field may not be blank."]}]}""", """{"items":[{"sku":"a"},{"sku":""}]}""", "body.items[1].sku")]
    [InlineData("""{"errors":{"items":[{},{"sku":["can't be blank"]}]}}""", """{"items":[{"sku":"a"},{"sku":""}]}""", "body.items[1].sku")]
    public void NestedFieldMaps_NameTheFieldByTheKeysOnTheWay(string body, string request, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, request: request));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal([field], d.Paths());
    }

    [Theory]
    [InlineData("The 'write:packages' scope is required.", "write:packages")]
    [InlineData("Token is missing required scope user:email", "user:email")]
    [InlineData("Not configured with the appropriate app permissions. Missing scope: tweet.write", "tweet.write")]
    public void AScopeNamedInProse_IsNotAlsoAField(string message, string scope)
    {
        var d = Ex.Diagnose(403, $$"""{"error":"{{message}}"}""");
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Equal([scope], d.Scopes!.Missing);
        Assert.Empty(d.Paths());
    }

    [Theory]
    [InlineData("""{"error":true,"reason":"Invalid format parameter: xlsx. Supported formats are json and csv."}""")]
    [InlineData("""{"error":true,"message":"Unknown station"}""")]
    public void ErrorTrue_UnderSuccess_IsAFailure(string body) =>
        Assert.NotNull(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET")));

    [Fact]
    public void AnErrorFalse_OrAnErrorNull_StaysASuccess()
    {
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """{"error":false,"data":{"id":1}}""", method: "GET")));
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """{"error":null,"items":[]}""", method: "GET")));
    }

    [Theory]
    [InlineData("""<?xml version="1.0" encoding="utf-8"?><Error><Code>InvalidQueryParameterValue</Code><Message>Value for one of the query parameters specified in the request URI is invalid.</Message><QueryParameterName>timeout</QueryParameterName><QueryParameterValue>-1</QueryParameterValue></Error>""", "timeout")]
    [InlineData("""{"code":"E400","message":"Bad input","invalidParameter":"limit"}""", "limit")]
    [InlineData("""{"message":"Unrecognized request argument supplied: temprature"}""", "temprature")]
    [InlineData("""{"message":"Invalid format parameter: xlsx"}""", "format")]
    public void AFieldNamedByAMembersNameOrALabel_IsNamed(string body, string field)
    {
        var d = Ex.Diagnose(400, body, ("Content-Type", body.StartsWith('<') ? "application/xml" : "application/json"));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(field, d.Paths());
    }

    [Fact]
    public void MissingRequiredParameter_WithoutAName_NamesNoField() =>
        Assert.Empty(Ex.Diagnose(400, """{"error":"Missing required parameter"}""").Paths());

    [Fact]
    public void JSendFail_NamesTheFieldsItsDataIsKeyedBy()
    {
        var d = Ex.Diagnose(200, """{"status":"fail","data":{"email":"A user with that email already exists"}}""");
        Assert.Equal(DiagnosisKinds.Conflict, d.Kind);
        Assert.Equal(["email"], d.Paths());
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """{"status":"success","data":{"email":"a@b.c","name":"Bob Smith"}}""", method: "GET")));
    }

    [Fact]
    public void APermissionGrantedToTheToken_IsAScope_AndAnActionNotAllowed_IsNamed()
    {
        var scope = Ex.Diagnose(403, """{"error":{"message":"This endpoint requires the 'manage_pages' permission to be granted to the token","code":10}}""");
        Assert.Equal(DiagnosisKinds.MissingScope, scope.Kind);
        Assert.Equal(["manage_pages"], scope.Scopes!.Missing);

        var action = Ex.Diagnose(403, """{"error":"You are not allowed to perform projects.delete on this project"}""");
        Assert.Equal(DiagnosisKinds.InsufficientPermission, action.Kind);
        Assert.Equal(["projects.delete"], action.Scopes!.Missing);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(200)]
    public void ALimitPerMonth_IsAQuota_EvenCalledARateLimit(int status)
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(status, """{"message":"You have exceeded the rate limit per month for your plan, BASIC, by the API provider"}""", method: "GET"));
        Assert.Equal(DiagnosisKinds.QuotaExceeded, d!.Kind);
    }

    [Theory]
    [InlineData("Cannot delete a running instance. Stop it first.")]
    [InlineData("Cannot transition invoice from paid to draft")]
    [InlineData("The operation is not allowed in the current state of the resource: Deallocating")]
    [InlineData("Record was modified since it was read (version 3, expected 2)")]
    [InlineData("Payment intent has status succeeded and cannot be confirmed")]
    public void AResourceInTheWrongState_IsAConflict_UnderA400(string message) =>
        Assert.Equal(DiagnosisKinds.Conflict, Ex.Diagnose(400, $$$"""{"error":{"message":"{{{message}}}"}}""").Kind);

    [Fact]
    public void RailsXml_TypeAnnotations_AreReadAsValuesAndLists()
    {
        var d = Ex.Diagnose(422, """<?xml version="1.0" encoding="UTF-8"?><errors type="array"><error><field type="string">name</field><message>can't be blank</message></error><error><field type="symbol">team_id</field><message>is invalid</message></error></errors>""", ("Content-Type", "application/xml"));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(["name", "team_id"], d.Paths());
    }

    [Theory]
    [InlineData("""{"error":"Start date is not a valid date"}""", """{"start_date":"2024-02-30","end_date":"2024-03-01"}""", "body.start_date")]
    [InlineData("""{"error":"Customer email is invalid"}""", """{"customer":{"email":"bad","name":"x"}}""", "body.customer.email")]
    [InlineData("""{"message":"Currency 'usdx' is not supported"}""", """{"amount":100,"currency":"usdx"}""", "body.currency")]
    public void ANameInWords_OrAValueQuotedBack_IsTheFieldTheStepSent(string body, string request, string field)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, request: request));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal([field], d.Paths());
    }
}
