using Toolsmith.Import.Curl;
using Toolsmith.Import.Http;
using Toolsmith.Import.Postman;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// What the ninth black-box tester found written where a credential must not be, or sent differently from curl and the .http
/// clients (stop 56), each checked at the local test API.
/// </summary>
public class NinthTesterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private string Url => runner.Api.Url("/echo").TrimEnd('/');

    [Theory]
    // a password held in an object's "value" (Okta's credentials), and a password field with a word before it
    [InlineData("""-H 'Content-Type: application/json' -d '{"profile":{"login":"ann"},"credentials":{"password":{"value":"tlpWENT2m"}}}'""", "tlpWENT2m")]
    [InlineData("""--data-raw 'vb_login_username=ann&vb_login_md5password=5f4dcc3b5aa765d61d8327deb882cf99&do=login'""", "5f4dcc3b5aa765d61d8327deb882cf99")]
    // a token or API key a user chose, of words joined by _ . -
    [InlineData("""-G -d token=TRIGGER_TOK""", "TRIGGER_TOK")]
    [InlineData("""-G -d access_token=pk.ey_static_tok""", "pk.ey_static_tok")]
    // a vendor's prefixed key in a header of its own
    [InlineData("""-H 'X-Honeycomb-Team: hcaik_01abcdefghij'""", "hcaik_01abcdefghij")]
    public async Task ACredential_IsASecret_AndSentAsPasted(string options, string credential)
    {
        var result = CurlImporter.Import($"curl '{Url}/v1/x' {options}");
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain(credential, tool.Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(result.Secrets, s => s.Value == credential);
        var sent = await runner.CaptureAtEchoAsync(tool, result.Secrets.ToDictionary(static s => s.Name, static s => s.Value!));
        Assert.Contains(credential, sent!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(credential, string.Join("\n", result.Warnings.Select(static w => w.Item + " " + w.Message)), StringComparison.Ordinal);
    }

    [Theory]
    // ids and words stay data
    [InlineData("-H 'X-Request-Id: req_01abcdefghijkl'", "req_01abcdefghijkl")]
    [InlineData("-G -d token=ethereum", "ethereum")]
    [InlineData("""-H 'Content-Type: application/json' -d '[{"key":"status","value":"done_and_dusted"}]'""", "done_and_dusted")]
    public void AnIdOrAWord_StaysData(string options, string value)
    {
        var result = CurlImporter.Import($"curl '{Url}/v1/x' {options}");
        Assert.Contains(value, Assert.Single(result.Tools).Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(result.Secrets);
    }

    [Fact]
    public void APostmanFormFieldNamedPass_HoldingAVariable_IsASecret()
    {
        var result = PostmanImporter.Import($$$"""
            { "item": [ { "name": "login", "request": { "method": "POST", "url": "{{{Url}}}/login",
                "body": { "mode": "urlencoded", "urlencoded": [ { "key": "user", "value": "ann" }, { "key": "pass", "value": "{{pw}}" } ] } } } ],
              "variable": [ { "key": "pw", "value": "Adm!n:pw 20" } ] }
            """);
        Assert.DoesNotContain("Adm!n", Assert.Single(result.Tools).Document.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Adm!n:pw 20", Assert.Single(result.Secrets).Value);
    }

    [Theory]
    // a variable set before the command (export) or for it alone (bash's NAME=value prefix) is never printed
    [InlineData("export TOKEN=exp_tok_abc123\ncurl -H \"Authorization: Bearer $TOKEN\" {0}/me", "exp_tok_abc123")]
    [InlineData("API_KEY=pre_key_456 curl -H \"X-Key: $API_KEY\" {0}/me", "pre_key_456")]
    public void AShellVariablesCredential_IsNeverPrinted(string paste, string credential)
    {
        var result = CurlImporter.Import(string.Format(System.Globalization.CultureInfo.InvariantCulture, paste, Url));
        var tool = Assert.Single(result.Tools);
        Assert.DoesNotContain(credential, tool.Document.ToJsonString(), StringComparison.Ordinal);
        var shown = string.Join("\n", result.Warnings.Select(static w => w.Item + " " + w.Message));
        Assert.DoesNotContain(credential, shown, StringComparison.Ordinal);
        Assert.Contains("left out", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void ASpaceThatMinusGPutsIntoTheUrl_IsWarnedOf()
    {
        var result = CurlImporter.Import($"curl -G '{Url}/search' -d 'q=hello world'");
        Assert.Contains(result.Warnings, static w => w.Message.Contains("curl refuses", StringComparison.Ordinal));
        Assert.DoesNotContain(CurlImporter.Import($"curl -G '{Url}/search' --data-urlencode 'q=hello world'").Warnings,
            static w => w.Message.Contains("curl refuses", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnApostropheInAHttpFilesQuery_IsSentAsTheUrlStandardSays()
    {
        // httpyac (and browsers) escape ' in an http(s) query; a path keeps it
        var result = HttpFileImporter.Import($"@who = D'Arcy\n\nGET {Url}/it's?sel=O'Brien&x={{{{who}}}}\n");
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/it's?sel=O%27Brien&x=D%27Arcy", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
