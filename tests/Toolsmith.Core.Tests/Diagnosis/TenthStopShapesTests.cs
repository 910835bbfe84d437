using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// What the read half of the tenth set still missed at stop 36, each closed by one generic rule; bodies written for these
/// tests in the styles such APIs use (not taken from the corpus).
/// </summary>
public class TenthStopShapesTests
{
    private static readonly (string, string) Json = ("Content-Type", "application/json");

    [Theory]
    // A success flag spelled isSuccessful, in an envelope that only wraps it.
    [InlineData("""{"header":{"isSuccessful":false,"resultCode":-1000,"resultMessage":"Invalid appKey."}}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"succeeded":false,"message":"Order 881 does not exist"}""", DiagnosisKinds.NotFound)]
    // A failed status beside "messages" (text, or messages by field).
    [InlineData("""{"status":"error","messages":"Location does not exist.","payload":null}""", DiagnosisKinds.NotFound)]
    // The response's outcome as a word.
    [InlineData("""{"Response":"Error","Message":"You are over your rate limit please slow down","Data":{}}""", DiagnosisKinds.RateLimited)]
    public void FailuresUnder200_InTheirEnvelopes(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, headers: Json)).Kind);

    [Fact]
    public void MessagesByField_BesideAFailedStatus_NameTheField()
    {
        var d = Ex.Diagnose(Ex.Make(200, """{"status":"error","messages":{"serial":["The serial field is required."]},"payload":null}""", request: """{"name":"laptop"}""", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("body.serial", d.Paths());
    }

    [Fact]
    public void AnOrdinarySuccess_WithAStatusAndMessages_IsNotFlagged()
    {
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """{"status":"success","messages":"Asset checked in.","payload":{"id":7}}""", headers: Json)));
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, """{"header":{"isSuccessful":true,"resultCode":0,"resultMessage":"SUCCESS"},"body":{"data":{"requestId":"r-1"}}}""", headers: Json)));
    }

    [Theory]
    // Go's "component: message": the component is not a field; the words say what happened.
    [InlineData("""{"error":"raftstore: permission denied","code":7}""", DiagnosisKinds.InsufficientPermission)]
    [InlineData("""{"error":"storage: mvcc: database space exceeded","code":8}""", DiagnosisKinds.QuotaExceeded)]
    public void AComponentBeforeAColon_IsNotAField(string body, string kind)
    {
        var d = Ex.Diagnose(Ex.Make(400, body, request: """{"key":"a2V5"}""", headers: Json));
        Assert.Equal(kind, d.Kind);
        Assert.Empty(d.Paths());
    }

    [Theory]
    [InlineData("""{"error":"email: must be a valid address"}""", "email")]
    [InlineData("""{"error":"max_tokens: Field required"}""", "max_tokens")]
    public void ANameBeforeAColon_WhoseWordsAreAboutAValue_IsAField(string body, string field) =>
        Assert.Contains(field, Ex.Diagnose(Ex.Make(400, body, request: """{"model":"m"}""", headers: Json)).Paths().Select(static p => p.Split('.')[^1]));

    [Theory]
    // A server that answers every failure with 500: words of an unreadable body or a refused type say more.
    [InlineData(500, """{"error":"decoding request body: invalid character '}' looking for beginning of object key string"}""", DiagnosisKinds.MalformedBody)]
    [InlineData(400, """{"error":"unexpected end of JSON input"}""", DiagnosisKinds.MalformedBody)]
    [InlineData(400, """{"error":"unacceptable content-type: text/plain; 'application/json' required"}""", DiagnosisKinds.UnsupportedMediaType)]
    [InlineData(200, """{"header":{"isSuccessful":false,"resultCode":-9,"resultMessage":"Only application/json Content-type is supported."}}""", DiagnosisKinds.UnsupportedMediaType)]
    public void UnreadableBodiesAndRefusedTypes(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, headers: Json)).Kind);

    [Theory]
    [InlineData("""{"status":"ERROR","subCode":"403","message":"IP not whitelisted"}""")]
    [InlineData("""{"success":false,"message":"Request rejected: IP address 203.0.113.9 is not allowed"}""")]
    [InlineData("""{"header":{"isSuccessful":false,"resultCode":-1004,"resultMessage":"Not allow ip."}}""")]
    public void TheCallersAddressNotAllowed_IsAPermission(string body) =>
        Assert.Equal(DiagnosisKinds.InsufficientPermission, Ex.Diagnose(Ex.Make(200, body, headers: Json)).Kind);

    [Theory]
    [InlineData("""{"success":false,"error":"TicketGet: Authorization failing!"}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"error":{"code":100,"description":"Incorrect user credentials"}}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}""", DiagnosisKinds.InsufficientPermission)]
    [InlineData("""{"message":"Your pay-as-you-go overage limit has been engaged."}""", DiagnosisKinds.QuotaExceeded)]
    [InlineData("""{"faultstring":"ERROR: Consumo redundante detectado. Aguarde 60 segundos para tentar novamente."}""", DiagnosisKinds.RateLimited)]
    [InlineData("""{"faultstring":"ERROR: Produto não cadastrado para o código [77] !"}""", DiagnosisKinds.NotFound)]
    [InlineData("""{"code":-101,"message":"인증오류입니다."}""", DiagnosisKinds.BadCredentials)]
    public void Words_SayTheKind(string body, string kind)
    {
        var status = kind == DiagnosisKinds.InsufficientPermission ? 403 : kind is DiagnosisKinds.RateLimited or DiagnosisKinds.NotFound ? 500 : 200;
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, headers: Json)).Kind);
    }

    [Fact]
    public void APerlArrowPath_NamesTheNestedField()
    {
        var d = Ex.Diagnose(Ex.Make(200, """{"Error":{"ErrorCode":"TicketCreate.MissingParameter","ErrorMessage":"TicketCreate: Ticket->Owner parameter is missing!"}}""",
            request: """{"Ticket":{"Title":"t","Owner":""}}""", headers: Json));
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Contains("body.Ticket.Owner", d.Paths());
    }

    [Fact]
    public void ATagInBrackets_IsTheField()
    {
        var d = Ex.Diagnose(Ex.Make(500, """{"faultstring":"ERROR: A tag [valor_unitario] deve ser maior que zero!","faultcode":"SOAP-ENV:Client-8"}""",
            request: """{"call":"IncluirProduto","param":[{"valor_unitario":0}]}""", headers: Json));
        Assert.Contains("body.param[0].valor_unitario", d.Paths());
    }

    [Theory]
    // Found by review: counts, job records, chat histories and words as data are not failures.
    [InlineData("""{"succeeded":0,"failed":0,"errors":[]}""")]
    [InlineData("""{"total":0,"successful":0,"failed":0,"message":"nothing to do"}""")]
    [InlineData("""{"status":"failed","jobId":"j1","meta":{"attempt":2}}""")]
    [InlineData("""{"status":"failed","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"requestId":"r1","reply":"denied","message":"Your leave request was denied by your manager"}""")]
    public void SuccessesThatLookLikeTheseShapes_AreNotFlagged(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, headers: Json)));

    [Theory]
    // A server's own failure stays one: its reading of something else, its own disk.
    [InlineData(500, """{"error":"Unexpected token < in JSON at position 0"}""", DiagnosisKinds.ServerError)]
    [InlineData(500, """{"error":"ENOSPC: no space left on device, write"}""", DiagnosisKinds.ServerError)]
    [InlineData(402, """{"error":"Card authorization failed: insufficient funds"}""", DiagnosisKinds.RequestRejected)]
    [InlineData(401, """{"error":"Unauthorized: you do not have permission to access this resource"}""", DiagnosisKinds.BadCredentials)]
    public void WordsThatOnlyLookLikeTheNewOnes_KeepTheirKind(int status, string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(status, body, headers: Json)).Kind);

    [Fact]
    public void AnAddressNotAllowedInASubnet_IsAValue_NotAPermission() =>
        Assert.NotEqual(DiagnosisKinds.InsufficientPermission, Ex.Diagnose(Ex.Make(400, """{"error":"IP address 10.0.0.5 is not allowed in subnet 10.1.0.0/24"}""", headers: Json)).Kind);
}
