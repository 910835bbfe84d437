using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Toolsmith.Bench;

/// <summary>The local API every benchmark calls: a 1 KB JSON document, a POST sink, and large blobs.</summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchServer(WebApplication app, Uri url) => (_app, Url) = (app, url);

    public Uri Url { get; }

    /// <summary>Exactly 1,024 bytes of JSON.</summary>
    public static readonly byte[] Json1K = MakeJson();

    private static byte[] MakeJson()
    {
        var items = string.Join(",", Enumerable.Range(0, 40).Select(i => $"{{\"id\":{i},\"n\":\"item{i:00}\"}}"));
        var text = $"{{\"ok\":true,\"items\":[{items}],\"pad\":\"";
        text += new string('x', 1024 - text.Length - 2) + "\"}";
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    public static async Task<BenchServer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        app.MapGet("/json", () => Results.Bytes(Json1K, "application/json"));
        app.MapGet("/item/{id}", (string id) => Results.Bytes(Json1K, "application/json"));
        app.MapPost("/post", async (HttpContext context) =>
        {
            var buffer = new byte[16 * 1024];
            while (await context.Request.Body.ReadAsync(buffer) > 0)
            {
            }
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync("{\"created\":true}"u8.ToArray());
        });
        app.MapGet("/paged", (int total, int size, int? offset) =>
        {
            var from = offset ?? 0;
            var items = Enumerable.Range(from, Math.Max(0, Math.Min(size, total - from))).Select(i => new { id = i, name = $"item {i}", tags = new[] { "a", "b" } });
            return Results.Json(new { items, next = from + size < total ? from + size : (int?)null });
        });
        app.MapGet("/blob", async (long size, HttpContext context) =>
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = size;
            var chunk = new byte[256 * 1024];
            Random.Shared.NextBytes(chunk);
            for (var left = size; left > 0;)
            {
                var n = (int)Math.Min(left, chunk.Length);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, n), context.RequestAborted);
                left -= n;
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchServer(app, new Uri(address + "/"));
    }

    public Task WaitAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
