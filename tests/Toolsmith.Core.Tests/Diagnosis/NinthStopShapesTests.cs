using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// What the read halves still missed at stop 35, each closed by one generic rule; bodies written for these tests in the
/// styles such APIs use (not taken from the corpus).
/// </summary>
public class NinthStopShapesTests
{
    [Fact]
    public void AnXmlAnswerInACodePage_IsReadInIt_WhateverTheHeaderSays()
    {
        // windows-1251 bytes, named by the declaration only, or by the Content-Type as well: the words are Cyrillic either way.
        var xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><w3s.response><retval>-14</retval><retdesc>Неверная подпись запроса</retdesc></w3s.response>";
        var bytes = Toolsmith.Core.Serialization.Charsets.ByName("windows-1251")!.GetBytes(xml);
        foreach (var contentType in (string[])["text/xml", "text/xml; charset=windows-1251"])
        {
            var d = Ex.Diagnose(new ResponseExchange
            {
                Method = "POST",
                Url = "https://api.example.com/v1/things",
                Status = 200,
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType },
                Body = bytes,
            });
            Assert.Equal(DiagnosisKinds.BadCredentials, d.Kind);
            Assert.Contains("Неверная подпись", d.ProviderMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheContentTypesCharset_OutranksTheXmlDeclaration()
    {
        // UTF-8 bytes, said to be UTF-8 by the header, under a declaration that names another charset (RFC 7303: the header wins).
        var xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><w3s.response><retval>-14</retval><retdesc>Неверная подпись запроса</retdesc></w3s.response>";
        var d = Ex.Diagnose(new ResponseExchange
        {
            Method = "POST",
            Url = "https://api.example.com/v1/things",
            Status = 200,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "text/xml; charset=utf-8" },
            Body = System.Text.Encoding.UTF8.GetBytes(xml),
        });
        Assert.Contains("Неверная подпись", d.ProviderMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<AddTokenResponse><AddTokenResult/><response><ResponseCode>ERROR</ResponseCode><ResponseMessage>invalid card number: invalid length</ResponseMessage></response></AddTokenResponse>", DiagnosisKinds.InvalidValue)]
    [InlineData("<Reply><Header/><Result><ReplyStatus>Failed</ReplyStatus><ReplyText>Account not found</ReplyText></Result></Reply>", DiagnosisKinds.NotFound)]
    public void AnOutcomeCodeThatIsAFailuresWord_UnderWrappers(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: ("Content-Type", "text/xml"))).Kind);

    [Fact]
    public void StatusesOnePerCommand_ThatSayError_AreAFailure()
    {
        var d = Ex.Diagnose(Ex.Make(200, """{"status":[{"status":"error","code":"7405600","message":"no such command: show foo."}]}""", method: "POST", headers: ("Content-Type", "application/json")));
        Assert.Equal(DiagnosisKinds.NotFound, d.Kind);
    }

    [Theory]
    [InlineData("""{"status":[{"status":"message","code":"72","message":"saved."}]}""")]
    [InlineData("""{"ResponseCode":"OK","ResponseMessage":"Approved","countryCode":"NO"}""")]
    [InlineData("<AddTokenResponse><AddTokenResult>tok_1</AddTokenResult><response><ResponseCode>SUCCESS</ResponseCode></response></AddTokenResponse>")]
    public void Successes_InTheseShapes_AreNotFlagged(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "POST", headers: ("Content-Type", body.StartsWith('<') ? "text/xml" : "application/json"))));

    [Theory]
    [InlineData("""{"resposta":{"situacao":"processada","status":"Erro","codigo":"20","erros":[{"erro":"Nenhum registro encontrado"}]}}""", DiagnosisKinds.NotFound)]
    [InlineData("""{"status":429,"statusMessage":"Too many requests","session":"s-1"}""", DiagnosisKinds.RateLimited)]
    [InlineData("""{"envelope":{"wrapper":{"ok":false,"error":"invalid_auth"}}}""", DiagnosisKinds.BadCredentials)]
    public void JsonFailuresUnder200_UnderAWrapper_OrWithANumericStatus(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: ("Content-Type", "application/json"))).Kind);

    [Theory]
    [InlineData("<retorno><status>Erro</status><erros><erro>Token inválido ou não encontrado</erro></erros></retorno>", DiagnosisKinds.BadCredentials)]
    [InlineData("<retorno><status>Erro</status><erros><erro>Cadastro não localizado</erro></erros></retorno>", DiagnosisKinds.NotFound)]
    [InlineData("<retorno><status>Erro</status><erros><erro>Cota de armazenamento esgotada</erro></erros></retorno>", DiagnosisKinds.QuotaExceeded)]
    [InlineData("<methodResponse><params><param><value><struct><member><name>status</name><value><int>429</int></value></member><member><name>statusMessage</name><value><string>Too many requests</string></value></member></struct></value></param></params></methodResponse>", DiagnosisKinds.RateLimited)]
    public void XmlFailuresUnder200_InOtherLanguages_AndXmlRpcAnswers(string body, string kind) =>
        Assert.Equal(kind, Ex.Diagnose(Ex.Make(200, body, method: "POST", headers: ("Content-Type", "text/xml"))).Kind);

    [Theory]
    [InlineData("""{"data":{"id":"7","status":"active"}}""")]
    [InlineData("""{"result":{"items":[{"id":1,"status":"failed"}],"total":1}}""")]
    [InlineData("""{"status":200,"statusMessage":"OK","session":"s-1"}""")]
    [InlineData("<methodResponse><params><param><value><struct><member><name>status</name><value><int>200</int></value></member><member><name>statusMessage</name><value><string>OK</string></value></member></struct></value></param></params></methodResponse>")]
    public void MoreSuccesses_AreNotFlagged(string body) =>
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body, method: "GET", headers: ("Content-Type", body.StartsWith('<') ? "text/xml" : "application/json"))));

    [Fact]
    public void ScopesNotAllowed_AreAScopeTheTokenLacks() =>
        Assert.Equal(DiagnosisKinds.MissingScope, Ex.Diagnose(401, """{"title":"unauthorized","detail":"token scope not allowed","status":401}""").Kind);
}
