namespace Toolsmith.Cli.Tests;

public class RequestCommandTests(CliHarness cli) : IClassFixture<CliHarness>
{
    [Fact]
    public async Task JsonArrayBody_IsSentAsJson_AndStdoutIsOneJsonDocument()
    {
        var r = await cli.RunAsync("request", "POST", cli.Url("echo"), "-d", """[{"key":"a","value":1}]""", "--json");
        Assert.Equal(0, r.ExitCode);
        var json = r.Json;
        Assert.True(json["ok"]!.GetValue<bool>());
        Assert.Equal(200, json["status"]!.GetValue<int>());
        Assert.Equal("application/json", json["body"]!["contentType"]!.GetValue<string>());
        Assert.Equal("""[{"key":"a","value":1}]""", json["body"]!["bodyText"]!.GetValue<string>());
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public async Task JsonBodyWrittenOverSeveralLines_IsSentAsWritten()
    {
        const string written = "{\n  \"name\": \"Ada\",\n  \"n\": [1.50, 1e3]\n}\n";
        var r = await cli.RunAsync("request", "POST", cli.Url("echo"), "-d", written, "--json");
        Assert.Equal(written, r.Json["body"]!["bodyText"]!.GetValue<string>());
        var file = Path.Combine(cli.WorkDirectory, "body.json");
        await File.WriteAllTextAsync(file, written);
        var fromFile = await cli.RunAsync("request", "POST", cli.Url("echo"), "--data-file", file, "--json");
        Assert.Equal(written, fromFile.Json["body"]!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task HeadersParamsAndCookies_AreSent()
    {
        var r = await cli.RunAsync("request", "GET", cli.Url("echo?sort=name"), "-H", "Accept: application/json", "-H", "X-Trace: t1",
            "-p", "tag=a", "-p", "tag=b", "--cookie", "session=abc", "--json");
        Assert.Equal(0, r.ExitCode);
        var body = r.Json["body"]!;
        Assert.Equal("?sort=name&tag=a&tag=b", body["queryString"]!.GetValue<string>());
        Assert.Equal("t1", body["headers"]!["x-trace"]!.GetValue<string>());
        Assert.Equal("abc", body["cookies"]!["session"]!.GetValue<string>());
    }

    [Fact]
    public async Task FormMultipartAndText_Bodies()
    {
        var form = await cli.RunAsync("request", "POST", cli.Url("echo"), "--form", "a=1", "--form", "b=x y", "--json");
        Assert.Equal("a=1&b=x%20y", form.Json["body"]!["bodyText"]!.GetValue<string>());
        var file = Path.Combine(cli.WorkDirectory, "upload.txt");
        await File.WriteAllTextAsync(file, "uploaded!");
        var multipart = await cli.RunAsync("request", "POST", cli.Url("echo"), "-F", "title=t", "-F", "doc=@" + file, "--json");
        Assert.Contains("uploaded!", multipart.Json["body"]!["bodyText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("filename=\"upload.txt\"", multipart.Json["body"]!["bodyText"]!.GetValue<string>(), StringComparison.Ordinal);
        var text = await cli.RunAsync("request", "POST", cli.Url("echo"), "--text", "plain words", "--json");
        Assert.Equal("plain words", text.Json["body"]!["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status404_ExitsOne_WithTheDiagnosis()
    {
        var r = await cli.RunAsync("request", "GET", cli.Url("status/404"), "--json");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("not_found", r.Json["diagnosis"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status404_WithNoThrow_ExitsZero()
    {
        var r = await cli.RunAsync("request", "GET", cli.Url("status/404"), "--no-throw", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.False(r.Json["ok"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Unreachable_ExitsThree()
    {
        var r = await cli.RunAsync("request", "GET", "http://127.0.0.1:1/", "--json");
        Assert.Equal(3, r.ExitCode);
        Assert.Equal("connection_failed", r.Json["diagnosis"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task StalledBody_TimesOut_ExitsThree()
    {
        var r = await cli.RunAsync("request", "GET", cli.Url("stall-body"), "--timeout", "300ms");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("timed out", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonFormatOnHtml_ExitsOne_AndNamesTheFormatToPick()
    {
        var r = await cli.RunAsync("request", "GET", cli.Url("html"), "--format", "json");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Choose the response format \"string\"", r.Stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> BadInput => new()
    {
        { ["request", "POST", "URL/echo", "-d", "{\"a\": [1, 2}"], "line 1, column 12" },
        { ["request", "HEAD", "URL/echo", "-d", "{}"], "a HEAD request cannot have a body" },
        { ["request", "GET", "/relative/path"], "is not an absolute URL" },
        { ["request", "GET", "file:///etc/passwd"], "only http and https URLs" },
        { ["request", "GETT", "URL/echo"], "\"GETT\" is not one of GET, POST" },
        { ["request", "GET", "URL/echo", "-H", "X-A: a\r\nX-B: b"], "line break" },
        { ["request", "GET", "URL/echo", "-H", "NoColon"], "is not 'Name: value'" },
        { ["request", "GET", "URL/echo", "--timeout", "soon"], "is not a duration" },
        { ["request", "GET", "URL/echo", "--format", "xml"], "xml" },
        { ["request", "GET", "URL/echo", "--no-such-option"], "--no-such-option" },
        { ["request", "POST", "URL/echo", "--data-file", "/no/such/file.json"], "cannot be read" },
        { ["request", "GET", "URL/echo", "-H", "Authorization: Bearer {{secrets.unset_in_tests}}"], "TOOLSMITH_SECRET_UNSET_IN_TESTS" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInput_ExitsTwo_WithAClearError_AndSendsNothing(string[] args, string expected)
    {
        var before = cli.Api.RequestCount;
        var r = await cli.RunAsync([.. args.Select(a => a.Replace("URL/", cli.Url(""), StringComparison.Ordinal))]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr + r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, cli.Api.RequestCount);
    }

    [Fact]
    public async Task BadInput_WithJson_StillPrintsExactlyOneJsonDocument()
    {
        var r = await cli.RunAsync("request", "POST", cli.Url("echo"), "-d", "{oops", "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("invalid_request", r.Json["diagnosis"]!["kind"]!.GetValue<string>());
        Assert.Equal("data", r.Json["errors"]![0]!["path"]!.GetValue<string>().TrimStart('-'));
    }

    [Fact]
    public async Task HumanView_ShowsStatusHeadersBodyAndDiagnosis()
    {
        var ok = await cli.RunAsync("request", "GET", cli.Url("json"));
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("200 OK", ok.Stdout, StringComparison.Ordinal);
        Assert.Contains("content-type", ok.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"hello\": \"world\"", ok.Stdout, StringComparison.Ordinal);
        var failed = await cli.RunAsync("request", "GET", cli.Url("status/403"));
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("403 Forbidden", failed.Stdout, StringComparison.Ordinal);
        Assert.Contains("✗", failed.Stdout, StringComparison.Ordinal);
        Assert.Contains("→", failed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HumanView_EscapesMarkupFromResponses()
    {
        var r = await cli.RunAsync("request", "POST", cli.Url("echo"), "--text", "[red]not markup[/] [[x]]");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("[red]not markup[/] [[x]]", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secret_FromEnvironment_IsSent_ButNeverPrinted()
    {
        Environment.SetEnvironmentVariable("TOOLSMITH_SECRET_CLI_TOKEN", "tok-123-secret");
        var r = await cli.RunAsync("request", "GET", cli.Url("echo"), "-H", "Authorization: Bearer {{secrets.cli_token}}", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Bearer tok-123-secret", cli.Api.LastEcho!["headers"]!["authorization"]!.GetValue<string>());
        Assert.DoesNotContain("tok-123-secret", r.Stdout + r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paginate_CombinesPages_AndMaxPagesPreviews()
    {
        var all = await cli.RunAsync("request", "GET", cli.Url("paged/cursor"), "--paginate", "cursor", "--items", "body.items", "--next", "body.meta.next_cursor", "--json");
        Assert.Equal(0, all.ExitCode);
        Assert.Equal(25, all.Json["body"]!.AsArray().Count);
        Assert.Equal(3, all.Json["pages"]!.AsArray().Count);
        var preview = await cli.RunAsync("request", "GET", cli.Url("paged/cursor"), "--paginate", "cursor", "--items", "body.items", "--next", "body.meta.next_cursor", "--max-pages", "1");
        Assert.Equal(0, preview.ExitCode);
        Assert.Contains("1 page, 10 items; stopped: maxPages (1) reached", preview.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_AreShownAttemptByAttempt()
    {
        var key = Guid.NewGuid().ToString("N");
        var r = await cli.RunAsync("request", "GET", cli.Url($"flaky?key={key}&fail=1&status=503&retryAfter=0.05"), "--retries", "3");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("attempt 1: 503", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("attempt 2: 200", r.Stdout, StringComparison.Ordinal);
    }
}
