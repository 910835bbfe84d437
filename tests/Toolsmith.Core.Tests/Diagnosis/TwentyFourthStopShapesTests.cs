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
}
