using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Toolsmith.Tests;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (port 0) that echoes what it received and serves the cases the engine
/// must handle: JSON, other charsets, gzip/brotli, redirects, slow bodies, large files, cookies and 4xx/5xx.
/// </summary>
public sealed class TestApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApi(WebApplication app) => _app = app;

    /// <summary>The server's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The port it listens on.</summary>
    public int Port => BaseUri.Port;

    /// <summary>An absolute URL on this server.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseUri, pathAndQuery).AbsoluteUri;

    /// <summary>How many requests reached the server (to prove nothing was sent).</summary>
    public int RequestCount => _requests;

    private int _requests;

    /// <summary>The last request /echo (or /petstore) received, as it received it (before any redaction by the engine).</summary>
    public JsonObject? LastEcho { get; private set; }

    /// <summary>Documents served as they are at /documents/{name} (an OpenAPI file fetched by URL).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> Documents { get; } = new();

    public static async Task<TestApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        var app = builder.Build();
        var api = new TestApi(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref api._requests);
            await next(context);
        });
        api.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.BaseUri = new Uri(address + "/");
        return api;
    }

    private void Map(WebApplication app)
    {
        app.Map("/echo/{**rest}", context => Echo(context, this));
        app.Map("/echo", context => Echo(context, this));
        app.Map("/petstore/{**rest}", context => Petstore(context, this));
        app.MapGet("/documents/{name}", (string name) => Documents.TryGetValue(name, out var text)
            ? Results.Text(text, name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "application/yaml")
            : Results.NotFound());

        app.MapGet("/json", () => Results.Json(new { hello = "world", items = new[] { 1, 2, 3 } }));
        app.MapMethods("/text/plain", ["GET", "HEAD"], () => Results.Text("hello", "text/plain"));
        app.MapGet("/text/latin1", () => Results.Bytes(Encoding.Latin1.GetBytes("café crème"), "text/plain; charset=iso-8859-1"));
        app.MapGet("/text/shift_jis", () =>
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Results.Bytes(Encoding.GetEncoding("shift_jis").GetBytes("こんにちは"), "text/plain; charset=shift_jis");
        });
        app.MapGet("/html", () => Results.Text("<html><body>Sign in</body></html>", "text/html"));
        app.MapGet("/bytes", () => Results.Bytes([0, 1, 2, 253, 254, 255], "application/octet-stream"));
        app.MapGet("/empty", () => Results.NoContent());

        app.MapGet("/gzip", async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = new GZipStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync("{\"compressed\":\"gzip\"}"u8.ToArray());
        });
        app.MapGet("/brotli", async context =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.Headers.ContentEncoding = "br";
            await using var br = new BrotliStream(context.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await br.WriteAsync("brotli text"u8.ToArray());
        });

        app.MapGet("/redirect/{n:int}", (int n, HttpContext context) =>
            n <= 0 ? Results.Json(new { done = true, authorization = context.Request.Headers.Authorization.ToString() }) : Results.Redirect($"/redirect/{n - 1}"));
        app.MapGet("/redirect-to", (string url) => Results.Redirect(url));
        app.MapPost("/redirect-303", () => new StatusResult(303, "/echo"));
        app.MapPost("/redirect-307", () => new StatusResult(307, "/echo"));
        app.MapPost("/redirect-302", () => new StatusResult(302, "/echo"));

        app.MapPost("/users", async (HttpContext context) =>
        {
            var user = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
            if (user["email"] is null)
            {
                return Results.Json(new { errors = new { email = new[] { "The email field is required." } } }, statusCode: 422);
            }
            user["id"] = "u_" + Guid.NewGuid().ToString("N")[..8];
            return Results.Json(user, statusCode: 201);
        });
        app.MapGet("/status/{code:int}", (int code) => Results.Json(new { message = $"status {code} as asked" }, statusCode: code));
        app.MapGet("/slack-style", () => Results.Json(new { ok = false, error = "channel_not_found" }));

        app.MapGet("/set-cookie", (HttpContext context) =>
        {
            context.Response.Headers.Append("Set-Cookie", "session=abc123; Path=/");
            context.Response.Headers.Append("Set-Cookie", "theme=dark; Path=/");
            return Results.Json(new { set = true });
        });

        app.MapGet("/slow-headers", async (int ms, CancellationToken ct) =>
        {
            await Task.Delay(ms, ct);
            return Results.Text("late");
        });
        app.MapGet("/stall-body", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = 100;
            await context.Response.WriteAsync("first part");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });

        app.MapGet("/large", async (long size, HttpContext context) =>
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = size;
            context.Response.Headers.ContentDisposition = "attachment; filename=\"large.bin\"";
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = (byte)(i % 251);
            }
            var left = size;
            while (left > 0)
            {
                var n = (int)Math.Min(left, chunk.Length);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, n), context.RequestAborted);
                left -= n;
            }
        });
    }

    private static async Task Echo(HttpContext context, TestApi api)
    {
        var echo = await Capture(context, api);
        context.Response.StatusCode = (int)HttpStatusCode.OK;
        await context.Response.WriteAsJsonAsync(echo);
    }

    /// <summary>
    /// A small Petstore that implements the importer tests' specs: it records what it received (as /echo does) and answers
    /// 201 to POST, 200 otherwise; DELETE /petstore/pets/{id} is refused for a missing scope (the granted ones in the message),
    /// and /petstore/admin/... is refused without saying why.
    /// </summary>
    private static async Task Petstore(HttpContext context, TestApi api)
    {
        var echo = await Capture(context, api);
        var path = context.Request.Path.Value ?? "";
        if (HttpMethods.IsDelete(context.Request.Method) && path.StartsWith("/petstore/pets/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsJsonAsync(new { message = "Forbidden. Granted scopes: read:pets, write:pets" });
            return;
        }
        if (path.StartsWith("/petstore/admin/", StringComparison.Ordinal))
        {
            context.Response.StatusCode = 403;
            await context.Response.WriteAsJsonAsync(new { message = "Forbidden" });
            return;
        }
        context.Response.StatusCode = HttpMethods.IsPost(context.Request.Method) ? 201 : 200;
        await context.Response.WriteAsJsonAsync(echo);
    }

    private static async Task<JsonObject> Capture(HttpContext context, TestApi api)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var headers = new JsonObject();
        foreach (var (name, value) in request.Headers)
        {
            headers[name.ToLowerInvariant()] = value.ToString();
        }
        var cookies = new JsonObject();
        foreach (var (name, value) in request.Cookies)
        {
            cookies[name] = value;
        }
        var query = new JsonArray();
        foreach (var (name, values) in request.Query)
        {
            foreach (var v in values)
            {
                query.Add(new JsonArray(name, v));
            }
        }
        var bytes = body.ToArray();
        var echo = new JsonObject
        {
            ["method"] = request.Method,
            ["path"] = request.Path.Value + "",
            ["rawTarget"] = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget,
            ["queryString"] = request.QueryString.Value ?? "",
            ["query"] = query,
            ["headers"] = headers,
            ["cookies"] = cookies,
            ["contentType"] = request.ContentType,
            ["bodyText"] = Encoding.UTF8.GetString(bytes),
            ["bodyBase64"] = Convert.ToBase64String(bytes),
        };
        api.LastEcho = (JsonObject)echo.DeepClone();
        return echo;
    }

    private sealed class StatusResult(int status, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
