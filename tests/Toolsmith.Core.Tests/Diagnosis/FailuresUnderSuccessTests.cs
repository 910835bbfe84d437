using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// A short answer under 2xx that no rule reads as a failure, but whose words the failure and kind models are both nearly
/// sure of (docs/diagnosis.md, "Failures under 2xx"); and the successes that must stay successes around it. Bodies written
/// for this test.
/// </summary>
public sealed class FailuresUnderSuccessTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public void AShortAnswerInWordsOfAFailure_IsDiagnosed(string method)
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(200, """{"result":{"code":1042,"info":"This shipment already has a tracking number assigned"}}""", method: method));
        Assert.NotNull(d);
        Assert.Equal(DiagnosisKinds.Conflict, d.Kind);
        Assert.Contains("already has a tracking number", d.ProviderMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"ok":true,"data":{"id":"u_1","name":"Ada"},"errors":[],"error":null}""")]
    [InlineData("""{"status":"ok","message":"Already up to date"}""")]
    [InlineData("""{"status":"success","message":"Your request has been processed"}""")]
    [InlineData("""{"items":[{"id":1,"state":"failed"},{"id":2,"state":"done"}],"total":2}""")]
    [InlineData("""{"deleted":true,"id":"cus_123"}""")]
    [InlineData("""{"exists":false}""")]
    [InlineData("""{"valid":false,"reason":"invalid_email","email":"ada@example"}""")]
    [InlineData("""{"available":false,"message":"Username already taken"}""")]
    [InlineData("""{"code":0,"msg":"操作成功","data":{"id":12}}""")]
    [InlineData("""{"status":"OK","mensaje":"Pedido registrado correctamente"}""")]
    [InlineData("""{"result":"ok","message":"Le paiement a été accepté"}""")]
    [InlineData("""{"ok":true,"warnings":["deprecated parameter 'limit', use 'page_size'"]}""")]
    [InlineData("""{"id":"msg_1","status":"queued","error_code":null,"error_message":null}""")]
    [InlineData("""{"data":[],"message":"No results found"}""")]
    [InlineData("""{"status":"success","data":{"invalid_count":0,"valid_count":12}}""")]
    [InlineData("""{"deleted":1,"failed":0,"errors":[]}""")]
    [InlineData("""{"success":true,"message":"Password reset link sent if the account exists"}""")]
    [InlineData("""{"status":"pending","message":"Waiting for the bank to confirm"}""")]
    [InlineData("""{"rate_limit":{"remaining":4999,"limit":5000},"data":{"login":"ada"}}""")]
    [InlineData("""<response><status>ok</status><message>Saved</message></response>""")]
    [InlineData("""{"result":"Задача создана","id":77}""")]
    [InlineData("""{"Success":true,"Message":"Kayıt başarılı"}""")]
    public void Successes_StaySuccesses(string body)
    {
        foreach (var method in new[] { "GET", "POST" })
        {
            Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: method)));
        }
    }

    [Fact]
    public void ALongAnswer_IsLeftToTheRules()
    {
        // The same words, and no others, in an answer over 400 characters of text (a long reference of digits, no words):
        // the models would flag it (both over 0.95), but a long answer is a record, a list or a page, not an error answer.
        var body = """{"result":{"code":1042,"info":"This shipment already has a tracking number assigned","ref":"REF"}}""".Replace("REF", new string('0', 450), StringComparison.Ordinal);
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET")));
    }

    [Fact]
    public void OtherStatuses_AreNotAskedAbout()
    {
        Assert.Null(Toolsmith.Core.Diagnosis.Catalog.KindModel.FailureUnderSuccess(Ex.Make(304, """{"info":"This shipment already has a tracking number assigned"}""")));
    }
}
