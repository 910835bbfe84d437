using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

public class RobustnessTests
{
    public static TheoryData<string> OddBodies() =>
    [
        "",
        "   ",
        "not json at all",
        "{",
        "{\"a\":",
        "null",
        "123",
        "true",
        "[1,2,3]",
        "[]",
        "{}",
        "\"just a string\"",
        "\"{\\\"error\\\":\\\"invalid_grant\\\"}\"",
        "{\"a\":1,\"a\":2}",
        "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
        "<!DOCTYPE html><html><body>oops",
        new string('[', 5000),
        "{\"errors\":" + new string('[', 200) + new string(']', 200) + "}",
        "{\"errors\":{\"\":null,\"x\":[null,1,{}]},\"error\":[],\"message\":{}}",
        "{\"error\":{\"details\":[null,1,\"x\",{\"@type\":5}],\"errors\":\"text\",\"status\":7}}",
        "{\"message\":\"" + new string('a', 100_000) + "\"}",
        "{\"message\":\"Property values were not valid: [{]\"}",
        "\uFEFF{\"message\":\"with a BOM\"}",
    ];

    [Theory]
    [MemberData(nameof(OddBodies))]
    public void Diagnose_AnyBody_NeverThrowsAndGivesStatusDiagnosis(string body)
    {
        foreach (var status in (int[])[400, 401, 403, 404, 429, 500, 503])
        {
            var d = DiagnosisEngine.Diagnose(Ex.Make(status, body));
            Assert.NotNull(d);
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.False(string.IsNullOrWhiteSpace(d.Hint));
        }
        _ = DiagnosisEngine.Diagnose(Ex.Make(200, body));
    }

    [Fact]
    public void Diagnose_LargeBodyOverTheCaps_ReadsWhatCameFirst()
    {
        // Over 256 KB, reading stops at the caps (200 items, 4,000 nodes) instead of parsing to the end; what came first is used,
        // even when the rest is not JSON at all.
        var sb = new StringBuilder("""{"code":"validation_failed","message":"Validation Failed","errors":[""");
        for (var i = 0; sb.Length < 400_000; i++)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $$"""{"field":"rows[{{i}}].sku","message":"is unknown"},""");
        }
        sb.Append("not json at all");
        var d = Ex.Diagnose(422, sb.ToString());
        Assert.Equal(DiagnosisKinds.InvalidValue, d.Kind);
        Assert.Equal("rows[0].sku", d.Paths().First());
        Assert.Equal(100, d.Fields!.Count);
        Assert.Equal("Validation Failed", d.ProviderMessage);
    }

    [Fact]
    public void Diagnose_HtmlErrorPage_UsesItsTitleAsMessage()
    {
        var d = Ex.Diagnose(502, "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>");
        Assert.Equal(DiagnosisKinds.ServerError, d.Kind);
        Assert.Contains("502 Bad Gateway", d.ProviderMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnose_CloudflareBlockPage_IsRequestRejected()
    {
        var d = Ex.Diagnose(403, "<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body>blocked</body></html>");
        Assert.Equal(DiagnosisKinds.RequestRejected, d.Kind);
    }

    [Theory]
    [InlineData("""{"id":1,"name":"x"}""")]
    [InlineData("""{"ok":true,"channel":"C1"}""")]
    [InlineData("""{"data":{"viewer":{"login":"x"}},"errors":[]}""")]
    [InlineData("""{"data":{"productCreate":{"product":{"id":"1"},"userErrors":[]}}}""")]
    [InlineData("""[{"error":"this is data, not an error"}]""")]
    [InlineData("""{"id":7,"status":"error","message":"the job failed","owner":"x","created":"2024"}""")]
    [InlineData("plain text")]
    [InlineData("""{"meta":{"ok":false},"items":[{"errors":["nested, not the body's"]}],"ok":true}""")]
    [InlineData("""{"success":false}""")]
    [InlineData("""{"jsonrpc":"2.0","id":1,"result":{"error":{"code":1}}}""")]
    [InlineData("""{"status":"fail","data":"not an object"}""")]
    [InlineData("""{"status":"error","Message":7,"code":1}""")]
    [InlineData("""{"data":{"a":{"userErrors":[{"message":"x"}]},"b":1,"c":1,"d":1,"e":1,"f":1,"g":1,"h":1,"i":1,"j":1,"k":1,"l":1,"m":1,"n":1,"o":1,"p":1,"q":1,"r":1,"s":1,"t":1,"u":1}}""")]
    [InlineData("""{"ok":false,"error":"truncated""")]
    [InlineData("""{"ok":false}{"ok":false}""")]
    [InlineData("""{"errcode":0,"errmsg":"ok","items":[]}""")]
    [InlineData("""{"retCode":0,"retMsg":"OK","result":{}}""")]
    [InlineData("""{"OK":false,"Errors":[]}""")]
    public void Diagnose_NormalSuccess_ReturnsNull(string body)
    {
        Assert.Null(DiagnosisEngine.Diagnose(Ex.Make(200, body)));
    }

    [Theory]
    [InlineData("""{"ok":false,"error":"channel_not_found"}""", DiagnosisKinds.NotFound)]
    [InlineData("""{"success":false,"errors":[{"code":10000,"message":"Authentication error"}]}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"status":"fail","data":{"title":"A title is required"}}""", DiagnosisKinds.InvalidValue)]
    [InlineData("""{"data":{"productCreate":{"userErrors":[{"field":["input","title"],"message":"Title can't be blank"}]}}}""", DiagnosisKinds.InvalidValue)]
    [InlineData("""{"id":7,"items":[{"ok":true}],"ok":false,"error":"invalid_auth"}""", DiagnosisKinds.BadCredentials)]
    [InlineData("\uFEFF  {\"ok\":false,\"error\":\"channel_not_found\"}", DiagnosisKinds.NotFound)]
    [InlineData("""{"success":false,"message":"Rate limit exceeded"}""", DiagnosisKinds.RateLimited)]
    [InlineData("""{"data":null,"errors":[{"message":"Field 'x' doesn't exist on type 'Query'"}]}""", DiagnosisKinds.InvalidValue)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Method not found"}}""", DiagnosisKinds.NotFound)]
    [InlineData("""{"status":"error","Message":"Invalid API key","code":401}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"errcode":40014,"errmsg":"the access token is invalid"}""", DiagnosisKinds.BadCredentials)]
    [InlineData("""{"retCode":10016,"retMsg":"Too many requests, slow down","result":{}}""", DiagnosisKinds.RateLimited)]
    [InlineData("""{"Response":{"Error":{"Code":"ResourceNotFound.Volume","Message":"volume vol-1 does not exist"},"RequestId":"r1"}}""", DiagnosisKinds.NotFound)]
    public void Diagnose_SuccessStatusWithFailureBody_IsDiagnosed(string body, string kind)
    {
        var d = DiagnosisEngine.Diagnose(Ex.Make(200, body));
        Assert.NotNull(d);
        Assert.Equal(kind, d.Kind);
    }

    [Fact]
    public void Diagnose_SuccessPath_ReadsTheBytes_AndAllocatesNothing()
    {
        var body = new JsonObject();
        for (var i = 0; i < 50; i++)
        {
            body[$"field{i}"] = new JsonArray(1, 2, 3);
        }
        var exchange = new ResponseExchange
        {
            Method = "GET",
            Url = "https://api.example.com/x",
            Status = 200,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            Body = Encoding.UTF8.GetBytes(body.ToJsonString()),
        };
        Assert.Null(DiagnosisEngine.Diagnose(exchange));
        // One pass of a reader over the bytes: nothing is parsed into objects, nothing is allocated.
        // The runtime itself may allocate on this thread now and then (a method replaced by its optimized
        // version while the loop runs), so the fewest bytes over a few rounds is what is checked: a
        // diagnosis that allocated would allocate in every round, 1,000 times over.
        var fewest = long.MaxValue;
        for (var round = 0; round < 10 && fewest > 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1_000; i++)
            {
                Assert.Null(DiagnosisEngine.Diagnose(exchange));
            }
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, fewest);
    }

    [Fact]
    public void ForTransport_Dns_NamesWhatToCheck()
    {
        var d = DiagnosisEngine.ForTransport(DiagnosisKinds.DnsFailure, "the host \"api.exmaple.com\" could not be resolved.");
        Assert.Equal(DiagnosisKinds.DnsFailure, d.Kind);
        Assert.Contains("api.exmaple.com", d.Explanation, StringComparison.Ordinal);
    }
}
