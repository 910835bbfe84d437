using Toolsmith.Core.Model;
using System.Security.Cryptography;
using Toolsmith.Core.Results;

namespace Toolsmith.Core.Tests.Steps;

/// <summary>What the API step makes of responses: formats, charsets, compression, redirects, timeouts, failures.</summary>
public class ApiStepResponseTests(TestApiFixture fixture) : IClassFixture<TestApiFixture>
{
    [Fact]
    public async Task JsonResponse_IsParsedByDefault()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/json"}""");
        Assert.True(r.Ok);
        Assert.Equal(ResponseFormat.Json, r.BodyFormat);
        Assert.Equal("world", r.Body!["hello"]!.GetValue<string>());
        Assert.Equal(3, r.Body["items"]!.AsArray().Count);
        Assert.Equal("OK", r.StatusText);
        Assert.True(r.DurationMs > 0);
    }

    [Fact]
    public async Task TextInLatin1_IsDecodedByItsCharset()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/text/latin1"}""");
        Assert.Equal(ResponseFormat.String, r.BodyFormat);
        Assert.Equal("café crème", r.Body!.GetValue<string>());
    }

    [Fact]
    public async Task TextInShiftJis_IsDecodedByItsCharset()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/text/shift_jis"}""");
        Assert.Equal("こんにちは", r.Body!.GetValue<string>());
    }

    [Fact]
    public async Task GzipAndBrotliResponses_AreDecompressed()
    {
        var gzip = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/gzip"}""");
        Assert.Equal("gzip", gzip.Body!["compressed"]!.GetValue<string>());
        var br = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/brotli"}""");
        Assert.Equal("brotli text", br.Body!.GetValue<string>());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("raw-deflate")]
    [InlineData("br")]
    [InlineData("gzip,br")]
    public async Task CompressedResponses_AreDecoded_AndAStepWithoutAcceptEncodingOffersWhatIsDecoded(string coding)
    {
        var r = await fixture.RunStepAsync($$"""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/encoded?as={{coding}}"}""");
        Assert.Equal("gzip, deflate, br", r.Body!["acceptEncoding"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("deflate, gzip", "gzip")]
    [InlineData("gzip, deflate, sdch", "deflate")]
    [InlineData("identity", "br")]
    [InlineData("", "gzip")]
    public async Task TheStepsAcceptEncoding_IsSentAsWritten_AndTheResponseStillDecoded(string written, string coding)
    {
        var r = await fixture.RunStepAsync($$$"""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/encoded?as={{{coding}}}","headers":{"Accept-Encoding":"{{{written}}}"}}""");
        Assert.True(r.Ok, r.Diagnosis?.Explanation);
        Assert.Equal(written, r.Body!["acceptEncoding"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonFormat_OnHtml_FailsTheStep_AndNamesTheFormatToPick()
    {
        var run = await fixture.RunToolAsync("""{"name":"t","steps":[{"id":"s","type":"api","url":"http://127.0.0.1:PORT/html","responseFormat":"json","throwOnHttpError":false}]}""");
        Assert.Equal("failed", run.Status);
        var r = run.Steps["s"].Single!;
        Assert.False(r.Ok);
        Assert.Contains("\"string\"", r.Diagnosis!.Hint, StringComparison.Ordinal);
        Assert.Contains("text/html", r.Diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Equal("<html><body>Sign in</body></html>", r.Body!.GetValue<string>());
    }

    [Fact]
    public async Task ArrayBuffer_IsTheRawBytes_InBase64()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/bytes","responseFormat":"arrayBuffer"}""");
        Assert.Equal(ResponseFormat.ArrayBuffer, r.BodyFormat);
        Assert.Equal(new byte[] { 0, 1, 2, 253, 254, 255 }, Convert.FromBase64String(r.Body!.GetValue<string>()));
    }

    [Fact]
    public async Task Blob_IsStreamedToAFile_WithSizeNameTypeAndHash()
    {
        const long size = 3 * 1024 * 1024 + 17;
        var r = await fixture.RunStepAsync($$"""{"id":"dl","type":"api","url":"http://127.0.0.1:PORT/large?size={{size}}","responseFormat":"blob","checksum":"sha256"}""");
        Assert.True(r.Ok);
        var blob = r.Body!.AsObject();
        var path = blob["path"]!.GetValue<string>();
        Assert.StartsWith(fixture.ArtifactDirectory, path, StringComparison.Ordinal);
        Assert.Equal(size, blob["size"]!.GetValue<long>());
        Assert.Equal(size, new FileInfo(path).Length);
        Assert.Equal("large.bin", blob["fileName"]!.GetValue<string>());
        Assert.Equal("application/octet-stream", blob["contentType"]!.GetValue<string>());
        await using var file = File.OpenRead(path);
        Assert.Equal(Convert.ToHexStringLower(await SHA256.HashDataAsync(file)), blob["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task Blob_WithoutAChecksum_IsNotHashed_AndCarriesNoDigest()
    {
        const long size = 2 * 1024 * 1024 + 5;
        var r = await fixture.RunStepAsync($$"""{"id":"dl","type":"api","url":"http://127.0.0.1:PORT/large?size={{size}}","responseFormat":"blob"}""");
        Assert.True(r.Ok, r.Diagnosis?.Explanation);
        var blob = r.Body!.AsObject();
        Assert.Equal(["path", "size", "contentType", "fileName"], blob.Select(static p => p.Key));
        Assert.Null(BlobChecksum.Of(blob));
        Assert.Equal(size, new FileInfo(blob["path"]!.GetValue<string>()).Length);
    }

    [Theory]
    [InlineData("sha512")]
    [InlineData("sha1")]
    [InlineData("md5")]
    public async Task Blob_WithAChecksum_CarriesTheDigestUnderTheAlgorithmsName(string algorithm)
    {
        const long size = 1024 * 1024 + 333;
        var r = await fixture.RunStepAsync($$"""{"id":"dl","type":"api","url":"http://127.0.0.1:PORT/large?size={{size}}&chunked=true","responseFormat":"blob","checksum":"{{algorithm}}"}""");
        Assert.True(r.Ok, r.Diagnosis?.Explanation);
        var blob = r.Body!.AsObject();
        var bytes = await File.ReadAllBytesAsync(blob["path"]!.GetValue<string>());
        var expected = algorithm switch
        {
            "sha512" => SHA512.HashData(bytes),
            "sha1" => SHA1.HashData(bytes),
            _ => MD5.HashData(bytes),
        };
        Assert.Equal<(string, string)?>((algorithm, Convert.ToHexStringLower(expected)), BlobChecksum.Of(blob));
    }

    [Theory]
    [InlineData(",\"responseFormat\":\"json\"")]
    [InlineData("")]
    public void Checksum_WithoutBlob_IsRefused_NamingTheFieldAndTheFix(string format)
    {
        var json = $$"""{"name":"t","steps":[{"id":"dl","type":"api","url":"http://127.0.0.1:1/x","checksum":"sha256"{{format}} }]}""";
        var ex = Assert.Throws<Toolsmith.Core.Loading.ToolLoadException>(() => Toolsmith.Core.Loading.ToolLoader.Parse(json, "t"));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("steps[0].checksum", error.Path);
        Assert.Contains("\"responseFormat\": \"blob\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status4xx_FailsTheRun_WithDiagnosis_ByDefault()
    {
        var run = await fixture.RunToolAsync("""{"name":"t","steps":[{"id":"s","type":"api","url":"http://127.0.0.1:PORT/status/404"},{"id":"never","type":"transform","value":1}]}""");
        Assert.Equal("failed", run.Status);
        Assert.Equal("s", run.FailedStep);
        Assert.False(run.Steps.ContainsKey("never"));
        var r = run.Steps["s"].Single!;
        Assert.Equal(404, r.Status);
        Assert.Equal("not_found", r.Diagnosis!.Kind);
        Assert.Contains("404", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status5xx_WithThrowOff_IsANormalResult_AndTheNextStepsRun()
    {
        var run = await fixture.RunToolAsync("""{"name":"t","steps":[{"id":"s","type":"api","url":"http://127.0.0.1:PORT/status/503","throwOnHttpError":false},{"id":"next","type":"transform","value":"{{steps.s.status}}"}]}""");
        Assert.Equal("succeeded", run.Status);
        Assert.False(run.Steps["s"].Single!.Ok);
        Assert.Equal("server_error", run.Steps["s"].Single!.Diagnosis!.Kind);
        Assert.Equal(503, run.Steps["next"].Single!.Body!.GetValue<int>());
    }

    [Fact]
    public async Task OkFalseWith200_IsDiagnosed()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/slack-style","throwOnHttpError":false}""");
        Assert.Equal(200, r.Status);
        Assert.False(r.Ok);
        Assert.NotNull(r.Diagnosis);
    }

    [Fact]
    public async Task Redirects_AreFollowed_AndRecorded()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/redirect/3","headers":{"Authorization":"Bearer same-origin"}}""");
        Assert.True(r.Ok);
        Assert.Equal(3, r.Redirects!.Count);
        Assert.True(r.Body!["done"]!.GetValue<bool>());
        Assert.Equal("Bearer same-origin", r.Body["authorization"]!.GetValue<string>());
        Assert.EndsWith("/redirect/0", r.Request!.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirects_PastTheCap_AreRefused()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/redirect/5","maxRedirects":2}""");
        Assert.False(r.Ok);
        Assert.Equal(302, r.Status);
        Assert.Contains("more than 2", r.Diagnosis!.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotFollowingRedirects_GivesThe3xx_AsOk()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/redirect/1","followRedirects":false}""");
        Assert.True(r.Ok);
        Assert.Equal(302, r.Status);
        Assert.Equal("/redirect/0", r.Headers["location"]);
    }

    [Fact]
    public async Task CrossOriginRedirect_DropsAuthorizationAndCookies()
    {
        await using var other = await Toolsmith.Tests.TestApi.StartAsync();
        var target = Uri.EscapeDataString(other.Url("echo"));
        var r = await fixture.RunStepAsync($$$"""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/redirect-to?url={{{target}}}","headers":{"Authorization":"Bearer do-not-forward","X-Other":"kept"},"cookies":{"session":"s1"}}""");
        Assert.True(r.Ok);
        var headers = other.LastEcho!["headers"]!.AsObject();
        Assert.False(headers.ContainsKey("authorization"));
        Assert.False(headers.ContainsKey("cookie"));
        Assert.Equal("kept", headers["x-other"]!.GetValue<string>());
    }

    [Fact]
    public async Task Redirect303_AfterPost_BecomesGetWithoutBody()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/redirect-303","body":{"a":1}}""");
        Assert.Equal("GET", r.Body!["method"]!.GetValue<string>());
        Assert.Equal("", r.Body["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Redirect307_KeepsMethodAndBody()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","method":"POST","url":"http://127.0.0.1:PORT/redirect-307","body":{"a":1}}""");
        Assert.Equal("POST", r.Body!["method"]!.GetValue<string>());
        Assert.Equal("""{"a":1}""", r.Body["bodyText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Timeout_CoversAStalledBody()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/stall-body","timeout":"300ms"}""");
        Assert.False(r.Ok);
        Assert.Null(r.Status);
        Assert.Equal("timeout", r.Diagnosis!.Kind);
        Assert.Contains("300 ms", r.Diagnosis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_WaitingForHeaders()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:PORT/hold/never-released","timeout":0.2}""");
        Assert.Equal("timeout", r.Diagnosis!.Kind);
    }

    [Fact]
    public async Task Cancellation_IsNotReportedAsTimeout()
    {
        var tool = Toolsmith.Core.Loading.ToolLoader.Parse($$"""{"name":"t","steps":[{"id":"s","type":"api","url":"http://127.0.0.1:{{fixture.Api.Port}}/hold/cancelled"}]}""", "t");
        using var cts = new CancellationTokenSource();
        var running = fixture.Runner.RunAsync(tool, [], new Toolsmith.Core.Running.RunOptions(), cts.Token);
        await fixture.Api.HeldAsync("cancelled");
        await cts.CancelAsync();
        var run = await running;
        Assert.Equal("cancelled", run.Status);
    }

    [Fact]
    public async Task RefusedConnection_IsATransportResult()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://127.0.0.1:1/x"}""");
        Assert.Null(r.Status);
        Assert.Equal("connection_failed", r.Diagnosis!.Kind);
        Assert.Contains("127.0.0.1:1", r.Diagnosis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownHost_IsADnsFailure()
    {
        var r = await fixture.RunStepAsync("""{"id":"s","type":"api","url":"http://no-such-host.invalid/x"}""");
        Assert.Equal("dns_failure", r.Diagnosis!.Kind);
        Assert.Contains("no-such-host.invalid", r.Diagnosis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseOverTheCap_IsAClearDiagnosis_NotAnOutOfMemory()
    {
        using var runner = new Toolsmith.Core.Running.ToolRunner(new Toolsmith.Core.Running.EngineOptions { MaxResponseBytes = 1000 });
        var tool = Toolsmith.Core.Loading.ToolLoader.Parse($$"""{"name":"t","steps":[{"id":"s","type":"api","url":"http://127.0.0.1:{{fixture.Api.Port}}/large?size=5000","responseFormat":"arrayBuffer"}]}""", "t");
        var run = await runner.RunAsync(tool, []);
        var r = run.Steps["s"].Single!;
        Assert.False(r.Ok);
        Assert.Equal("blocked_by_policy", r.Diagnosis!.Kind);
        Assert.Contains("1,000", r.Diagnosis.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Blob_WithoutContentLength_IsHashedInOrder_AcrossManyChunks()
    {
        // 7.5 MiB in 64 KiB pieces: more chunks than the copy keeps in flight, so buffers are reused while hashing.
        const long size = 7L * 1024 * 1024 + 512 * 1024 + 3;
        var r = await fixture.RunStepAsync($$"""{"id":"dl","type":"api","url":"http://127.0.0.1:PORT/large?size={{size}}&chunked=true","responseFormat":"blob","checksum":"sha256"}""");
        Assert.True(r.Ok, r.Diagnosis?.Explanation);
        var path = r.Body!["path"]!.GetValue<string>();
        Assert.Equal(size, r.Body!["size"]!.GetValue<long>());
        await using var file = File.OpenRead(path);
        Assert.Equal(Convert.ToHexStringLower(await SHA256.HashDataAsync(file)), r.Body!["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task Blob_SentCompressed_IsTheDecompressedBytes_NotTheDeclaredCompressedLength()
    {
        // The file is made ready for the Content-Length announced; sent gzip-compressed, that is far less than what
        // arrives, and the file must still hold exactly the decompressed bytes.
        const long size = 5L * 1024 * 1024 + 11;
        var r = await fixture.RunStepAsync($$"""{"id":"dl","type":"api","url":"http://127.0.0.1:PORT/large?size={{size}}&gzip=true","responseFormat":"blob","checksum":"sha256"}""");
        Assert.True(r.Ok, r.Diagnosis?.Explanation);
        var path = r.Body!["path"]!.GetValue<string>();
        Assert.Equal(size, r.Body!["size"]!.GetValue<long>());
        Assert.Equal(size, new FileInfo(path).Length);
        var expected = new byte[size];
        for (var i = 0L; i < size; i++)
        {
            expected[i] = (byte)(i % (64 * 1024) % 251);
        }
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), r.Body!["sha256"]!.GetValue<string>());
        Assert.Equal(expected, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Blob_ThatCannotBeSaved_SaysSo_AndDoesNotBlameTheConnection()
    {
        // The name the download would take is a folder's; then the folder for downloads is a file: both are a problem
        // of the disk, not of the server (this was reported as "the connection broke").
        var dir = Path.Combine(fixture.ArtifactDirectory, "unwritable");
        Directory.CreateDirectory(Path.Combine(dir, "fixed", "dl-large.bin"));
        using var runner = new Toolsmith.Core.Running.ToolRunner(new Toolsmith.Core.Running.EngineOptions { ArtifactDirectory = dir });
        var tool = Toolsmith.Core.Loading.ToolLoader.Parse($$"""{"name":"t","steps":[{"id":"dl","type":"api","url":"http://127.0.0.1:{{fixture.Api.Port}}/large?size=100000","responseFormat":"blob"}]}""", "t");
        var run = await runner.RunAsync(tool, [], new Toolsmith.Core.Running.RunOptions { RunId = "fixed" });
        var r = run.Steps["dl"].Single!;
        Assert.False(r.Ok);
        Assert.Equal(200, r.Status);
        Assert.Equal("unknown", r.Diagnosis!.Kind);
        Assert.Equal("The download could not be saved", r.Diagnosis.Title);
        Assert.Contains(Path.Combine(dir, "fixed", "dl-large.bin"), r.Diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Contains("--output-dir", r.Diagnosis.Hint, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(dir, "fixed", "dl-large.bin")), "the folder in the way is left alone");

        var file = Path.Combine(fixture.ArtifactDirectory, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");
        using var second = new Toolsmith.Core.Running.ToolRunner(new Toolsmith.Core.Running.EngineOptions { ArtifactDirectory = file });
        var blocked = (await second.RunAsync(tool, [])).Steps["dl"].Single!;
        Assert.Equal("The download could not be saved", blocked.Diagnosis!.Title);
        Assert.Equal("not a folder", await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Blob_OverTheCap_WithoutContentLength_FailsClearly_AndLeavesNoFile()
    {
        var dir = Path.Combine(fixture.ArtifactDirectory, "cap");
        using var runner = new Toolsmith.Core.Running.ToolRunner(new Toolsmith.Core.Running.EngineOptions { ArtifactDirectory = dir, MaxBlobBytes = 3 * 1024 * 1024 });
        var tool = Toolsmith.Core.Loading.ToolLoader.Parse($$"""{"name":"t","steps":[{"id":"s","type":"api","url":"http://127.0.0.1:{{fixture.Api.Port}}/large?size=20000000&chunked=true","responseFormat":"blob"}]}""", "t");
        var run = await runner.RunAsync(tool, []);
        var r = run.Steps["s"].Single!;
        Assert.False(r.Ok);
        Assert.Equal("blocked_by_policy", r.Diagnosis!.Kind);
        Assert.Contains("3,145,728", r.Diagnosis.Explanation, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(dir) ? Directory.GetFiles(dir, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task Blob_ThatStallsMidway_TimesOut_AndLeavesNoFile()
    {
        var dir = Path.Combine(fixture.ArtifactDirectory, "stall");
        using var runner = new Toolsmith.Core.Running.ToolRunner(new Toolsmith.Core.Running.EngineOptions { ArtifactDirectory = dir });
        var tool = Toolsmith.Core.Loading.ToolLoader.Parse($$"""{"name":"t","steps":[{"id":"s","type":"api","url":"http://127.0.0.1:{{fixture.Api.Port}}/large?size=10000000&stallAfter=2500000","responseFormat":"blob","timeout":"1s"}]}""", "t");
        var run = await runner.RunAsync(tool, []);
        var r = run.Steps["s"].Single!;
        Assert.False(r.Ok);
        Assert.Equal("timeout", r.Diagnosis!.Kind);
        Assert.Empty(Directory.Exists(dir) ? Directory.GetFiles(dir, "*", SearchOption.AllDirectories) : []);
    }
}
