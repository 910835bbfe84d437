using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Running;

namespace Toolsmith.Bench;

/// <summary>
/// The same workload through the Toolsmith engine and through a bare HttpClient against one local Kestrel server,
/// in one run, printed as throughput and allocation side by side with their ratio.
/// </summary>
internal static class LoadDriver
{
    /// <summary>Runs every table, or only the one named by <paramref name="only"/> (requests, blob or paging).</summary>
    public static async Task RunAsync(int requests, string? only = null)
    {
        await using var server = await BenchServer.StartAsync();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation()}; {requests} requests per side, 5 alternating rounds per cell (medians); local Kestrel on {server.Url}");
        Console.WriteLine();
        if (only is null or "requests")
        {
            await RequestsAsync(server.Url, requests);
            Console.WriteLine();
        }
        if (only is null or "blob")
        {
            await BlobAsync(server.Url, 100L * 1024 * 1024);
            Console.WriteLine();
        }
        if (only is null or "paging")
        {
            await PagingAsync(server.Url);
        }
    }

    private static async Task RequestsAsync(Uri server, int requests)
    {
        var json = Encoding.UTF8.GetBytes("{\"title\":\"x\",\"items\":[" + string.Join(",", Enumerable.Range(0, 30).Select(i => $"{{\"k\":\"key{i:00}\",\"v\":{i}}}")) + "]}");
        Console.WriteLine("| workload | concurrency | HttpClient req/s | Toolsmith req/s | ratio | extra alloc/step |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (name, method) in new[] { ("GET 1 KB JSON", "GET"), ("POST 1 KB JSON", "POST") })
        {
            foreach (var concurrency in new[] { 1, 16, 64 })
            {
                // Alternating rounds, medians: one round of each side is at the mercy of whatever else the two cores do.
                var raws = new List<Measure>();
                var engines = new List<Measure>();
                var rawsKeeping = new List<Measure>();
                var allBodies = new List<Measure>();
                for (var round = 0; round < 5; round++)
                {
                    raws.Add(await MeasureRawAsync(server, method, json, requests, concurrency, keepBodies: false));
                    engines.Add(await MeasureEngineAsync(server, method, json, requests, concurrency, bodiesAsOutput: false));
                    if (method == "GET")
                    {
                        rawsKeeping.Add(await MeasureRawAsync(server, method, json, requests, concurrency, keepBodies: true));
                        allBodies.Add(await MeasureEngineAsync(server, method, json, requests, concurrency, bodiesAsOutput: true));
                    }
                }
                var label = concurrency == 1 ? "1 (sequential)" : concurrency.ToString(CultureInfo.InvariantCulture);
                Row(name, label, MedianOf(raws), MedianOf(engines));
                if (allBodies.Count > 0)
                {
                    Row(name + ", both keep all 100 bodies as objects (the run's output)", label, MedianOf(rawsKeeping), MedianOf(allBodies));
                }
            }
        }
    }

    /// <summary>10,000 items through pagination at two page sizes, each in its own process: peak memory should follow the items, not the pages.</summary>
    private static async Task PagingAsync(Uri server)
    {
        Console.WriteLine("| 10,000 items paginated | pages | peak memory (VmHWM) | time |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (var size in new[] { 100, 1000 })
        {
            var (seconds, peak) = await ChildAsync("paging", new Uri(server, $"paged?total=10000&size={size}").AbsoluteUri, 1);
            Console.WriteLine($"| {size} per page | {10_000 / size} | {peak:0} MiB | {seconds * 1000:0} ms |");
        }
    }

    private sealed record Measure(double PerSecond, double AllocatedPerRequest);

    private static Measure MedianOf(List<Measure> measures) =>
        new(Median(measures.Select(static m => m.PerSecond)), Median(measures.Select(static m => m.AllocatedPerRequest)));

    private static void Row(string name, string concurrency, Measure raw, Measure engine) =>
        Console.WriteLine($"| {name} | {concurrency} | {raw.PerSecond:N0} | {engine.PerSecond:N0} | {engine.PerSecond / raw.PerSecond:0.00}× | {(engine.AllocatedPerRequest - raw.AllocatedPerRequest) / 1024.0:0.0} KB |");

    private static async Task<Measure> TimeAsync(int requests, int concurrency, Func<Task> one)
    {
        for (var i = 0; i < Math.Min(200, requests); i++)
        {
            await one(); // warm up: JIT, connections
        }
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                await one();
            }
        }));
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return new Measure(requests / clock.Elapsed.TotalSeconds, (double)allocated / requests);
    }

    /// <summary>
    /// What a hand-written call does: send, read the body, parse the JSON. With <paramref name="keepBodies"/> it also keeps
    /// the parsed bodies, 100 at a time in one JsonArray, as a program returning them all would (the engine's run output).
    /// </summary>
    private static async Task<Measure> MeasureRawAsync(Uri server, string method, byte[] body, int requests, int concurrency, bool keepBodies)
    {
        var kept = new List<JsonNode?>(100);
        var gate = new Lock();
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AutomaticDecompression = DecompressionMethods.All, MaxConnectionsPerServer = 256 });
        var url = new Uri(server, method == "GET" ? "json" : "post");
        return await TimeAsync(requests, concurrency, async () =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method == "POST")
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new("application/json");
            }
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var node = JsonNode.Parse(bytes);
            if (keepBodies)
            {
                lock (gate)
                {
                    kept.Add(node);
                    if (kept.Count == 100)
                    {
                        _ = new JsonArray([.. kept]);
                        kept.Clear();
                    }
                }
            }
        });
    }

    private static async Task<Measure> MeasureEngineAsync(Uri server, string method, byte[] body, int requests, int concurrency, bool bodiesAsOutput)
    {
        // Steps as users run them in bulk: one run holds a foreach of 100 elements at the given concurrency,
        // so the figures are per step (a run's own bookkeeping is shared by its 100 steps). Every body is read whole
        // either way (checked as JSON and for a failure it reports), as the bare client's JsonNode.Parse reads it; with
        // bodiesAsOutput the run's output is also the array of all 100 bodies as JsonNode objects (compared with a bare
        // client that keeps its parsed bodies the same way).
        var output = bodiesAsOutput ? "" : ",\"output\":\"{{steps.s[0].status}}\"";
        const int perRun = 100;
        using var runner = new ToolRunner(new EngineOptions { MaxConcurrentPerHost = 256 });
        var bodyJson = method == "POST" ? $",\"body\":\"{{{{payload}}}}\"" : "";
        var target = new Uri(server, method == "GET" ? "json" : "post");
        var tool = ToolLoader.Parse($$$"""{"name":"b","inputs":{"payload":{"type":"object"},"n":{"type":"array"}},"steps":[{"id":"s","type":"api","method":"{{{method}}}","url":"{{{target}}}","foreach":"{{n}}","concurrency":{{{concurrency}}}{{{bodyJson}}}}]{{{output}}}}""", "bench");
        var inputs = InputBinder.FromJson(tool, new JsonObject { ["payload"] = JsonNode.Parse(body), ["n"] = new JsonArray([.. Enumerable.Range(0, perRun).Select(static i => (JsonNode?)i)]) });
        var measure = await TimeAsync(requests / perRun, 1, async () =>
        {
            var run = await runner.RunAsync(tool, inputs);
            if (run.Status != "succeeded")
            {
                throw new InvalidOperationException(run.Error);
            }
        });
        return new Measure(measure.PerSecond * perRun, measure.AllocatedPerRequest / perRun);
    }

    private static async Task BlobAsync(Uri server, long size)
    {
        // Alternating rounds, each child starting after `sync`: the page cache's writeback of earlier downloads
        // (hundreds of MB of dirty pages) would otherwise throttle whichever side runs later. Medians of 5.
        var url = new Uri(server, $"blob?size={size}").AbsoluteUri;
        var raws = new List<(double MBps, double PeakMiB)>();
        var engines = new List<(double MBps, double PeakMiB)>();
        var hashed = new List<(double MBps, double PeakMiB)>();
        for (var round = 0; round < 5; round++)
        {
            await SyncAsync();
            raws.Add(await ChildAsync("blob-raw", url, size / 1e6));
            await SyncAsync();
            engines.Add(await ChildAsync("blob-engine", url, size / 1e6));
            await SyncAsync();
            hashed.Add(await ChildAsync("blob-engine-sha256", url, size / 1e6));
        }
        static (double MBps, double PeakMiB) Medians(List<(double MBps, double PeakMiB)> runs) =>
            (Median(runs.Select(static r => r.MBps)), Median(runs.Select(static r => r.PeakMiB)));
        var raw = Medians(raws);
        var engine = Medians(engines);
        var sha = Medians(hashed);
        Console.WriteLine("| 100 MB download (medians of 5, warm) | MB/s | peak memory (VmHWM) | ratio to HttpClient |");
        Console.WriteLine("| --- | --- | --- | --- |");
        Console.WriteLine($"| HttpClient → file | {raw.MBps:0} | {raw.PeakMiB:0} MiB | 1.00× |");
        Console.WriteLine($"| Toolsmith blob | {engine.MBps:0} | {engine.PeakMiB:0} MiB | {engine.MBps / raw.MBps:0.00}× |");
        Console.WriteLine($"| Toolsmith blob with \"checksum\": \"sha256\" | {sha.MBps:0} | {sha.PeakMiB:0} MiB | {sha.MBps / raw.MBps:0.00}× |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task SyncAsync()
    {
        using var sync = Process.Start("sync");
        await sync.WaitForExitAsync();
    }

    /// <summary>Runs this program in <paramref name="mode"/> as a child; returns <paramref name="megabytes"/> per second (or seconds when 1) and its peak memory.</summary>
    private static async Task<(double MBps, double PeakMiB)> ChildAsync(string mode, string url, double megabytes)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Environment.ProcessPath!.EndsWith("dotnet", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(typeof(LoadDriver).Assembly.Location);
        }
        info.ArgumentList.Add(mode);
        info.ArgumentList.Add(url);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakOf(process.Id));
            await Task.Delay(10);
        }
        var seconds = double.Parse((await output).Trim(), CultureInfo.InvariantCulture);
        return (megabytes == 1 ? seconds : megabytes / seconds, peak / 1024.0 / 1024);
    }

    private static long PeakOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Child process: downloads once and prints the seconds it took.</summary>
    public static async Task BlobChildAsync(string mode, string url)
    {
        var dir = Directory.CreateTempSubdirectory("toolsmith-bench-").FullName;
        using var runner = new ToolRunner(new EngineOptions { ArtifactDirectory = dir });
        if (mode != "paging")
        {
            // One small download first, in the same mode: both sides are timed warm (JIT and connection set-up are
            // start-up, which compare.sh measures for whole processes).
            await DownloadAsync(mode, runner, url.Split('?')[0] + "?size=1048576", dir);
        }
        var clock = Stopwatch.StartNew();
        if (mode == "paging")
        {
            var paged = ToolLoader.Parse($$$"""{"name":"p","steps":[{"id":"s","type":"api","url":"{{{url}}}","pagination":{"mode":"offset","items":"body.items","maxPages":100000}}]}""", "bench");
            var run = await runner.RunAsync(paged, []);
            if (run.Status != "succeeded" || run.Steps["s"].Single!.Body!.AsArray().Count != 10_000)
            {
                throw new InvalidOperationException(run.Error ?? "not 10,000 items");
            }
        }
        else
        {
            await DownloadAsync(mode, runner, url, dir);
        }
        clock.Stop();
        Directory.Delete(dir, recursive: true);
        Console.WriteLine(clock.Elapsed.TotalSeconds.ToString(CultureInfo.InvariantCulture));
    }

    private static readonly HttpClient RawClient = new();

    private static async Task DownloadAsync(string mode, ToolRunner runner, string url, string dir)
    {
        if (mode == "blob-raw")
        {
            using var response = await RawClient.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            await using var source = await response.Content.ReadAsStreamAsync();
            await using var file = File.Create(Path.Combine(dir, "raw.bin"));
            await source.CopyToAsync(file);
            return;
        }
        var checksum = mode == "blob-engine-sha256" ? ",\"checksum\":\"sha256\"" : "";
        var tool = ToolLoader.Parse($$"""{"name":"b","steps":[{"id":"s","type":"api","url":"{{url}}","responseFormat":"blob"{{checksum}} }]}""", "bench");
        var run = await runner.RunAsync(tool, []);
        if (run.Status != "succeeded")
        {
            throw new InvalidOperationException(run.Error);
        }
    }

    private static string RuntimeInformation() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
}
