using System.Buffers.Text;
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
/// must handle: JSON, other charsets, gzip/brotli, redirects, slow bodies, large files, cookies and 4xx/5xx; and requests
/// held open until the test releases them (/hold/{key}), so tests synchronize on events rather than on time.
/// </summary>
public sealed class TestApi : IAsyncDisposable
{
    private static readonly System.Text.Json.JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    /// <summary>Completes when a request to <c>/hold/{key}</c> has arrived; it stays open until <see cref="Release"/>.</summary>
    public Task HeldAsync(string key) => HoldOf(key).Arrived.Task.WaitAsync(TestTimeouts.Generous);

    /// <summary>Lets the requests to <c>/hold/{key}</c> answer: 200, <c>{"released": key}</c>.</summary>
    public void Release(string key) => HoldOf(key).Released.TrySetResult();

    private Hold HoldOf(string key) => _holds.GetOrAdd(key, static _ => new Hold());

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Hold> _holds = new();

    /// <summary>The requests to one /hold/{key}: when the first arrived, and when the test let them answer.</summary>
    private sealed class Hold
    {
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private int _requests;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _flaky = new();
    private int _inFlight;
    private int _peakInFlight;
    private TaskCompletionSource _peakRaised = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The most requests /concurrent had in flight at once.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>How many requests /flaky received for a key.</summary>
    public int FlakyCount(string key) => _flaky.TryGetValue(key, out var n) ? n : 0;

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

        // Reflects the value v in every place a server can give a credential back: headers (as sent and lower-cased), a
        // cookie (percent-encoded, lower-case hex), Location, a download's file name, and a body holding it raw, JSON-escaped,
        // percent- and form-encoded and HTML-encoded (the secret-redaction tests grep for all of them).
        app.MapGet("/reflect", (HttpContext context, string v, bool? blob) =>
        {
            var lowerHex = System.Text.RegularExpressions.Regex.Replace(Uri.EscapeDataString(v), "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());
            context.Response.Headers["X-Reflect"] = v;
            context.Response.Headers["X-Reflect-Lower"] = v.ToLowerInvariant();
            context.Response.Headers.Location = "http://reflect.example/" + Uri.EscapeDataString(v);
            context.Response.Headers.Append("Set-Cookie", $"reflect={lowerHex}; Path=/");
            if (blob == true)
            {
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"report-{v}.txt\"";
                return Results.Text($"file body {v} end", "application/octet-stream");
            }
            var strict = System.Text.Json.JsonSerializer.Serialize(v);
            var body = $$"""{"raw":{{System.Text.Json.JsonSerializer.Serialize(v, RelaxedJson)}},"strict":{{strict}},"pct":"{{lowerHex}}","form":"{{WebUtility.UrlEncode(v)}}","html":{{System.Text.Json.JsonSerializer.Serialize(WebUtility.HtmlEncode(v), RelaxedJson)}},"lower":{{System.Text.Json.JsonSerializer.Serialize(v.ToLowerInvariant(), RelaxedJson)}}}""";
            return Results.Text(body, "application/json");
        });
        app.MapGet("/json", () => Results.Json(new { hello = "world", items = new[] { 1, 2, 3 } }));
        // Exactly the bytes asked for (base64url), with the content type asked for: bodies no serializer would write.
        app.MapGet("/raw", (string b64, string type) => Results.Bytes(Base64Url.DecodeFromChars(b64), type));
        app.MapGet("/json-of-size/{bytes:int}", (int bytes) => Results.Text($"{{\"pad\":\"{new string('x', Math.Max(0, bytes - 10))}\"}}", "application/json"));
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

        // Answers with the Accept-Encoding it received, compressed as `as` says: gzip, deflate (zlib-wrapped), raw-deflate,
        // br, or a chain such as "gzip,br" (applied in that order, named in Content-Encoding in that order).
        app.MapGet("/encoded", async (string @as, HttpContext context) =>
        {
            var body = Encoding.UTF8.GetBytes(new JsonObject { ["acceptEncoding"] = context.Request.Headers.AcceptEncoding.ToString() }.ToJsonString());
            var names = new List<string>();
            foreach (var coding in @as.Split(','))
            {
                using var buffer = new MemoryStream();
                await using (Stream compressor = coding switch
                {
                    "gzip" => new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true),
                    "deflate" => new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true),
                    "raw-deflate" => new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true),
                    _ => new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true),
                })
                {
                    await compressor.WriteAsync(body);
                }
                body = buffer.ToArray();
                names.Add(coding == "raw-deflate" ? "deflate" : coding);
            }
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = string.Join(", ", names);
            await context.Response.Body.WriteAsync(body);
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
        // A token without the scope the call needs: RFC 6750's challenge, and GitHub's scope headers.
        app.MapGet("/scope/bearer", (HttpContext context) =>
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\", error_description=\"The token lacks a scope\", scope=\"admin:org\"";
            return Results.Json(new { error = "insufficient_scope" }, statusCode: 403);
        });
        app.MapGet("/scope/github", (HttpContext context) =>
        {
            context.Response.Headers["X-Accepted-OAuth-Scopes"] = "admin:org";
            context.Response.Headers["X-OAuth-Scopes"] = "repo, gist";
            context.Response.Headers["X-GitHub-Media-Type"] = "github.v3; format=json";
            return Results.Json(new { message = "Must have admin rights to Repository.", documentation_url = "https://docs.github.com/rest" }, statusCode: 403);
        });
        app.MapGet("/insufficient-scope", (HttpContext context) =>
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\", scope=\"admin:org\"";
            return Results.Json(new { message = "This call needs a token with more permissions." }, statusCode: 403);
        });

        app.MapGet("/set-cookie", (HttpContext context) =>
        {
            context.Response.Headers.Append("Set-Cookie", "session=abc123; Path=/");
            context.Response.Headers.Append("Set-Cookie", "theme=dark; Path=/");
            return Results.Json(new { set = true });
        });

        // Fails the first `fail` requests of a key with `status` (or a dropped connection when status is 0), then answers 200.
        app.Map("/flaky", async (HttpContext context, string key, int fail, int status, double? retryAfter) =>
        {
            var n = _flaky.AddOrUpdate(key, 1, static (_, v) => v + 1);
            if (n <= fail)
            {
                if (status == 0)
                {
                    context.Abort();
                    return;
                }
                if (retryAfter is { } ra)
                {
                    context.Response.Headers.RetryAfter = ra.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                context.Response.StatusCode = status;
                await context.Response.WriteAsJsonAsync(new { message = $"attempt {n} fails" });
                return;
            }
            await context.Response.WriteAsJsonAsync(new { attempt = n, idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString() });
        });
        // Answers after ms. wait=N: each request first waits until N requests have been in flight at once, so a test of a
        // concurrency limit sees the limit reached however slow the machine is (a limit below N keeps them waiting).
        app.MapGet("/concurrent", async (int ms, CancellationToken ct, int wait = 0) =>
        {
            var now = Interlocked.Increment(ref _inFlight);
            int peak;
            while (now > (peak = Volatile.Read(ref _peakInFlight)))
            {
                if (Interlocked.CompareExchange(ref _peakInFlight, now, peak) == peak)
                {
                    Interlocked.Exchange(ref _peakRaised, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                    break;
                }
            }
            try
            {
                while (Volatile.Read(ref _peakInFlight) < wait)
                {
                    var raised = Volatile.Read(ref _peakRaised);
                    if (Volatile.Read(ref _peakInFlight) >= wait)
                    {
                        break;
                    }
                    await raised.Task.WaitAsync(ct);
                }
                await Task.Delay(ms, ct);
                return Results.Json(new { inFlight = now });
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        });
        app.MapGet("/abort", (HttpContext context) => context.Abort());
        MapPaging(app);
        // Stays open until the test calls Release(key), or the client goes away: in flight exactly as long as a test needs.
        app.MapGet("/hold/{key}", async (string key, CancellationToken ct) =>
        {
            var hold = HoldOf(key);
            hold.Arrived.TrySetResult();
            await hold.Released.Task.WaitAsync(ct);
            return Results.Json(new { released = key });
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

        // chunked=true: no Content-Length (the size is known only at the end); stallAfter=N: N bytes, then silence;
        // gzip=true: sent gzip-compressed, Content-Length being the compressed size.
        app.MapGet("/large", async (long size, HttpContext context, bool chunked = false, long stallAfter = -1, bool gzip = false) =>
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = chunked ? null : size;
            context.Response.Headers.ContentDisposition = "attachment; filename=\"large.bin\"";
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = (byte)(i % 251);
            }
            if (gzip)
            {
                using var compressed = new MemoryStream();
                await using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
                {
                    for (var written = 0L; written < size; written += chunk.Length)
                    {
                        zip.Write(chunk, 0, (int)Math.Min(chunk.Length, size - written));
                    }
                }
                context.Response.Headers.ContentEncoding = "gzip";
                context.Response.ContentLength = compressed.Length;
                await context.Response.Body.WriteAsync(compressed.GetBuffer().AsMemory(0, (int)compressed.Length), context.RequestAborted);
                return;
            }
            var left = stallAfter >= 0 ? stallAfter : size;
            while (left > 0)
            {
                var n = (int)Math.Min(left, chunk.Length);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, n), context.RequestAborted);
                left -= n;
            }
            if (stallAfter >= 0)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
        });
    }

    /// <summary>Item i of a list: {"id": i}.</summary>
    private static JsonArray Items(int from, int count, int total) =>
        new([.. Enumerable.Range(from, Math.Max(0, Math.Min(count, total - from))).Select(i => (JsonNode?)new JsonObject { ["id"] = i })]);

    /// <summary>A list of `total` items (default 25) served in every paging style, plus the misbehaving ones.</summary>
    private static void MapPaging(WebApplication app)
    {
        app.MapGet("/paged/link", (HttpContext context, int? page, int? per_page, int? total) =>
        {
            int p = page ?? 1, size = per_page ?? 10, all = total ?? 25;
            if (p * size < all)
            {
                context.Response.Headers["Link"] = $"<{context.Request.Scheme}://{context.Request.Host}/paged/link?page={p + 1}&per_page={size}&total={all}>; rel=\"next\", <https://x.test/last>; rel=\"last\"";
            }
            return Results.Json(Items((p - 1) * size, size, all));
        });
        app.MapGet("/paged/next", (int? page, int? total) =>
        {
            int p = page ?? 1, all = total ?? 25;
            return Results.Json(new JsonObject { ["data"] = Items((p - 1) * 10, 10, all), ["next"] = p * 10 < all ? $"/paged/next?page={p + 1}&total={all}" : null });
        });
        app.MapGet("/paged/cursor", (string? cursor, int? total) =>
        {
            var from = cursor is null ? 0 : int.Parse(cursor[1..], System.Globalization.CultureInfo.InvariantCulture);
            var all = total ?? 25;
            return Results.Json(new JsonObject { ["items"] = Items(from, 10, all), ["meta"] = new JsonObject { ["next_cursor"] = from + 10 < all ? $"c{from + 10}" : null } });
        });
        app.MapGet("/paged/header-cursor", (HttpContext context) =>
        {
            var cursor = context.Request.Headers["X-Cursor"].ToString();
            var from = cursor.Length == 0 ? 0 : int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new JsonObject { ["items"] = Items(from, 10, 25), ["next"] = from + 10 < 25 ? from + 10 : null });
        });
        app.MapGet("/paged/page", (int? page, int? per_page, int? total) =>
        {
            int p = page ?? 1, size = per_page ?? 10, all = total ?? 25;
            return Results.Json(new JsonObject { ["results"] = Items((p - 1) * size, size, all) });
        });
        app.MapGet("/paged/offset", (int? offset, int? limit, int? total) =>
        {
            int from = offset ?? 0, size = limit ?? 10, all = total ?? 25;
            return Results.Json(new JsonObject { ["items"] = Items(from, size, all), ["has_more"] = from + size < all });
        });
        // Always the same page, always a next link: a naive client loops forever.
        app.MapGet("/paged/loop", (HttpContext context) =>
        {
            context.Response.Headers["Link"] = "</paged/loop?again=1>; rel=\"next\"";
            return Results.Json(Items(0, 5, 5));
        });
        // The cursor is a string, then a number, then an object: whatever shape, it is sent back as text.
        app.MapGet("/paged/shape", (string? cursor) => cursor switch
        {
            null => Results.Json(new JsonObject { ["items"] = Items(0, 3, 9), ["next"] = "two" }),
            "two" => Results.Json(new JsonObject { ["items"] = Items(3, 3, 9), ["next"] = 3 }),
            "3" => Results.Json(new JsonObject { ["items"] = Items(6, 3, 9), ["next"] = null }),
            _ => Results.Json(new { message = $"bad cursor {cursor}" }, statusCode: 400),
        });
        app.MapGet("/paged/fail3", (int? page) => (page ?? 1) == 3
            ? Results.Json(new { message = "page 3 is broken" }, statusCode: 500)
            : Results.Json(new JsonObject { ["results"] = Items(((page ?? 1) - 1) * 10, 10, 100) }));
        // Accepts at most `max` items per request; an item with "bad": true fails its batch with 422.
        app.MapPost("/bulk", async (HttpContext context, int max) =>
        {
            var items = await JsonNode.ParseAsync(context.Request.Body) as JsonArray;
            if (items is null)
            {
                return Results.Json(new { message = "expected an array" }, statusCode: 400);
            }
            if (items.Count > max)
            {
                return Results.Json(new { message = $"at most {max} items per request" }, statusCode: 413);
            }
            var bad = items.Select((item, i) => (item, i)).FirstOrDefault(x => x.item?["bad"]?.GetValue<bool>() == true);
            if (bad.item is not null)
            {
                return Results.Json(new { errors = new[] { new { field = $"[{bad.i}].bad", message = "must not be true" } } }, statusCode: 422);
            }
            return Results.Json(new { accepted = items.Count });
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
        foreach (var hold in _holds.Values)
        {
            hold.Released.TrySetResult();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
