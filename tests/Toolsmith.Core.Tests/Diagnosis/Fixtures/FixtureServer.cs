using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Toolsmith.Core.Tests.Diagnosis.Fixtures;

/// <summary>A local Kestrel server that answers <c>/fixture/{id}</c> with the entry's status, headers and body, as the real API did.</summary>
public sealed class FixtureServer : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.Map("/fixture/{**id}", async (HttpContext http, string id) =>
        {
            if (!ApiErrorFixtures.All.TryGetValue(id, out var entry))
            {
                http.Response.StatusCode = 599;
                return;
            }
            await ReplayAsync(http, entry);
        });
        app.Map("/corpus/{**key}", async (HttpContext http, string key) =>
        {
            if (!Corpus.CorpusEntries.All.TryGetValue(key, out var entry))
            {
                http.Response.StatusCode = 599;
                return;
            }
            await ReplayAsync(http, entry.Json);
        });
        await app.StartAsync();
        _app = app;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().TrimEnd('/');
    }

    /// <summary>Answers with the entry's status, headers and body bytes (in the entry's <c>body_encoding</c>, UTF-8 by default).</summary>
    private static async Task ReplayAsync(HttpContext http, JsonObject entry)
    {
        http.Response.StatusCode = entry["status"]!.GetValue<int>();
        foreach (var (name, value) in entry["headers"]?.AsObject() ?? [])
        {
            http.Response.Headers[name] = value!.GetValue<string>();
        }
        var bytes = BodyBytes(entry);
        if (bytes.Length > 0)
        {
            await http.Response.Body.WriteAsync(bytes);
        }
    }

    /// <summary>The entry's body as sent: a string as it is, any other JSON value serialized, in its <c>body_encoding</c> (UTF-8 by default).</summary>
    public static byte[] BodyBytes(JsonObject entry)
    {
        var encoding = entry["body_encoding"]?.GetValue<string>() is { } charset ? Encoding.GetEncoding(charset) : Encoding.UTF8;
        return entry["body"] switch
        {
            null => [],
            JsonValue v when v.TryGetValue<string>(out var text) => encoding.GetBytes(text),
            var node => encoding.GetBytes(node.ToJsonString()),
        };
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
