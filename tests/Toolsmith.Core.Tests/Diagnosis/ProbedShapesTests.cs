using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes found by bodies written to probe the engine (docs/diagnosis.md, "Stop 43"): each written before it was run, in the
/// way real APIs answer. Bodies written for this test.
/// </summary>
public sealed class ProbedShapesTests
{
    [Theory]
    [InlineData("""{"message":"This endpoint requires the following scope(s): repo:status","code":"insufficient_scope"}""", "repo:status")]
    [InlineData("""{"statusCode":403,"message":"The token does not have access to this scope: calendars.readonly"}""", "calendars.readonly")]
    [InlineData("""{"message":"Access denied. Required Scope: zones:*:write"}""", "zones:*:write")]
    public void ScopesInTheseWords_AreNamed(string body, string scope)
    {
        var d = Ex.Diagnose(403, body);
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Contains(scope, d.Scopes!.Missing);
    }

    [Fact]
    public void ZodsFormattedErrors_NameTheFieldThatHoldsThem()
    {
        var d = Ex.Diagnose(400, """{"errors":{"_errors":[],"title":{"_errors":["Required"]},"tags":{"_errors":[],"0":{"_errors":["Expected string, received number"]}}}}""");
        Assert.Equal(["title", "tags[0]"], d.Paths());
    }

    [Fact]
    public void ASoapFaultsDetail_NamedForItsKind_NamesItsField()
    {
        const string body = """
            <?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>
            <faultcode>soap:Client</faultcode><faultstring>Validation error</faultstring>
            <detail><ValidationFault><Field>postcode</Field><Reason>must be five digits</Reason></ValidationFault></detail>
            </soap:Fault></soap:Body></soap:Envelope>
            """;
        var d = Ex.Diagnose(500, body, ("Content-Type", "text/xml"));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("postcode", d.Paths());
    }

    [Theory]
    [InlineData("Bad username / password")]
    [InlineData("Wrong login or password")]
    public void WordsAboutAUserNameAndPassword_AreBadCredentials(string words) =>
        Assert.Equal(DiagnosisKinds.BadCredentials, Ex.Diagnose(200, $$"""{"message":"error","errors":["{{words}}"]}""").Kind);

    [Fact]
    public void AListAnsweringEachItemSent_EveryOneRefused_IsAFailure()
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(200, """[{"email":"a@example.com","status":"rejected","_id":"m1","reject_reason":"hard-bounce"}]""", method: "POST"));
        Assert.NotNull(d);
        Assert.Equal(DiagnosisKinds.RequestRejected, d.Kind);

        // one went out: the call worked; and a list read back is data
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """[{"email":"a@example.com","status":"rejected","_id":"m1","reject_reason":"hard-bounce"},{"email":"b@example.com","status":"sent","_id":"m2","reject_reason":null}]""", method: "POST")));
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """[{"email":"a@example.com","status":"rejected","_id":"m1","reject_reason":"hard-bounce"}]""", method: "GET")));
    }

    [Theory]
    [InlineData("""{"Header":{"ResultCode":"E","Message":"Postcode ZZ1 is not a valid postcode"},"Body":null}""", "GET", DiagnosisKinds.InvalidValue)]
    [InlineData("""{"response":{"status":"ERR","code":"E_CREDITS","text":"Insufficient credits: your account balance is 0"}}""", "GET", DiagnosisKinds.QuotaExceeded)]
    [InlineData("""{"rc":-2,"msg":"username ada already registered"}""", "POST", DiagnosisKinds.Conflict)]
    [InlineData("""{"retcode":"1003","retmsg":"No privilege to perform this operation"}""", "POST", DiagnosisKinds.InsufficientPermission)]
    [InlineData("""{"resultado":"ERRO","mensagem":"Token de acesso inválido"}""", "POST", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"estado":"error","descripcion":"No se encontró el pedido 5531"}""", "GET", DiagnosisKinds.NotFound)]
    [InlineData("""{"deleted":false,"reason":"No such webhook: wh_123"}""", "DELETE", DiagnosisKinds.NotFound)]
    public void FailuresUnder200_InEnvelopesAndWordsOfManyApis(string body, string method, string kind)
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(200, body, method: method));
        Assert.NotNull(d);
        Assert.Equal(kind, d.Kind);
    }

    [Theory]
    [InlineData("""{"Header":{"ResultCode":"0","Message":"OK"},"Body":{"postcode":"AB1 2CD"}}""", "GET")]
    [InlineData("""{"response":{"status":"OK","code":"S_OK","text":"Sent"}}""", "POST")]
    [InlineData("""{"rc":0,"msg":"ok"}""", "POST")]
    [InlineData("""{"deleted":false,"reason":"archived instead, as the plan keeps history"}""", "DELETE")]
    [InlineData("""{"deleted":false,"id":"wh_1","url":"https://example.com/hook"}""", "GET")]
    [InlineData("""{"estado":"activo","descripcion":"Cuenta verificada"}""", "GET")]
    public void TheSameEnvelopes_ThatSayAllWentWell_AreSuccesses(string body, string method) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: method)));

    [Theory]
    [InlineData(400, """{"error":{"code":7,"error":"Wrong key"}}""", DiagnosisKinds.BadCredentials)]
    [InlineData(422, """{"error":"Unprocessable Entity","detail":"This invoice was already imported for your account"}""", DiagnosisKinds.Conflict)]
    [InlineData(400, """{"error":{"code":"Dialog","message":"You cannot remove Vendor V200 because it still has open purchase orders."}}""", DiagnosisKinds.Conflict)]
    [InlineData(400, """{"state":"Failed","error":{"code":1025,"message":"Unknown table 'orders_2019'"}}""", DiagnosisKinds.NotFound)]
    [InlineData(400, """{"status":"ERROR","alert":{"message":"Unknown invoice id"}}""", DiagnosisKinds.NotFound)]
    [InlineData(400, """{"code":"ContentRejected","message":"The prompt may contain inappropriate content."}""", DiagnosisKinds.RequestRejected)]
    [InlineData(403, """{"id":"e1","name":"moderation","errors":["Your request was flagged by our moderation system and was not run."]}""", DiagnosisKinds.RequestRejected)]
    [InlineData(400, """{"error":{"code":9,"error":"Wrong param"}}""", DiagnosisKinds.InvalidValue)]
    [InlineData(400, """<messages><id>301</id><messageContent>Le code postal n'a pas été renseigné</messageContent><type>ERROR</type></messages>""", DiagnosisKinds.InvalidValue)]
    public void TheseWords_SayTheirKind(int status, string body, string kind) => Assert.Equal(kind, Ex.Diagnose(status, body).Kind);

    [Fact]
    public void AStatusOfTheApisOwnCodeAndWords_IsNotTakenForAnHttpStatus()
    {
        // "407 Download limit reached": 407 is the API's code (its words are not Proxy Authentication Required's); the words say the limit
        var own = Ex.Diagnose(Ex.Make(200, """{"status":"407 Download limit reached","seconds":0.02}""", method: "POST"));
        Assert.Equal(DiagnosisKinds.RateLimited, own.Kind);
        var http = Ex.Diagnose(Ex.Make(200, """{"status":"401 Unauthorized","seconds":0.02}""", method: "POST"));
        Assert.Equal(DiagnosisKinds.BadCredentials, http.Kind);
    }
    [Theory]
    // a JSON pointer written as a label in the words
    [InlineData("""{"message":"ERROR :: /owner :: \"urn:x:member:\" is not a valid URN"}""", "owner")]
    [InlineData("""{"error":"/data/attributes/email: is not a valid address"}""", "data.attributes.email")]
    // a message key where the words would be: its verdict and its field
    [InlineData("""{"errors":[{"key":"invalid.warehousecode","message":"invalid.warehousecode"}]}""", "warehousecode")]
    public void NamesInTheseShapes_AreRead(string body, string field) => Assert.Contains(field, Ex.Diagnose(400, body).Paths());

    [Fact]
    public void AnApiPathInTheWords_IsNotAField() =>
        Assert.Null(Ex.Diagnose(404, """{"error":"Route /v2/orders/42: not found"}""").Fields);
    [Fact]
    public void AFieldMapInsideTheWords_NamesTheListItemsField()
    {
        // a field map written inside the message, down to one item of a list the step sent
        var d = Ex.Diagnose(Ex.Make(400, """{"status":"error","message":"Validation failed: {\"letter\":{\"recipients\":[{\"phone\":\"Please enter a valid phone number\"}]}}"}""",
            request: """{"letter":{"subject":"Hi","recipients":[{"phone":"12","kind":"sms"}]}}"""));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(["body.letter.recipients[0].phone"], d.Paths());
    }
    [Fact]
    public void AListOfFieldsAtFault_NamedForItsVerdict_NamesEachField()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"error":{"status":400,"title":"Bad input","detail":"Check your request.","unknownFields":["colour","sise"]}}""",
            @params: ["colour", "sise", "page"], method: "GET"));
        Assert.Equal(["params.colour", "params.sise"], d.Paths());
    }

    [Fact]
    public void ANameOfSeveralWords_EndingInAParameterSent_IsThatParameter()
    {
        var d = Ex.Diagnose(Ex.Make(200, """<response><returncode>FAILED</returncode><message>Room title must be between 2 and 64 characters</message></response>""",
            @params: ["roomID", "title", "checksum"], method: "GET", headers: ("Content-Type", "text/xml")));
        Assert.Equal(["params.title"], d.Paths());
    }

    [Fact]
    public void TheQueryStringWrittenBack_MentionsEveryName_AndNamesNone()
    {
        var d = Ex.Diagnose(Ex.Make(400, """{"title":"Query: q=all:x&offset=0&size=huge","error":"size must be a whole number"}""", @params: ["q", "offset", "size"], method: "GET"));
        Assert.Equal(["params.size"], d.Paths());
    }
    [Theory]
    // a line of words that say a failure, answered under 200 as text (or as HTML with no tags)
    [InlineData("text/plain", "Invalid list ID.", DiagnosisKinds.InvalidValue)]
    [InlineData("text/html", "Already subscribed.", DiagnosisKinds.Conflict)]
    [InlineData("text/plain", "No such customer", DiagnosisKinds.NotFound)]
    public void ALineOfWordsOfAFailure_Under200_IsDiagnosed(string contentType, string body, string kind) =>
        Assert.Equal(kind, DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST", headers: ("Content-Type", contentType)))?.Kind);

    [Theory]
    [InlineData("text/plain", "12345")]
    [InlineData("text/plain", "Subscribed. Welcome aboard!")]
    [InlineData("text/html", "<p>Invalid entries are shown in red below.</p>")]
    [InlineData("text/plain", "id,status\n1,not found\n2,ok")]
    public void OtherShortAnswers_Under200_AreSuccesses(string contentType, string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", contentType))));

    [Fact]
    public void AGraphQlErrorsExtensions_NameTheArgument_AndItsWordsGoBeforeAnyDefault()
    {
        var field = DiagnosisEngine.Diagnose(Ex.Make(200, """{"data":null,"errors":[{"message":"SKU cannot be blank","extensions":{"code":"BAD_USER_INPUT","field":"items.1.sku"}}]}""",
            """{"items":[{"sku":"A1"},{"sku":""}]}"""))!;
        Assert.Equal(DiagnosisKinds.InvalidValue, field.Kind);
        Assert.Contains("body.items[1].sku", field.Paths());

        var apollo = Ex.Diagnose(200, """{"errors":[{"message":"Invalid arguments","extensions":{"code":"BAD_USER_INPUT","invalidArgs":["email"]}}],"data":null}""");
        Assert.Contains("email", apollo.Paths());

        // No code, or a type of its own: the words decide, not "a GraphQL error is an invalid value".
        var words = Ex.Diagnose(200, """{"data":{"issueCreate":null},"errors":[{"message":"You do not have permission to create issues in this team","extensions":{"userPresentableMessage":"You don't have access"}}]}""");
        Assert.Equal(DiagnosisKinds.InsufficientPermission, words.Kind);
        var typed = Ex.Diagnose(200, """{"data":null,"errors":[{"message":"Entity not found","extensions":{"type":"forbidden"}}]}""");
        Assert.Equal(DiagnosisKinds.InsufficientPermission, typed.Kind);
    }

    [Theory]
    [InlineData("""{"error":"Bad Request","message":"JSON parse error: Cannot deserialize value of type `java.time.LocalDate` from String \"31/12/1990\": Text '31/12/1990' could not be parsed at index 0; nested exception is com.fasterxml.jackson.databind.exc.InvalidFormatException: through reference chain: com.example.UserDto[\"dob\"]"}""", "body.dob")]
    [InlineData("""{"message":"JSON parse error: Cannot coerce String value (\"x\") to `int` value; through reference chain: com.example.Order[\"items\"]->java.util.ArrayList[1]->com.example.Item[\"qty\"]"}""", "body.items[1].qty")]
    [InlineData("""{"error":"json: cannot unmarshal string into Go struct field User.profile.age of type int"}""", "body.profile.age")]
    public void AValueOfTheWrongTypeInWellFormedJson_IsAnInvalidValue_NamedWhereTheDeserializerSays(string body, string path)
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(400, body, """{"dob":"31/12/1990","items":[{"qty":1},{"qty":"x"}],"profile":{"age":"ten"}}"""))!;
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains(path, d.Paths());
    }

    [Theory]
    [InlineData(200, """{"result":{"success":false,"messages":["TTL must be between 60 and 86400"]}}""", DiagnosisKinds.InvalidValue)]
    [InlineData(200, """{"code":40003,"message":"参数错误: mobile 格式不正确"}""", DiagnosisKinds.InvalidValue)]
    [InlineData(200, """{"header":{"resultCode":"03","resultMsg":"NODATA_ERROR"},"body":{}}""", DiagnosisKinds.NotFound)]
    public void FailuresInTheseShapes_AreSeenUnder200(int status, string body, string kind) =>
        Assert.Equal(kind, DiagnosisEngine.Diagnose(Ex.Make(status, body, method: "GET"))?.Kind);

    [Fact]
    public void AFormWrittenWithSpacesInItsValues_IsReadAsAForm()
    {
        // Gateways write name=value pairs without encoding their words, and label them text/html.
        var failed = DiagnosisEngine.Diagnose(Ex.Make(200, "response=3&responsetext=Invalid Credit Card Number REFID:3161573437&authcode=&transactionid=&orderid=1001&response_code=300",
            method: "POST", headers: ("Content-Type", "text/html; charset=UTF-8")));
        Assert.Equal(DiagnosisKinds.InvalidValue, failed?.Kind);

        // "000" is no error, however many zeros; words with one '=' are not a form.
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, "transaction_id=5547cc97dae23ea6ad1a4abd33445c91&error_code=000&auth_response_text=Exact Match&auth_code=12345A",
            method: "POST", headers: ("Content-Type", "text/plain"))));
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, "The result is x=1 & all is well", method: "GET", headers: ("Content-Type", "text/plain"))));
    }

    [Fact]
    public void ACompletionWhoseEveryChoiceEndedInAnError_IsAFailure_AndAnOrdinaryOneIsNot()
    {
        // The choices format most model APIs and their gateways answer in: a provider that failed mid-answer, under 200.
        var failed = DiagnosisEngine.Diagnose(Ex.Make(200, """{"id":"gen-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"error","error":{"code":502,"message":"Provider returned error"}}]}"""));
        Assert.Equal(DiagnosisKinds.ServerError, failed?.Kind);
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"},{"index":1,"message":{"role":"assistant","content":""},"finish_reason":"error"}]}""")));
    }

    [Fact]
    public void AFieldNamedAfterTheActionsArgument_IsTheBodysField()
    {
        // ASP.NET Web API's ModelState: "model.EndDate" is the body's EndDate, which the step did not send.
        var d = DiagnosisEngine.Diagnose(Ex.Make(400, """{"Message":"The request is invalid.","ModelState":{"model.EndDate":["The EndDate field is required."]}}""",
            """{"StartDate":"2026-01-01"}"""))!;
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("body.EndDate", d.Paths());
    }

    [Fact]
    public void AFieldsOwnErrorItems_NameTheField()
    {
        // Discord's form errors: the messages of a level are items with a code, under "_errors".
        var d = DiagnosisEngine.Diagnose(Ex.Make(400, """{"code":50035,"errors":{"content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 2000 or fewer in length."}]}},"message":"Invalid Form Body"}""",
            """{"content":"xxxx","tts":false}"""))!;
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("body.content", d.Paths());
        // A list of error items elsewhere is not a field: Elasticsearch's root_cause.
        var es = Ex.Diagnose(400, """{"error":{"root_cause":[{"type":"parsing_exception","reason":"Unknown key for a START_OBJECT in [foo]."}],"type":"parsing_exception","reason":"Unknown key for a START_OBJECT in [foo]."},"status":400}""");
        Assert.DoesNotContain("root_cause", es.Paths());
    }

    [Theory]
    [InlineData(400, """{"non_field_errors":["Unable to log in with provided credentials."]}""", DiagnosisKinds.BadCredentials)]
    [InlineData(200, """<r><status isSuccess="false"><statusDetail type="ERROR"><code>INVALID_KEY_OR_REF</code><message>Invalid item reference key 999.</message></statusDetail></status></r>""", DiagnosisKinds.InvalidValue)]
    public void TheseCodesAndWords_SayTheirKind(int status, string body, string kind) =>
        Assert.Equal(kind, DiagnosisEngine.Diagnose(Ex.Make(status, body))?.Kind);

    [Fact]
    public void NamesInTheseProsePhrasings_AreFound()
    {
        // A parameter of one letter, with where it goes between "required" and "parameter"; placed among the parameters sent.
        var q = DiagnosisEngine.Diagnose(Ex.Make(400, """{"error":"Missing required query parameter: q"}""", @params: ["limit"], method: "GET"))!;
        Assert.Contains("params.q", q.Paths());
        // "does not have permission 'X'"
        var permission = Ex.Diagnose(403, """{"error":{"message":"User does not have permission 'projects.write' on resource 'projects/123'"}}""");
        Assert.Equal(DiagnosisKinds.InsufficientPermission, permission.Kind);
        Assert.Contains("projects.write", permission.Scopes!.Missing);
        // graphql-js 15: the path from the variable, after "at"
        var variable = Ex.Diagnose(200, """{"data":{"createUser":null},"errors":[{"message":"Variable \"$input\" got invalid value \"x\" at \"input.age\"; Int cannot represent non-integer value: \"x\""}]}""");
        Assert.Contains("variables.input.age", variable.Paths());
    }

    [Theory]
    [InlineData("application/json", """{"result":"FAIL","code":"AUTH_FAILED"}""", DiagnosisKinds.BadCredentials)]
    [InlineData("application/json", """{"code":"E0001","msg":"该订单已存在"}""", DiagnosisKinds.Conflict)]
    [InlineData("text/plain", "VPSProtocol=3.00\nStatus=INVALID\nStatusDetail=4021 : The Card Range not supported by the system.\nVPSTxId={869BC439-1904-DF8A-DDC6-D13E3599FB98}", DiagnosisKinds.InvalidValue)]
    [InlineData("application/json", """{"id":"tx_1","status":"ERROR","status_detail":"The amount is invalid"}""", DiagnosisKinds.InvalidValue)]
    public void AnActionsOutcome_InTheseWords_IsAFailureUnder200(string contentType, string body, string kind) =>
        Assert.Equal(kind, DiagnosisEngine.Diagnose(Ex.Make(200, body.Replace("\\n", "\n", StringComparison.Ordinal), headers: ("Content-Type", contentType)))?.Kind);

    [Theory]
    [InlineData("application/json", """{"code":"0","msg":"操作成功"}""")]
    [InlineData("text/plain", "VPSProtocol=3.00\nStatus=OK\nStatusDetail=0000 : The Authorisation was Successful.\nVPSTxId={869BC439-1904-DF8A-DDC6-D13E3599FB98}\nTxAuthNo=1234")]
    [InlineData("application/json", """{"items":[{"id":1,"result":"invalid"}],"total":1}""")]
    public void TheirSuccesses_AreNot(string contentType, string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body.Replace("\\n", "\n", StringComparison.Ordinal), headers: ("Content-Type", contentType))));

    [Fact]
    public void ARecordReadBack_WithAFailedState_IsData()
    {
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """{"id":"job_1","status":"failed","status_detail":"Build failed: compile error"}""", method: "GET")));
    }

    [Theory]
    [InlineData("7", "caller%20lacks%20permission", DiagnosisKinds.InsufficientPermission)]
    [InlineData("8", "Quota exceeded for quota metric 'Requests' and limit 'Requests per day'", DiagnosisKinds.QuotaExceeded)]
    [InlineData("16", "", DiagnosisKinds.BadCredentials)]
    [InlineData("3", "page_size must be at most 100", DiagnosisKinds.InvalidValue)]
    public void AGrpcStatusOtherThanOk_IsTheOutcome_UnderHttp200(string code, string message, string kind)
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(200, "", headers: [("Content-Type", "application/grpc"), ("grpc-status", code), ("grpc-message", message)]));
        Assert.Equal(kind, d?.Kind);
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, "", headers: [("Content-Type", "application/grpc"), ("grpc-status", "0")])));
    }

    [Fact]
    public void CodesAndWordsInTheseMembers_AreRead()
    {
        Assert.Equal(DiagnosisKinds.Conflict, Ex.Diagnose(200, """{"response_status":"error","response_code":"ERR_DUPLICATE_ENTRY"}""").Kind);
        Assert.Contains("phone", Ex.Diagnose(200, """{"resultCode":"E","resultDesc":"Parameter phone is invalid"}""").Paths());
        // Eve's _issues, by field
        var eve = DiagnosisEngine.Diagnose(Ex.Make(422, """{"_status":"ERR","_issues":{"email":"value does not match regex '.+@.+'"},"_error":{"code":422,"message":"Insertion failure: 1 document(s) contain(s) error(s)"}}""",
            """{"email":"nope"}"""))!;
        Assert.Contains("body.email", eve.Paths());
    }

    [Theory]
    [InlineData(401, """{"error":"Your token was not granted the offline_access scope"}""", "offline_access")]
    [InlineData(403, """{"status":"error","message":"Token scopes [contacts.read] do not include contacts.write"}""", "contacts.write")]
    [InlineData(403, """{"error":"token_insufficient_scope","required":["admin"]}""", "admin")]
    public void AScopeNamedInThesePhrasings_IsMissing(int status, string body, string scope)
    {
        var d = Ex.Diagnose(status, body);
        Assert.Equal(DiagnosisKinds.MissingScope, d.Kind);
        Assert.Contains(scope, d.Scopes!.Missing);
    }

    [Fact]
    public void ARoleOnlyItsHoldersHave_IsThePermissionMissing()
    {
        var d = Ex.Diagnose(403, """{"error":"Only users with the Owner role can delete this workspace."}""");
        Assert.Equal(DiagnosisKinds.InsufficientPermission, d.Kind);
        Assert.Contains("Owner", d.Scopes!.Missing);
    }

    [Theory]
    [InlineData("The quantity must be an integer.", "quantity")]
    [InlineData("The note field is required.", "note")]
    [InlineData("The selected plan is invalid.", "plan")]
    public void LaravelsSentences_NameTheirAttribute(string message, string field) =>
        Assert.Contains(field, Ex.Diagnose(422, $$"""{"message":"{{message}}"}""").Paths());

    [Theory]
    [InlineData(200, """{"d":{"__type":"Error","Message":"Object reference not set to an instance of an object.","StackTrace":"   at X.Y()","ExceptionType":"System.NullReferenceException"}}""")]
    [InlineData(200, """{"success":false,"error":"TypeError: Cannot read properties of undefined (reading 'id')"}""")]
    [InlineData(200, """{"status":"error","message":"Call to a member function getId() on null"}""")]
    public void AServersOwnCrash_Under200_IsAServerError(int status, string body) =>
        Assert.Equal(DiagnosisKinds.ServerError, Ex.Diagnose(status, body).Kind);

    [Theory]
    [InlineData("""<?xml version="1.0"?><orders><order><id>1</id><status>failed</status><note>Payment failed</note></order><order><id>2</id><status>paid</status></order></orders>""")]
    [InlineData("""<?xml version="1.0"?><order><id>1</id><status>failed</status><note>Payment failed</note></order>""")]
    public void RecordsInXml_WhoseStatusIsFailed_AreData(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "text/xml"))));

    [Fact]
    public void AnXmlAnswersOwnStatus_UnderItsWrapper_SaysItFailed() =>
        Assert.Equal(DiagnosisKinds.BadCredentials, DiagnosisEngine.Diagnose(Ex.Make(200,
            """<response xmlns="http://www.example.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="/xsd/error.xsd"><level0><status>ERR</status><body><code>200</code><msg>Wrong user credentials.</msg></body></level0></response>""",
            method: "GET", headers: ("Content-Type", "text/xml")))?.Kind);

    [Theory]
    [InlineData("badauth", DiagnosisKinds.BadCredentials)]
    [InlineData("nohost", DiagnosisKinds.NotFound)]
    [InlineData("notfqdn", DiagnosisKinds.InvalidValue)]
    [InlineData("abuse", DiagnosisKinds.RequestRejected)]
    [InlineData("INVALID_API_KEY", DiagnosisKinds.BadCredentials)]
    public void AnAnswerOfOneCodeWord_Under200_IsThatCodesFailure(string body, string kind) =>
        Assert.Equal(kind, DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "text/plain")))?.Kind);

    [Theory]
    [InlineData("good 203.0.113.5")]
    [InlineData("nochg 203.0.113.5")]
    [InlineData("unknown")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9")]
    public void AnAnswerOfOneWord_ThatNamesNoFailure_IsData(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "text/plain"))));

    [Fact]
    public void AnOgcExceptionReport_NamesItsLocator() =>
        Assert.Contains("outputFormat", DiagnosisEngine.Diagnose(Ex.Make(200,
            """<?xml version="1.0" encoding="UTF-8"?><ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="2.0.0"><ows:Exception exceptionCode="InvalidParameterValue" locator="outputFormat"><ows:ExceptionText>Unknown output format</ows:ExceptionText></ows:Exception></ows:ExceptionReport>""",
            method: "GET", headers: ("Content-Type", "text/xml")))!.Paths());

    [Theory]
    [InlineData("""{"error":"Key: 'User.Email' Error:Field validation for 'Email' failed on the 'required' tag"}""", "Email")]
    [InlineData("""{"detail":"Additional properties are not allowed ('foo' was unexpected)","status":400,"title":"Bad Request"}""", "foo")]
    [InlineData("""{"detail":"'title' is a required property","status":400,"title":"Bad Request","type":"about:blank"}""", "title")]
    [InlineData("""{"message":"The value 'abc' is not valid for Age."}""", "Age")]
    [InlineData("""{"message":"email is a required field"}""", "email")]
    [InlineData("""{"error":"Invalid request: quantity must be a positive integer"}""", "quantity")]
    [InlineData("""{"error":"value too long for type character varying(255)","column":"description"}""", "description")]
    [InlineData("""{"error":"Bad API request, invalid api_dev_key"}""", null)]
    public void ValidatorsOwnWords_NameTheirField(string body, string? field)
    {
        var d = Ex.Diagnose(400, body);
        if (field is null)
        {
            Assert.Equal(DiagnosisKinds.BadCredentials, d.Kind);
        }
        else
        {
            Assert.Contains(field, d.Paths());
        }
    }

    [Fact]
    public void ADuplicateKey_NamesItsColumn() =>
        Assert.Contains("email", Ex.Diagnose(409, """{"error":"duplicate key value violates unique constraint \"users_email_key\"","detail":"Key (email)=(a@b.c) already exists."}""").Paths());

    [Fact]
    public void AProblemDocumentWithoutAType_NamesNoField() =>
        Assert.Empty(Ex.Diagnose(400, """{"status":400,"type":"about:blank","title":"Bad Request"}""").Paths());

    [Fact]
    public void ALineNumbersColumn_IsNoField() =>
        Assert.Empty(Ex.Diagnose(400, """{"errors":[{"message":"Syntax Error: Unexpected Name","locations":[{"line":1,"column":9}]}]}""").Paths());

    [Theory]
    [InlineData("""{"error":"validation_error","fields":{"email":"required"}}""", "email")]
    [InlineData("""{"errors":[{"email":"has already been taken"}]}""", "email")]
    [InlineData("""{"message":"Invalid input","invalid":["email"]}""", "email")]
    [InlineData("""{"errors":[{"code":"invalid","name":"email","message":"must be a valid address"}]}""", "email")]
    [InlineData("""{"code":400,"message":"Validation Failed","errors":{"children":{"email":{"errors":["This value is not valid."]},"name":{}}}}""", "email")]
    [InlineData("""{"errors":[{"property_path":"email","message":"This value is not a valid email address."}]}""", "email")]
    [InlineData("""{"errors":[{"FieldName":"email","Message":"Invalid"}]}""", "email")]
    [InlineData("""{"status":400,"errors":[{"code":"amount.too_small","message":"must be greater than zero"}]}""", "amount")]
    [InlineData("""{"error":{"code":"VALIDATION_ERROR","message":"Invalid request","details":{"name":"Required"}}}""", "name")]
    public void FieldsInTheirManyMembers_AreNamed(string body, string field) =>
        Assert.Equal([field], Ex.Diagnose(400, body).Paths());

    [Theory]
    [InlineData("""{"code":"unauthorized.bad_access_token.expired","message":"Access token has expired","params":{"client_id":"CLIENT_ID","user_id":"USER_ID"}}""")]
    [InlineData("""{"ProcessingErrors":{"ProcessingError":{"Type":"BR","Description":"Invalid departure date"}}}""")]
    [InlineData("""{"errors":[{"erro":"Token invalido"}]}""")]
    [InlineData("""{"errors":[{"name":"ValidationError","code":"E1","message":"Request is invalid"}]}""")]
    public void ValuesSentBack_AndAnErrorsOwnMembers_AreNoFields(string body) =>
        Assert.Empty(Ex.Diagnose(400, body).Paths());

    [Theory]
    [InlineData("""{"StatusCode":401,"Message":"Authorization has been denied for this request."}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"ret":-1,"msg":"param error: mobile"}""", DiagnosisKinds.InvalidValue)]
    [InlineData("""{"returnCode":"FAIL","returnMsg":"mch_id parameter format error"}""", DiagnosisKinds.InvalidValue)]
    public void AFailureUnder200_InItsStatusAndWords(string body, string kind) =>
        Assert.Equal(kind, DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST"))?.Kind);

    [Fact]
    public void ACardsAuthorizationDenied_IsStillARefusal() =>
        Assert.Equal(DiagnosisKinds.RequestRejected, Ex.Diagnose(402, """{"message":"The card authorization was denied by the issuer."}""").Kind);

    [Theory]
    [InlineData("""{"error":"forbidden","message":"This action requires the read:orders permission for your OAuth application."}""", DiagnosisKinds.MissingScope, "read:orders")]
    [InlineData("""{"error":{"code":"AccessDenied","message":"Token lacks the files.read grant"}}""", DiagnosisKinds.MissingScope, "files.read")]
    [InlineData("""{"Type":"AuthorizationUnsuccessful","Status":403,"Detail":"AuthorizationUnsuccessful: The token does not have the scope accounting.transactions"}""", DiagnosisKinds.MissingScope, "accounting.transactions")]
    [InlineData("""{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Missing permission Mail.Send."}}""", DiagnosisKinds.InsufficientPermission, "Mail.Send")]
    [InlineData("""{"message":"You must be an Owner of this workspace to perform this action"}""", DiagnosisKinds.InsufficientPermission, "Owner")]
    public void ScopesAndPermissions_InMorePhrasings(string body, string kind, string name)
    {
        var d = Ex.Diagnose(403, body);
        Assert.Equal(kind, d.Kind);
        Assert.Contains(name, d.Scopes!.Missing);
    }

    [Fact]
    public void ATokensPolicyPermission_StaysAPermission() =>
        Assert.Equal(DiagnosisKinds.InsufficientPermission, DiagnosisEngine.Diagnose(Ex.Make(403,
            "Permission denied: token with AccessorID '9267d017' lacks permission 'key:write' on \"redis/config\"", headers: ("Content-Type", "text/plain")))?.Kind);

    [Theory]
    [InlineData("""{"error":"You have reached the maximum number of projects allowed on your plan."}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData("""{"error":"Payment required: your free tier allowance is exhausted"}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData("""{"message":"You have exceeded the number of allowed seats"}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData("""{"message":"You have used all 1000 requests included in your monthly plan."}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData("""{"error":{"message":"Cannot delete a project that still has active deployments"}}""", DiagnosisKinds.Conflict)]
    [InlineData("""{"message":"The recipient has unsubscribed from messages"}""", DiagnosisKinds.RequestRejected)]
    public void LimitsStatesAndRefusals_InPlainWords(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(400, body).Kind);

    [Fact]
    public void AQuotedValueAfterItsNoun_IsNoField() =>
        Assert.DoesNotContain("XYZ", Ex.Diagnose(400, """{"message":"Currency 'XYZ' is not supported"}""").Paths());

    [Fact]
    public void AQuotedNameAfterAFieldNoun_IsTheField() =>
        Assert.Contains("foo", Ex.Diagnose(400, """{"message":"Column 'foo' cannot be resolved"}""").Paths());

    [Fact]
    public void OAuth1sAbsentParameters_AreNamed() =>
        Assert.Equal(["oauth_verifier", "oauth_nonce"], DiagnosisEngine.Diagnose(Ex.Make(400, "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_verifier%26oauth_nonce",
            headers: ("Content-Type", "application/x-www-form-urlencoded")))!.Paths());

    [Theory]
    [InlineData("ERROR 103", DiagnosisKinds.RequestRejected)]
    [InlineData("FAIL|Message could not be delivered", DiagnosisKinds.RequestRejected)]
    [InlineData("NOK: message rejected by operator", DiagnosisKinds.RequestRejected)]
    [InlineData("ERROR|INVALID_NUMBER", DiagnosisKinds.InvalidValue)]
    public void APlainAnswerLabelledAsAFailure_Under200_IsOne(string body, string kind) =>
        Assert.Equal(kind, DiagnosisEngine.Diagnose(Ex.Make(200, body, headers: ("Content-Type", "text/plain")))?.Kind);

    [Theory]
    [InlineData("OK|12345")]
    [InlineData("ID: 12345")]
    [InlineData("0")]
    [InlineData("The quick brown fox failed to jump")]
    public void APlainAnswerWithoutAFailuresLabel_IsData(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", "text/plain"))));

    [Fact]
    public void AnXmlRpcFault_TooFewParameters_IsAnInvalidValue() =>
        Assert.Equal(DiagnosisKinds.InvalidValue, DiagnosisEngine.Diagnose(Ex.Make(200,
            """<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>4</int></value></member><member><name>faultString</name><value><string>Too few parameters.</string></value></member></struct></value></fault></methodResponse>""",
            headers: ("Content-Type", "text/xml")))?.Kind);

    [Theory]
    [InlineData("""{"message":"The license key is invalid"}""")]
    [InlineData("""{"message":"Invalid Access License number"}""")]
    [InlineData("""{"message":"The subscription key is not valid"}""")]
    public void KeysOfALicenceOrSubscription_AreCredentials(string body) =>
        Assert.Equal(DiagnosisKinds.BadCredentials, Ex.Diagnose(400, body).Kind);
}
