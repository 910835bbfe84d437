using BenchmarkDotNet.Running;
using Toolsmith.Bench;

// hot   : BenchmarkDotNet over the per-request hot path (allocations reported)
// load [N] [requests|blob|paging]: the same workload through the engine and a bare HttpClient, side by side, as ratios
// serve : only the local API (for bench/compare.sh), on the port given
switch (args.FirstOrDefault())
{
    case "load":
        await LoadDriver.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000, args.Length > 2 ? args[2] : null);
        break;
    case "blob-raw" or "blob-engine" or "blob-engine-sha256" or "paging":
        await LoadDriver.BlobChildAsync(args[0], args[1]);
        break;
    case "serve":
        await using (var server = await BenchServer.StartAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0))
        {
            Console.WriteLine($"listening on {server.Url}");
            await server.WaitAsync();
        }
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(HotPathBenchmarks).Assembly).Run(args.Skip(args.FirstOrDefault() == "hot" ? 1 : 0).ToArray());
        break;
}
