using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Failures an answer under 2xx reports below its top (docs/diagnosis.md, "Stop 43"): a wrapped result's failed status beside
/// its reason, an HTTP status written as words, an answer written as JSON inside a string, a batch that did nothing but fail;
/// and the records read back whose status merely says a payment or a job failed, which stay successes. Bodies written for
/// this test.
/// </summary>
public sealed class NestedFailuresTests
{
    [Theory]
    [InlineData("""{"id":7,"result":{"status":"FAILURE","errorCode":"INSUFFICIENT_BALANCE","orderId":"o_1"}}""")]
    [InlineData("""{"code":"SUCCESS","payment":{"paymentId":"p_9","state":"DECLINED","responseCode":"CARD_EXPIRED","amount":12.5}}""")]
    [InlineData("""{"requestId":"r1","success":true,"result":[{"status":"skipped","reasons":[{"code":"1007","message":"Multiple records match the lookup"}]}]}""")]
    [InlineData("""{"status":"OK","messages":{"4915112345678":{"status":"ERROR","status_code":207,"status_text":"Number is on the stop list"}}}""")]
    [InlineData("""{"Envelope":{"Outcome":"Rejected","RejectCode":"E114","RejectReason":"Duplicate reference number"}}""")]
    public void AFailedStatusBelowTheTop_AfterAnAction_IsAFailure(string body)
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST"));
        Assert.NotNull(d);
    }

    [Theory]
    [InlineData("""{"transfer":{"id":"t_9","amount":1200,"currency":"EUR","created":"2026-01-02","status":"failed","failureCode":"ACCOUNT_CLOSED"},"links":{"self":"/transfers/t_9"}}""")]
    [InlineData("""{"amount":"100","currency":"EUR","externalId":"77","payer":{"partyIdType":"MSISDN","partyId":"4670000"},"status":"FAILED","reason":{"code":"PAYER_LIMIT_REACHED","message":"Payer limit reached"}}""")]
    [InlineData("""{"jobs":[{"id":1,"state":"error","message":"disk full"},{"id":2,"state":"error","message":"timeout"}]}""")]
    [InlineData("""{"torrents":{"9f3a2c41d0":{"state":"Error","message":"Tracker unreachable"}},"connected":true}""")]
    public void ARecordReadBack_WhoseStatusSaysFailed_IsASuccess(string body)
    {
        // Reading a payment, a job or a transfer that failed is a call that worked.
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET")));
    }

    [Theory]
    [InlineData("""{"result":{"torrents":{"list":{"a":{"sub":{"state":"Error","message":"Tracker unreachable"}}}}},"error":null,"id":3}""")]
    [InlineData("""{"status":"OK","sms":{"4915112345678":{"status":"ERROR","status_text":"Number is on the stop list"},"4915112345679":{"status":"OK","sms_id":"000-1"}}}""")]
    [InlineData("""{"status":"success","result":{"status":"ok","code":"0","message":"Saved"}}""")]
    [InlineData("""{"data":{"state":"pending","reason":"awaiting review"}}""")]
    [InlineData("""{"result":{"status":"failed","reason":"The export could not complete"},"jsonrpc":"2.0","id":1}""")]
    [InlineData("""{"job":{"id":"j_1","status":"failed","errorCode":"E_DISK"}}""")]
    public void AnActionsAnswer_ThatDidNotFail_IsASuccess(string body)
    {
        // A record deep in an answer, one item of several, a status that says nothing went wrong, a failure in words alone,
        // a record (an id) whose state is data.
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST")));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public void AnHttpStatusWrittenAsWords_IsTheStatusMeant(string method)
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(200, """{"token":"","status":"401 Unauthorized","seconds":0.01}""", method: method));
        Assert.NotNull(d);
        Assert.Equal(DiagnosisKinds.BadCredentials, d.Kind);

        // XML-RPC's answer, a struct inside wrappers that hold nothing else
        const string xml = """
            <?xml version="1.0"?>
            <methodResponse><params><param><value><struct>
              <member><name>status</name><value><string>404 Subtitle not found</string></value></member>
            </struct></value></param></params></methodResponse>
            """;
        var x = DiagnosisEngine.Diagnose(Ex.Make(200, xml, method: method, headers: ("Content-Type", "text/xml")));
        Assert.NotNull(x);
        Assert.Equal(DiagnosisKinds.NotFound, x.Kind);
    }

    [Fact]
    public void AnAnswerWrittenAsJsonInsideAString_IsRead()
    {
        var failed = DiagnosisEngine.Diagnose(Ex.Make(200, """{"apiCode":"A1000","apiData":"{\"success\":false,\"errorCode\":\"8016\",\"errorMsg\":\"Duplicate order number\"}"}"""));
        Assert.NotNull(failed);
        Assert.Equal(DiagnosisKinds.Conflict, failed.Kind);

        // the same envelope around an inner answer that succeeded, whatever code it carries
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """{"apiCode":"A1000","apiData":"{\"success\":true,\"errorCode\":\"S0000\",\"errorMsg\":null,\"data\":{\"id\":4}}"}""")));
    }

    [Fact]
    public void ABatchThatDidNothingButFail_IsAFailure()
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(200, """{"deletedIds":[],"failures":[{"id":"v1.2","failureCode":"ArtifactInUse","failureReason":"The artifact is referenced by a release"}]}"""));
        Assert.NotNull(d);
        Assert.Equal(DiagnosisKinds.Conflict, d.Kind);

        // some went through: the batch worked, with failures beside
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """{"deletedIds":["v1.1"],"failures":[{"id":"v1.2","failureCode":"ArtifactInUse","failureReason":"The artifact is referenced by a release"}]}""")));
    }

    [Fact]
    public void AValueKeptUnderAFieldsName_NamesThatField()
    {
        // "lookupField": "email" says which field the lookup uses; the message's 'email' is that field, not a refused value
        var d = DiagnosisEngine.Diagnose(Ex.Make(400, """{"message":"Value for required field 'email' not specified"}""",
            request: """{"action":"createOnly","lookupField":"email","input":[{"firstName":"Ada"}]}"""));
        Assert.NotNull(d);
        Assert.Equal("email", Assert.Single(d.Fields!).Path);
    }

    [Fact]
    public void ErrorItems_WithSigilsOnTheirMembers_AreRead()
    {
        // {"$message", "$source"}: the names read as message and source
        var d = Ex.Diagnose(422, """[{"$severity":"error","$dataCode":"RecordInvalid","$message":"Ledger account can't be blank","$source":"ledger_account_id"}]""");
        Assert.Equal("ledger_account_id", d.Paths().First());
    }

    [Theory]
    [InlineData("invalidInputs")]
    [InlineData("invalid_fields")]
    [InlineData("invalidArguments")]
    public void AListNamedForInvalidInputs_NamesItsItems(string container)
    {
        var d = Ex.Diagnose(400, $$"""{"code":"BAD_REQUEST","message":"Request parameters are not valid.","{{container}}":[{"name":"order.total","type":"Range","message":"must be at least 10"}]}""");
        Assert.Equal(["order.total"], d.Paths());
    }

    [Theory]
    [InlineData("""{"status":400,"valideringsfeil":[{"feilmelding":"Postnummer 99999 er ugyldig","parametere":["postnummer"]}]}""", "postnummer")]
    [InlineData("""{"fehler":[{"meldung":"Wert ungültig","felder":["plz"]}]}""", "plz")]
    [InlineData("""{"errores":[{"mensaje":"Valor inválido","campos":["codigo_postal"]}]}""", "codigo_postal")]
    [InlineData("""{"errors":[{"message":"One of these is required","parameters":["email","phone"]}]}""", "email")]
    public void AnErrorItemsListOfNames_InAnyLanguage_NamesThem(string body, string field) =>
        Assert.Contains(field, Ex.Diagnose(400, body).Paths());

    [Fact]
    public void ThePropertyNameWord_BeforeAQuotedName_IsNotTheField()
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(400, """{"message":"The property name 'Quantity' specified for type 'Api.Models.Line' has an invalid value."}""",
            request: """{"Journal":"70","Lines":[{"Item":"x","Quantity":"two"}]}"""));
        Assert.Equal(["body.Lines[0].Quantity"], d!.Paths());
    }

    [Fact]
    public void ABatchAnsweredEntryByEntry_NamesTheFailedEntrysField()
    {
        const string sent = """{"Records":[{"Data":"eyJ9","PartitionKey":"a"},{"Data":"eyJ9","PartitionKey":""},{"Data":"eyJ9","PartitionKey":"c"}]}""";
        var d = DiagnosisEngine.Diagnose(Ex.Make(200, """{"FailedRecordCount":1,"Records":[{"SequenceNumber":"1"},{"ErrorCode":"InvalidArgument","ErrorMessage":"PartitionKey must not be empty"},{"SequenceNumber":"3"}]}""", request: sent));
        Assert.NotNull(d);
        Assert.Equal(["body.Records[1].PartitionKey"], d.Paths());

        // words that name no member of the entry: the entry itself
        var e = DiagnosisEngine.Diagnose(Ex.Make(200, """{"FailedRecordCount":1,"Records":[{"SequenceNumber":"1"},{"ErrorCode":"InternalFailure","ErrorMessage":"Try again"},{"SequenceNumber":"3"}]}""", request: sent));
        Assert.NotNull(e);
        Assert.Equal(["body.Records[1]"], e.Paths());
    }
    [Fact]
    public void AnOutcomeInWordsThatSayAFailure_AfterAnAction_IsAFailure_NotAfterARead()
    {
        const string soap = """
            <?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>
            <RefundOrderResponse xmlns="urn:shop"><RefundOrderResult><Code>R7</Code><RefundResult>Original order not found</RefundResult>
            <Reference>88213</Reference></RefundOrderResult></RefundOrderResponse></soap:Body></soap:Envelope>
            """;
        // every SOAP call is a POST: the operation (RefundOrder) says it was an action, whatever method the exchange shows
        var refund = DiagnosisEngine.Diagnose(Ex.Make(200, soap, method: "GET", headers: ("Content-Type", "application/soap+xml")));
        Assert.Equal(DiagnosisKinds.NotFound, refund?.Kind);
        // an operation that reads (GetOrderStatus) reports a record's outcome: data
        var read = DiagnosisEngine.Diagnose(Ex.Make(200, soap.Replace("RefundOrder", "GetOrderStatus", StringComparison.Ordinal), method: "POST",
            headers: ("Content-Type", "application/soap+xml")));
        Assert.Null(read);
    }
    [Theory]
    [InlineData("""{"name":"Invalid Login","number":10,"description":"The user name or password is wrong"}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"statusCode":"2023","statusMessage":"Insufficient balance"}""", DiagnosisKinds.RequestRejected)]
    public void AShortAnswerOfWordsAndACode_ThatSayAFailure_IsAFailure(string body, string kind) =>
        Assert.Equal(kind, DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST"))?.Kind);

    [Theory]
    [InlineData("""{"id":"c_1","note":"Card declined last month, updated since"}""")]
    [InlineData("""{"success":true,"message":"Nothing to do: the record was not found and nothing was deleted"}""")]
    [InlineData("""{"status":"Queued","message":"Invalid rows are skipped and reported later"}""")]
    public void AShortAnswerThatIsData_StaysASuccess(string body) => Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST")));
}
