using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Answers under 200 that say what became of an action, in the shapes payment gateways and other APIs of actions use (found
/// through the gateway answers' read half, stop 37): outcome words, decisions, approval flags, refusal reasons, codes beside
/// words. Bodies written for these tests, not taken from any corpus.
/// </summary>
public class GatewayShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");
    private static readonly (string, string) Xml = ("Content-Type", "application/xml");
    private static readonly (string, string) Form = ("Content-Type", "application/x-www-form-urlencoded");

    private static Toolsmith.Core.Diagnosis.Diagnosis? Post(string body, (string, string) type) =>
        DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST", headers: type));

    private static Toolsmith.Core.Diagnosis.Diagnosis? Get(string body, (string, string) type) =>
        DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: type));

    [Theory]
    // A decision on the request in an outcome member, even on a record with an id, after an action.
    [InlineData("""{"reference":"8815","resultCode":"Refused","refusalReason":"Expired Card"}""")]
    [InlineData("""{"id":"pay_1","amount":100,"status":"DECLINED","response_code":"05","customer":{"id":"c1"}}""")]
    [InlineData("""{"id":"pay_2","amount":100,"status":"REJECTED","status_detail":"The payment was rejected.","status_code":"300"}""")]
    [InlineData("""{"code":"SUCCESS","error":null,"transactionResponse":{"orderId":7,"state":"DECLINED","responseCode":"ANTIFRAUD_REJECTED"}}""")]
    // An approval flag that says no.
    [InlineData("""{"response_code":"02","message":"Current transaction does not exist.","approved":false,"amount":100}""")]
    // Outcome words that say a failure.
    [InlineData("""{"Response":{"Result":"118","RespMSG":"The capture amount must be less than or equal to the amount authorized."}}""")]
    [InlineData("""{"ResponseCode":"1","DeclinedCode":"05","DeclinedMessage":"Do Not Honour","Receipt":""}""")]
    // Codes beside words: letters and digits, a number in the range of an HTTP success, a code named for an error.
    [InlineData("""{"code":"K012","message":"Monto de captura inválido."}""")]
    [InlineData("""{"code":"205","message":"Tipo de moneda no válida"}""")]
    [InlineData("""{"request_id":"e5a3","error_type":"request_invalid","error_codes":["card_expired"]}""")]
    [InlineData("""{"httpStatusCode":404,"customCode":"ORDER_NOT_FOUND","message":"Order 33ce not found","description":"Order code does not exist."}""")]
    [InlineData("""{"Message":"Duplicated transaction","Result":"2","Amount":"65.51","CardType":"VISA"}""")]
    // A result object judged as an answer of its own; a failed status beside messages that describe errors.
    [InlineData("""{"error":null,"result":{"accountToken":"","responseText":"CNR -- Missing required token.","pgwTID":"ba47"}}""")]
    [InlineData("""{"status":"error","messages":[{"level":"error","key":"AlreadyRolledBack","dsc":"The payment has already been rolled back."}]}""")]
    // A return code written with spaces, beside an error's words; words that say it cannot be done.
    [InlineData("""{"returnCode":"  05","errorDescription":"Transaction declined","authorizationNumber":"      ","transactionNumber":"0000077","batchNumber":"0000","terminalNumber":"13366","serverNumber":"0001"}""")]
    public void AnActionRefusedOrFailed_Under200_IsAFailure(string body) =>
        Assert.NotNull(Post(body, Json));

    [Theory]
    // An error code of zero: its words describe the success, in any language.
    [InlineData("""{"errorCode":"0","errorMessage":"Обработка запроса прошла без системных ошибок"}""")]
    [InlineData("""{"errorCode":0,"errorMessage":"Успешно","bindings":[{"bindingId":"b1"}]}""")]
    public void AnErrorCodeOfZero_IsNotAFailure(string body) =>
        Assert.Null(Post(body, Json));

    [Theory]
    [InlineData("FAIL", "text/plain")]
    [InlineData("INVALID", "text/html")]
    [InlineData("DECLINED", "text/plain")]
    public void AnAnswerThatIsOneFailureWord_IsAFailure(string body, string type) =>
        Assert.NotNull(Post(body, ("Content-Type", type)));

    [Theory]
    // An XML document sent as text/html is read as XML: a failed decision beside words that say so.
    [InlineData("""<ccTxnResponseV1 xmlns="http://payments.example.com/v1"><confirmationNumber>-1</confirmationNumber><decision>ERROR</decision><code>1000</code><actionCode>M</actionCode><description>Invalid txnMode: ccAuthorize</description><txnTime>2026-01-01T00:00:00</txnTime></ccTxnResponseV1>""", "text/html")]
    // A response code beside a response message that says a failure.
    [InlineData("""<Response xmlns="https://tx.example.com"><Response><ExpressResponseCode>103</ExpressResponseCode><ExpressResponseMessage>The element 'HealthCheck' has incomplete content.</ExpressResponseMessage></Response></Response>""", "text/xml")]
    public void AnXmlOutcome_ThatFailed_IsAFailure(string body, string type) =>
        Assert.NotNull(Post(body, ("Content-Type", type)));

    [Fact]
    public void NameValueLines_EndedByAMarker_AreRead() =>
        Assert.NotNull(Post("response.summaryCode=1\nresponse.responseCode=14\nresponse.text=Invalid card number (no such number)\nresponse.previousTxn=0\nresponse.end\n", ("Content-Type", "text/plain")));

    [Fact]
    public void AnXmlSuccess_SentAsHtml_IsNotFlagged() =>
        Assert.Null(Post("""<ccTxnResponseV1 xmlns="http://payments.example.com/v1"><confirmationNumber>115</confirmationNumber><decision>ACCEPTED</decision><code>0</code><description>No Error</description></ccTxnResponseV1>""", ("Content-Type", "text/html")));

    [Theory]
    [InlineData("response=2&responsetext=DECLINE&authcode=&transactionid=27627&type=sale&response_code=200")]
    [InlineData("trnApproved=0&trnId=10100561&messageId=7&messageText=DECLINE&errorType=N")]
    [InlineData("ssl_result=1&ssl_result_message=This+transaction+request+has+not+been+approved.")]
    [InlineData("responseCode=65541&responseMessage=Can+not+REFUND+this+SALE+transaction&responseStatus=2&xref=1803&amount=142")]
    [InlineData("avs_code=Y&cvv2_code=M&status_code=0&trans_id=120740287652&auth_msg=TEST+DECLINED")]
    public void AFormAnswer_ThatSaysDeclined_IsAFailure(string body) =>
        Assert.NotNull(Post(body, Form));

    [Theory]
    [InlineData("response=1&responsetext=SUCCESS&authcode=123456&transactionid=18690&type=auth&response_code=100")]
    // Numbered names that are not errors: a success's own fields (before, any numbered name made an "errors" list).
    [InlineData("trnApproved=1&trnId=10000072&messageText=Approved&ref1=reference+one&ref2=&ref3=&errorType=N&errorFields=")]
    [InlineData("M=SPREE978&O=1&a1=02617&z1=8a829&z2=0&z3=Transaction+has+been+executed+successfully.&z13=6069")]
    [InlineData("UMstatus=Approved&UMauthCode=&UMrefNum=63812270&UMerror=Transaction+Voided+Successfully&UMerrorcode=00000")]
    public void AFormAnswer_ThatSaysApproved_IsNotFlagged(string body) =>
        Assert.Null(Post(body, Form));

    [Theory]
    [InlineData("""<response><code>1</code><message>Request successful</message></response>""")]
    [InlineData("""<Response><runSaleReturn><Error>Approved</Error><ErrorCode>0</ErrorCode><Result>Approved</Result><ResultCode>A</ResultCode></runSaleReturn></Response>""")]
    public void AnXmlAnswer_ThatSaysApproved_IsNotFlagged(string body) =>
        Assert.Null(Post(body, Xml));

    [Theory]
    [InlineData("""{"code":100,"message":"The payment is pending."}""")]
    [InlineData("""{"returnCode":"true"}""")]
    [InlineData("""{"transaction_status":"approved","avs_message":"Address does not match","amount":"10.00"}""")]
    [InlineData("""{"approved":true,"response_code":"00","message":"Approval"}""")]
    [InlineData("""{"status":"ok","message":"No errors found"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"status":"failed","message":"the job failed"}}""")]
    [InlineData("""{"status":"failed","messages":[{"role":"user","content":"the job failed"}]}""")]
    public void AnActionThatWentThrough_IsNotFlagged(string body) =>
        Assert.Null(Post(body, Json));

    /// <summary>
    /// Successes of many kinds of API that look like the shapes above (written for this test after a review of the rules): record
    /// lists with failed items, decisions and reviews read back or made, validations that answer "not valid", health checks,
    /// batches, 3-D Secure steps under way, codes of zero or 200 beside words.
    /// </summary>
    public static TheoryData<string, string, string> SuccessesOfManyApis => new()
    {
        { "POST", "application/json", """{"id":"msg_1","status":"queued","to":"+15551234567","error_code":null,"error_message":null}""" },
        { "POST", "application/json", """{"id":"msg_2","status":"sent","errorCode":0,"errorMessage":""}""" },
        { "GET", "application/json", """{"items":[{"id":1,"status":"failed","error":"timeout"},{"id":2,"status":"success"}],"total":2}""" },
        { "GET", "application/json", """{"id":"job_9","state":"rejected","reason":"manual review","createdAt":"2026-01-01"}""" },
        { "POST", "application/json", """{"valid":false,"reason":"invalid_domain","email":"a@b.c","did_you_mean":"a@b.com"}""" },
        { "POST", "application/json", """{"flagged":true,"categories":{"hate":false,"violence":true},"decision":"reject"}""" },
        { "POST", "application/json", """{"result":"success","message":"Subscriber added","subscriber":{"id":5,"status":"unconfirmed"}}""" },
        { "POST", "application/json", """{"status":"ok","description":"Invalid entries were skipped","imported":10,"skipped":2}""" },
        { "GET", "application/json", """{"status":"UP","components":{"db":{"status":"UP"},"diskSpace":{"status":"UP","details":{"total":1,"free":1}}}}""" },
        { "GET", "application/json", """{"status":"DOWN","components":{"db":{"status":"DOWN","details":{"error":"Connection refused"}}}}""" },
        { "POST", "application/json", """{"code":0,"msg":"success","data":{"orderId":"1"}}""" },
        { "POST", "application/json", """{"code":200,"message":"OK","data":[]}""" },
        { "POST", "application/json", """{"code":"0000","message":"处理成功"}""" },
        { "POST", "application/json", """{"code":1,"msg":"成功","data":{"id":"9"}}""" },
        { "POST", "application/json", """{"code":"1","message":"Успешно"}""" },
        { "POST", "application/json", """{"codigo":"7","mensagem":"Operação realizada com sucesso"}""" },
        { "POST", "application/json", """{"resultCode":"Authorised","pspReference":"8815","additionalData":{"refusalReasonRaw":""}}""" },
        { "POST", "application/json", """{"transaction":{"id":"t1","status":"settled","response_text":"Approved"}}""" },
        { "POST", "application/json", """{"id":"ch_1","status":"succeeded","outcome":{"network_status":"approved_by_network","type":"authorized","reason":null}}""" },
        { "GET", "application/json", """{"id":"in_1","status":"void","description":"Duplicate invoice cancelled"}""" },
        { "POST", "application/json", """{"response_code":"00","response_message":"Approval","approved":true}""" },
        { "POST", "text/plain", """OK""" },
        { "POST", "text/plain", """ACCEPTED""" },
        { "POST", "application/x-www-form-urlencoded", """status=OK&txn_id=123&message=Payment+accepted""" },
        { "POST", "application/xml", """<response><status>ok</status><message>Missing fields were filled with defaults</message></response>""" },
        { "POST", "application/xml", """<Result><Code>0</Code><Description>Request processed</Description></Result>""" },
        { "GET", "application/json", """{"users":[{"name":"a","status":"declined"}],"count":1}""" },
        { "POST", "application/json", """{"id":"rev_1","state":"denied","comment":"policy","reviewer":"bob"}""" },
        { "POST", "application/json", """{"checks":[{"name":"lint","status":"failure"}],"state":"completed"}""" },
        { "POST", "application/json", """{"batch_id":"b1","results":[{"id":"a","status":"error","message":"invalid phone"},{"id":"b","status":"ok"}]}""" },
        { "POST", "application/json", """{"message":"Your password must be at least 8 characters","article":{"id":7,"title":"Password rules"}}""" },
        { "POST", "application/json", """{"deleted":true,"id":"cus_1"}""" },
        { "POST", "application/json", """{"responseCode":"1","responseMessage":"Transaction approved"}""" },
        { "POST", "application/json", """{"ResponseCode":"00","ResponseDescription":"Success. Request accepted for processing","ResultCode":"0"}""" },
        { "GET", "application/json", """{"approved":false,"id":"pr_1","title":"Fix bug","reviews":[]}""" },
        { "POST", "application/json", """{"approved":false,"id":"pr_1","title":"Fix bug","reviews":[]}""" },
        { "POST", "application/json", """{"status":"pending","message":"Awaiting 3DS authentication","redirect_url":"https://x"}""" },
        { "POST", "application/json", """{"error":false,"message":"Record created","id":3}""" },
        { "POST", "application/json", """{"ok":true,"warning":"missing_charset","response_metadata":{"warnings":["missing_charset"]}}""" },
        { "GET", "application/json", """{"decision":"declined","score":0.93,"application_id":"app_1"}""" },
        { "POST", "application/json", """{"statusCode":202,"message":"Accepted"}""" },
        { "POST", "application/json", """{"auth_message":"Card verification required","status":"requires_action","id":"pi_1"}""" },
        { "POST", "application/json", """{"result":{"status":"failed","reason":"The export could not complete"},"jsonrpc":"2.0","id":1}""" },
    };

    [Theory]
    [MemberData(nameof(SuccessesOfManyApis))]
    public void SuccessesOfManyApis_AreNotFlagged(string method, string type, string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: method, headers: ("Content-Type", type))));

    [Theory]
    // After a GET, a record whose state is a decision is data: the call that read it worked.
    [InlineData("""{"id":"pay_1","amount":100,"status":"DECLINED","customer":{"id":"c1"}}""")]
    [InlineData("""{"id":"kyc_7","decision":"rejected","checkedAt":"2026-01-02"}""")]
    // A job that failed is a record's state, even after an action.
    [InlineData("""{"id":7,"status":"failed","message":"the job failed"}""")]
    public void ARecordsState_IsData(string body)
    {
        Assert.Null(Get(body, Json));
        if (!body.Contains("DECLINED", StringComparison.Ordinal) && !body.Contains("rejected", StringComparison.Ordinal))
        {
            Assert.Null(Post(body, Json));
        }
    }

    [Theory]
    // The API's own words about the refusal are what the diagnosis quotes: a sentence before a single word, a word before a number.
    [InlineData("""{"resultCode":"Refused","refusalReason":"Insufficient funds","pspReference":"8815"}""", "application/json", "Insufficient funds")]
    [InlineData("""{"id":"pay_1","status":"DECLINED","decline_reason":"Do not honor"}""", "application/json", "Do not honor")]
    [InlineData("response=2&responsetext=DECLINE&authcode=&transactionid=27627", "application/x-www-form-urlencoded", "DECLINE")]
    [InlineData("""<Response><Result>12</Result><RespMSG>Declined</RespMSG><Message>DECLINE</Message></Response>""", "application/xml", "Declined")]
    public void TheRefusalsWords_AreTheProvidersMessage(string body, string type, string message) =>
        Assert.Equal(message, Post(body, ("Content-Type", type))?.ProviderMessage);

    [Theory]
    [InlineData("""{"SUMMARY":{"NUMBER_OF_OBJECTS":0,"RESPONSE_CODE":2,"RESPONSE_MESSAGE":"No stations found for this request."}}""", DiagnosisKinds.NotFound)]
    [InlineData("""{"error_type":"not_found_error","entity_name":"","id":""}""", DiagnosisKinds.NotFound)]
    [InlineData("""{"httpStatusCode":404,"customCode":"ORDER_NOT_FOUND","message":"Order 33ce not found"}""", DiagnosisKinds.NotFound)]
    public void TheKind_ComesFromTheWordsAndCodes(string body, string kind) =>
        Assert.Equal(kind, Post(body, Json)?.Kind);
}
