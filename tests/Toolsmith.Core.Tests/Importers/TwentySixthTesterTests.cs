using Toolsmith.Import.Curl;
using Toolsmith.Import.Http;

namespace Toolsmith.Core.Tests.Importers;

/// <summary>
/// What the twenty-sixth black-box tester found (stop 60): a form field's secret was described the same way whether the step
/// wants it encoded or as the value itself, so a credential set as it was pasted went out encoded twice; and curl 7.88's
/// dropping of --url-query under -G went unsaid. Each checked at the local test API.
/// </summary>
public class TwentySixthTesterTests(ImportRunner runner) : IClassFixture<ImportRunner>
{
    private string Url => runner.Api.Url("/echo").TrimEnd('/');

    [Fact]
    public async Task AFormFieldsSecretThatWasPastedEncoded_IsDescribedAsDecoded_AndItsValueIsSentAsCurlSentIt()
    {
        var result = CurlImporter.Import($"curl '{Url}/login' --data-raw 'username=a&password=Hunter2%21Secret'");
        var secret = Assert.Single(result.Secrets);
        Assert.Contains("decoded", secret.Description, StringComparison.Ordinal);
        Assert.Contains("the step percent-encodes it", secret.Description, StringComparison.Ordinal);
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string> { [secret.Name] = "Hunter2!Secret" });
        Assert.Equal("username=a&password=Hunter2%21Secret", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFormFieldsSecretInATextSentAsWritten_IsDescribedAsPercentEncoded_AndItsEncodedValueIsSentAsCurlSentIt()
    {
        // --data-urlencode writes the value encoded, in a text the step sends as written (its '+' kept)
        var result = CurlImporter.Import($"curl '{Url}/token' --data-urlencode 'client_secret=Zx9!kQ2@pL7' -d 'scope=a+b'");
        var secret = Assert.Single(result.Secrets);
        Assert.Contains("percent-encoded as the form writes it", secret.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Zx9", secret.Description, StringComparison.Ordinal);
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string> { [secret.Name] = "Zx9%21kQ2%40pL7" });
        Assert.Equal("client_secret=Zx9%21kQ2%40pL7&scope=a+b", sent!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public void AFormFieldsSecretWithNothingEncoded_IsDescribedPlainly()
    {
        var result = CurlImporter.Import($"curl '{Url}/login' -d 'username=a&password=Hunter2Secret'");
        Assert.Equal($"the form field password for 127.0.0.1", Assert.Single(result.Secrets).Description);
    }

    [Fact]
    public void AnHttpFilesFormSecretPastedEncoded_IsDescribedAsDecoded()
    {
        var result = HttpFileImporter.Import($"POST {Url}/login\nContent-Type: application/x-www-form-urlencoded\n\nusername=a&password=Hunter2%21Secret\n", "login.http");
        var secret = Assert.Single(result.Secrets);
        Assert.Contains("percent-", secret.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Hunter2", secret.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrlQueryBesideGetData_IsWarnedOf_AndSent()
    {
        var result = CurlImporter.Import($"curl '{Url}/search' -G -d 'query=foo%20bar' -d 'limit=5' --url-query 'tag=a b'");
        Assert.Contains(result.Warnings, static w => w.Item == "--url-query" && w.Message.Contains("curl 7.88 leaves the --url-query parts out", StringComparison.Ordinal));
        var sent = await runner.CaptureAtEchoAsync(Assert.Single(result.Tools), new Dictionary<string, string>());
        Assert.EndsWith("/search?tag=a+b&query=foo%20bar&limit=5", sent!["rawTarget"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void UrlQueryWithoutGetData_IsNotWarnedOf()
    {
        var result = CurlImporter.Import($"curl '{Url}/search' --url-query 'tag=a b'");
        Assert.DoesNotContain(result.Warnings, static w => w.Item == "--url-query");
    }
}
