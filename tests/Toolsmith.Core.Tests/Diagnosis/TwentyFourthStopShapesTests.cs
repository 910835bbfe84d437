using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 61, each closed by one generic rule; bodies written for these tests in the styles such APIs use (not
/// taken from the corpus).
/// </summary>
public class TwentyFourthStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");
    private static readonly (string, string) Xml = ("Content-Type", "application/xml");

    [Theory]
    // an acknowledgement named for its operation, beside the message's signature
    [InlineData("""<Msg><PolicyRefReqAck><AckId>9</AckId><AckStatusCode>P204</AckStatusCode><AckStatusDesc>Invalid vehicle registration number</AckStatusDesc></PolicyRefReqAck><MsgSignature>c2ln</MsgSignature></Msg>""", DiagnosisKinds.InvalidValue)]
    [InlineData("""<Envelope><CreateParcelResponse><StatusCode>E17</StatusCode><StatusDesc>Duplicate parcel reference</StatusDesc></CreateParcelResponse><Signature>c2ln</Signature></Envelope>""", DiagnosisKinds.Conflict)]
    public void AnOperationsAnswerBesideItsSignature_IsJudgedAsTheAnswer(string body, string kind)
    {
        var d = Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: Xml));
        Assert.Equal(kind, d.Kind);
    }

    [Theory]
    [InlineData("""<Msg><PolicyRefReqAck><AckId>9</AckId><AckStatusCode>P001</AckStatusCode><AckStatusDesc>Successful</AckStatusDesc></PolicyRefReqAck><MsgSignature>c2ln</MsgSignature></Msg>""")]
    [InlineData("""<Envelope><CreateParcelResponse><StatusCode>0</StatusCode><StatusDesc>Parcel created</StatusDesc><ParcelId>77</ParcelId></CreateParcelResponse><Signature>c2ln</Signature></Envelope>""")]
    public void TheSameAnswersSayingItWorked_AreSuccesses(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST", headers: Xml)));

    [Theory]
    // the words beside a status or a result, their names shortened
    [InlineData("""{"AckStatusCode": "P204", "AckStatusDesc": "Invalid vehicle registration number"}""", "Invalid vehicle registration number")]
    [InlineData("""{"result": 0, "resulttxt": "error: 'sender_name' is not valid"}""", "error: 'sender_name' is not valid")]
    public void ShortenedWordsNames_AreReadAsTheMessage(string body, string message)
    {
        var d = Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal(message, d.ProviderMessage);
    }

    [Theory]
    // a result that is a failure's code word, and nothing more
    [InlineData("""{"result": "NOT_FOUND", "cert": ""}""", DiagnosisKinds.NotFound)]
    [InlineData("""{"state": "COMPLETE", "result": "TIMEOUT"}""", DiagnosisKinds.Timeout)]
    // a gateway's response code and words, its name shortened (Rsp) and qualified (Gateway…), beside the transaction's id
    [InlineData("""{"GatewayTxnId": "1023", "GatewayRspCode": "14", "GatewayRspMsg": "The card number is not valid"}""", DiagnosisKinds.InvalidValue)]
    // the code and the message of the return, as Portuguese and Spanish name them
    [InlineData("""{"CodRetorno": "99", "MsgRetorno": "Erro interno"}""", DiagnosisKinds.ServerError)]
    [InlineData("""{"CODRET": "2", "MSGRET": "TRANSAÇÃO NEGADA"}""", DiagnosisKinds.RequestRejected)]
    public void AResultsCodeWord_OrAShortenedResponseCode_IsAFailureUnder200(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)).Kind);

    [Theory]
    [InlineData("""{"state": "COMPLETE", "result": "OK", "cert": "MIIB…"}""")]
    [InlineData("""{"state": "RUNNING"}""")]
    [InlineData("""{"GatewayTxnId": "1023", "GatewayRspCode": "0", "GatewayRspMsg": "Success"}""")]
    [InlineData("""{"CodRetorno": "0", "MsgRetorno": "Sucesso", "NumPedido": "1234"}""")]
    // a record whose result is a code word, beside its id, is data
    [InlineData("""{"id": "job-7", "result": "NOT_FOUND", "finishedAt": "2026-01-01"}""")]
    public void TheSameShapesSayingItWorked_OrARecordsResult_AreSuccesses(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: Json)));
}
