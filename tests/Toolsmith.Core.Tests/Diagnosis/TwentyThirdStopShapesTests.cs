using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// Shapes probed at stop 60, each closed by one generic rule; bodies written for these tests in the styles such APIs use (not
/// taken from the corpus).
/// </summary>
public class TwentyThirdStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // a result code and its text, alone or as the one object of a list (a control channel's answer)
    [InlineData("""{"result": 2, "text": "missing parameter 'subnet-id'"}""", DiagnosisKinds.InvalidValue)]
    [InlineData("""[{"result": 1, "text": "unable to parse the 'hw-address' parameter"}]""", DiagnosisKinds.InvalidValue)]
    // an abbreviated result code and its words
    [InlineData("""{"res": 9403, "res_message": "Unknown error occurred", "debug_info": {"trace": "t-1"}}""", DiagnosisKinds.ServerError)]
    [InlineData("""{"rc": 4, "res_message": "Permission denied for this operation"}""", DiagnosisKinds.InsufficientPermission)]
    // a status's words named as C names them, in a wrapper
    [InlineData("""{"_data": {"status": "2", "status_str": "authentication failed"}}""", DiagnosisKinds.BadCredentials)]
    public void AResultCodeBesideWordsThatSayItFailed_IsAFailureUnder200(string body, string kind)
    {
        var d = Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: Json));
        Assert.Equal(kind, d.Kind);
    }

    [Theory]
    [InlineData("""{"result": 0, "text": "Lease for address 10.0.0.5 added."}""")]
    [InlineData("""[{"result": 0, "text": "2 IPv4 lease(s) found.", "arguments": {"leases": []}}]""")]
    [InlineData("""[{"result": 3, "text": "0 IPv6 lease(s) found."}]""")]
    [InlineData("""{"res": 0, "res_message": "OK", "debug_info": {"trace": "t-1"}}""")]
    [InlineData("""{"_data": {"status": "0", "status_str": "Success"}}""")]
    // a record's text that says a failure, without a result code beside it, is data (a log line)
    [InlineData("""{"id": 7, "text": "Login failed for user bob at 10:02"}""")]
    public void TheSameShapesSayingItWorked_OrHoldingWordsAsData_AreSuccesses(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST", headers: Json)));
}
