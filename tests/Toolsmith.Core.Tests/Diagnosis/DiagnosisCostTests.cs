using System.Diagnostics;
using System.Globalization;
using System.Text;
using Toolsmith.Core.Diagnosis;
using Xunit.Abstractions;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>
/// What a diagnosis of a 1 MB body costs, per body shape: the median and slowest time of 15 runs after a warm-up, and the bytes
/// allocated. Times are reported, never asserted (machines differ); allocations are bounded, since they do not depend on the machine.
/// Run with <c>--logger "console;verbosity=detailed"</c> (or set <c>TOOLSMITH_DIAGNOSIS_COST_REPORT</c>) to see the figures.
/// </summary>
public sealed class DiagnosisCostTests(ITestOutputHelper output)
{
    private const int Size = 1 << 20;

    public static TheoryData<string> Shapes() => ["json-message", "json-errors-array", "json-deep", "xml-error", "soap-fault", "html-page", "plain-text", "form", "json-success", "json-success-array", "xml-success"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Diagnose_OneMegabyteBody_StaysWithinItsAllocationBound(string shape)
    {
        var (status, body, contentType) = Body(shape);
        // As the runner builds it: the bytes as received, a JSON body checked (not parsed) on arrival.
        var bytes = Encoding.UTF8.GetBytes(body);
        var exchange = new ResponseExchange
        {
            Method = "POST",
            Url = "https://api.example.com/v1/things",
            Status = status,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType },
            Body = bytes,
            BodyReportsFailure = contentType == "application/json" && Toolsmith.Core.Diagnosis.Reading.SuccessBody.TryReadJson(bytes, out var reports) ? reports : null,
        };
        _ = DiagnosisEngine.Diagnose(exchange); // warm-up: JIT, regex construction
        var times = new double[15];
        long allocated = 0;
        for (var i = 0; i < times.Length; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var d = DiagnosisEngine.Diagnose(exchange);
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            times[i] = watch.Elapsed.TotalMilliseconds;
            Assert.True(shape.Contains("success", StringComparison.Ordinal) ? d is null : d is not null || status < 400, shape);
        }
        Array.Sort(times);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{shape,-18} {bytes.Length / 1024.0 / 1024.0:F2} MB: median {times[times.Length / 2]:F2} ms, slowest {times[^1]:F2} ms, allocated {allocated / 1024.0:F0} KiB");
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("TOOLSMITH_DIAGNOSIS_COST_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
        // The body is already in memory; reading it (a JSON tree, strings) may cost a few times its size, not more.
        Assert.True(allocated < 16L * Size, $"{shape}: {allocated} bytes allocated for a {Size}-byte body");
    }

    private static (int Status, string Body, string ContentType) Body(string shape)
    {
        switch (shape)
        {
            case "json-message":
                return (400, """{"error":{"code":"invalid_request","message":" """.TrimEnd() + new string('x', Size) + "\"}}", "application/json");
            case "json-errors-array":
            {
                var sb = new StringBuilder("""{"message":"Validation Failed","errors":[""");
                for (var i = 0; sb.Length < Size; i++)
                {
                    sb.Append(CultureInfo.InvariantCulture, $$"""{"field":"items[{{i}}].name","code":"missing_field","message":"name is required"},""");
                }
                sb.Length--;
                return (422, sb.Append("]}").ToString(), "application/json");
            }
            case "json-deep":
            {
                var sb = new StringBuilder();
                var depth = 0;
                while (sb.Length < Size / 2)
                {
                    sb.Append("""{"error":{"details":[""");
                    depth++;
                }
                sb.Append("\"x\"");
                for (var i = 0; i < depth; i++)
                {
                    sb.Append("]}}");
                }
                return (400, sb.ToString(), "application/json");
            }
            case "xml-error":
                return (403, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><Details>{new string('d', Size)}</Details></Error>", "application/xml");
            case "soap-fault":
            {
                var sb = new StringBuilder("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Invalid value</faultstring><detail>");
                while (sb.Length < Size)
                {
                    sb.Append("<item><name>n</name><value>v</value></item>");
                }
                return (500, sb.Append("</detail></s:Fault></s:Body></s:Envelope>").ToString(), "text/xml");
            }
            case "html-page":
                return (502, $"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>{new string('p', Size)}</body></html>", "text/html");
            case "plain-text":
                return (503, "Service temporarily unavailable. " + new string('t', Size), "text/plain");
            case "form":
                return (200, "ACK=Failure&L_ERRORCODE0=10002&L_LONGMESSAGE0=Security%20header%20is%20not%20valid&PAD=" + new string('f', Size), "application/x-www-form-urlencoded");
            case "xml-success":
            {
                // An XML list of records under 200, each with an empty error element: read as a tree (its first 64 KiB) and judged.
                var sb = new StringBuilder("<?xml version=\"1.0\"?><response><status>ok</status><items>");
                while (sb.Length < Size)
                {
                    sb.Append("<item><id>1</id><name>thing</name><error/><errorCount>0</errorCount></item>");
                }
                return (200, sb.Append("</items></response>").ToString(), "application/xml");
            }
            case "json-success-array":
            {
                // A list of records at the top level (a 2xx is checked for result lists holding an error object).
                var sb = new StringBuilder("[");
                while (sb.Length < Size)
                {
                    sb.Append("""{"id":1,"name":"thing","error":{},"status":"ok"},""");
                }
                sb.Length--;
                return (200, sb.Append(']').ToString(), "application/json");
            }
            default:
            {
                var sb = new StringBuilder("""{"items":[""");
                while (sb.Length < Size)
                {
                    sb.Append("""{"id":1,"name":"thing","error":null,"status":"ok"},""");
                }
                sb.Length--;
                return (200, sb.Append("]}").ToString(), "application/json");
            }
        }
    }
}
