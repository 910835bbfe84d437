using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Mcp.Resources;

/// <summary>Run history kept somewhere the MCP server can read it (the store), for runs as resources.</summary>
public interface IRunHistory
{
    /// <summary>The most recent runs, newest first.</summary>
    Task<IReadOnlyList<RunEntry>> ListAsync(int limit, CancellationToken cancellationToken);

    /// <summary>A run with its steps and output, or null when there is none with this id.</summary>
    Task<RunResult?> GetAsync(string id, CancellationToken cancellationToken);
}

/// <summary>One run in a history listing.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Tool">The Tool that ran.</param>
/// <param name="Status">succeeded, failed, cancelled, interrupted or running.</param>
/// <param name="StartedAt">When it started.</param>
public sealed record RunEntry(string Id, string Tool, string Status, DateTimeOffset StartedAt);

/// <summary>
/// Recorded runs and the files they downloaded as MCP resources, so an agent can read a large result when it needs it
/// instead of receiving it inline: <c>toolsmith://runs/{id}</c> (the run: inputs, each step's result, output; JSON),
/// <c>toolsmith://runs/{id}/output</c> (the output alone; JSON) and <c>toolsmith://runs/{id}/steps/{step}/blob</c> (a
/// downloaded file, with its content type; <c>…/steps/{step}/{index}/blob</c> for an element of a foreach). Runs come
/// from the history (the store) when there is one; the runs this server made are readable in any case.
/// </summary>
internal sealed class RunResources(IRunHistory? history, long maxBlobBytes)
{
    /// <summary>The prefix of every run resource's URI.</summary>
    public const string Prefix = "toolsmith://runs/";

    private const string Json = "application/json";

    /// <summary>How many runs resources/list shows (the newest).</summary>
    private const int Listed = 50;

    /// <summary>How many runs of its own this server keeps readable without a store.</summary>
    private const int Kept = 100;

    private readonly ConcurrentDictionary<string, RunResult> _recent = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public static string RunUri(string id) => Prefix + Uri.EscapeDataString(id);

    public static string OutputUri(string id) => RunUri(id) + "/output";

    public static string BlobUri(string id, string step, int? index) =>
        RunUri(id) + "/steps/" + Uri.EscapeDataString(step) + (index is { } i ? "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "") + "/blob";

    /// <summary>The resource templates: a run, its output, a downloaded file.</summary>
    public static ListResourceTemplatesResult Templates() => new()
    {
        ResourceTemplates =
        [
            new ResourceTemplate { UriTemplate = Prefix + "{id}", Name = "run", Title = "A recorded run", Description = "A run of a tool: its inputs, each step's result (status, headers, body, diagnosis) and its output.", MimeType = Json },
            new ResourceTemplate { UriTemplate = Prefix + "{id}/output", Name = "run-output", Title = "A run's output", Description = "The output of a run, whole (a tool call returns a link to it when the output is too large to send inline).", MimeType = Json },
            new ResourceTemplate { UriTemplate = Prefix + "{id}/steps/{step}/blob", Name = "run-blob", Title = "A downloaded file", Description = "A file a step downloaded (response format blob), with its content type." },
        ],
    };

    /// <summary>Keeps a run this server made readable (the newest <see cref="Kept"/>).</summary>
    public void Remember(RunResult run)
    {
        if (_recent.TryAdd(run.Id, run))
        {
            _order.Enqueue(run.Id);
            while (_order.Count > Kept && _order.TryDequeue(out var oldest))
            {
                _recent.TryRemove(oldest, out _);
            }
        }
    }

    /// <summary>The newest runs and the files they downloaded.</summary>
    public async ValueTask<ListResourcesResult> ListAsync(CancellationToken cancellationToken)
    {
        var runs = new List<RunResult>();
        if (history is not null)
        {
            foreach (var entry in await history.ListAsync(Listed, cancellationToken).ConfigureAwait(false))
            {
                if (await FindAsync(entry.Id, cancellationToken).ConfigureAwait(false) is { } run)
                {
                    runs.Add(run);
                }
            }
        }
        else
        {
            runs.AddRange(_recent.Values.OrderByDescending(static r => r.StartedAt).Take(Listed));
        }
        var result = new ListResourcesResult();
        foreach (var run in runs)
        {
            result.Resources.Add(new Resource
            {
                Uri = RunUri(run.Id),
                Name = $"run-{run.Id}",
                Title = $"{run.Tool}: {run.Status}, {run.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC",
                Description = $"The run {run.Id} of the tool \"{run.Tool}\" ({run.Status}): inputs, each step's result and the output.",
                MimeType = Json,
            });
            foreach (var (step, index, blob) in Blobs(run))
            {
                result.Resources.Add(new Resource
                {
                    Uri = BlobUri(run.Id, step, index),
                    Name = (string?)blob["fileName"] ?? Path.GetFileName((string?)blob["path"]) ?? "download",
                    Title = $"A file step \"{step}\" of run {run.Id} downloaded",
                    MimeType = MediaType((string?)blob["contentType"]),
                    Size = blob["size"] is JsonValue size && size.TryGetValue<long>(out var bytes) ? bytes : null,
                });
            }
        }
        return result;
    }

    /// <summary>Reads a run, its output or a downloaded file; -32002 when there is no such resource.</summary>
    public async ValueTask<ReadResourceResult> ReadAsync(string uri, CancellationToken cancellationToken)
    {
        var parts = uri.StartsWith(Prefix, StringComparison.Ordinal)
            ? uri[Prefix.Length..].Split('/').Select(Uri.UnescapeDataString).ToArray()
            : [];
        if (parts.Length == 0 || parts[0].Length == 0)
        {
            throw NotFound(uri, $"Toolsmith's resources are runs: {Prefix}{{id}} (resources/list gives the newest).");
        }
        var run = await FindAsync(parts[0], cancellationToken).ConfigureAwait(false)
            ?? throw NotFound(uri, $"There is no run \"{parts[0]}\".");
        switch (parts[1..])
        {
            case []:
                return Text(uri, JsonSerializer.Serialize(run, ToolsmithJsonContext.Default.RunResult));
            case ["output"]:
                return Text(uri, run.Output?.ToJsonString() ?? "null");
            case ["steps", var step, "blob"]:
                return await BlobAsync(uri, run, step, null, cancellationToken).ConfigureAwait(false);
            case ["steps", var step, var index, "blob"] when int.TryParse(index, System.Globalization.CultureInfo.InvariantCulture, out var i):
                return await BlobAsync(uri, run, step, i, cancellationToken).ConfigureAwait(false);
            default:
                throw NotFound(uri, $"A run's resources are {RunUri(run.Id)}, {OutputUri(run.Id)} and {RunUri(run.Id)}/steps/{{step}}/blob.");
        }
    }

    /// <summary>The files a run downloaded: each step (or foreach element) whose body is a blob.</summary>
    public static IEnumerable<(string Step, int? Index, JsonObject Blob)> Blobs(RunResult run)
    {
        foreach (var (id, outcome) in run.Steps)
        {
            if (outcome.Single is { } single)
            {
                if (BlobOf(single) is { } blob)
                {
                    yield return (id, null, blob);
                }
                continue;
            }
            for (var i = 0; i < outcome.Items!.Count; i++)
            {
                if (BlobOf(outcome.Items[i]) is { } blob)
                {
                    yield return (id, i, blob);
                }
            }
        }
    }

    private static JsonObject? BlobOf(StepResult result) =>
        result.BodyFormat == ResponseFormat.Blob && result.Body is JsonObject blob && blob["path"] is JsonValue ? blob : null;

    private async Task<RunResult?> FindAsync(string id, CancellationToken cancellationToken) =>
        _recent.TryGetValue(id, out var run) ? run
        : history is null ? null
        : await history.GetAsync(id, cancellationToken).ConfigureAwait(false);

    private async Task<ReadResourceResult> BlobAsync(string uri, RunResult run, string step, int? index, CancellationToken cancellationToken)
    {
        var blob = Blobs(run).FirstOrDefault(b => b.Step == step && b.Index == index).Blob
            ?? throw NotFound(uri, $"Step \"{step}\" of run {run.Id} downloaded no file{(index is { } i ? $" for element {i}" : "")}.");
        var path = (string)blob["path"]!;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw NotFound(uri, $"The file {path} that step \"{step}\" downloaded is no longer there.");
        }
        if (info.Length > maxBlobBytes)
        {
            throw new McpProtocolException($"The file {path} is {info.Length:N0} bytes, more than the {maxBlobBytes:N0} bytes sent over MCP; read it from the disk.", McpErrorCode.InvalidParams);
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return new ReadResourceResult { Contents = [BlobResourceContents.FromBytes(bytes, uri, MediaType((string?)blob["contentType"]) ?? "application/octet-stream")] };
    }

    private static ReadResourceResult Text(string uri, string json) => new()
    {
        Contents = [new TextResourceContents { Uri = uri, MimeType = Json, Text = json }],
    };

    /// <summary>A content type without its parameters (<c>text/csv; charset=utf-8</c> is <c>text/csv</c>).</summary>
    private static string? MediaType(string? contentType) =>
        contentType?.Split(';')[0].Trim() is { Length: > 0 } type ? type : null;

    private static McpProtocolException NotFound(string uri, string why) =>
        new($"Resource not found: {uri}. {why}", McpErrorCode.ResourceNotFound);

    /// <summary>A summary of an output too large to send inline, and where to read it.</summary>
    public static string Summary(RunResult run, string text)
    {
        var output = run.Output;
        var shape = output switch
        {
            JsonArray array => $"an array of {array.Count:N0} items",
            JsonObject obj => $"an object with {obj.Count:N0} members ({string.Join(", ", obj.Select(static p => p.Key).Take(12))}{(obj.Count > 12 ? ", …" : "")})",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => "text",
            _ => "a value",
        };
        var preview = text.Length <= PreviewLength ? text : text[..PreviewLength] + "…";
        var sb = new StringBuilder();
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"The output of \"{run.Tool}\" is {shape}, {Encoding.UTF8.GetByteCount(text):N0} bytes: too large to send inline. ");
        sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"Read the resource {OutputUri(run.Id)} for all of it (the whole run: {RunUri(run.Id)}). It begins:\n{preview}");
        return sb.ToString();
    }

    private const int PreviewLength = 1000;
}
