using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Results;
using Toolsmith.Mcp.Resources;

namespace Toolsmith.Mcp.Results;

/// <summary>
/// Turns runs into <c>tools/call</c> results. A run that succeeded gives its output as structured content plus a short
/// text form; a run that failed, or arguments that do not fit the input schema, give <c>isError: true</c> with text
/// written for a model: what failed, the diagnosis kind, the missing scopes or invalid fields and what to do, so it
/// can correct the call. Nothing here reads request headers: results are redacted by the engine, and the text is
/// built from the diagnosis only.
/// </summary>
public static class CallResults
{
    /// <summary>Longest text form of an output, in characters; the whole output is always in the structured content.</summary>
    public const int MaxTextLength = 8000;

    /// <summary>Longest quote of an API's own error message.</summary>
    private const int MaxProviderMessageLength = 500;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = Toolsmith.Core.Serialization.MinimalJsonEscaping.Instance };

    /// <summary>The result of a finished run, every output inline.</summary>
    public static CallToolResult FromRun(RunResult run) => FromRun(run, int.MaxValue, schemaPromised: true);

    /// <summary>
    /// The result of a finished run. An output larger than <paramref name="maxInlineBytes"/> (as JSON) comes as a short
    /// summary and a link to the resource holding it (<c>toolsmith://runs/{id}/output</c>); its structured content is
    /// kept only when the tool's output schema promises it (<paramref name="schemaPromised"/>). Each file the run
    /// downloaded is linked as a resource too.
    /// </summary>
    public static CallToolResult FromRun(RunResult run, int maxInlineBytes, bool schemaPromised)
    {
        ArgumentNullException.ThrowIfNull(run);
        var meta = new JsonObject { ["toolsmith/runId"] = run.Id, ["toolsmith/status"] = run.Status };
        var files = RunResources.Blobs(run).Select(b => (ContentBlock)new ResourceLinkBlock
        {
            Uri = RunResources.BlobUri(run.Id, b.Step, b.Index),
            Name = (string?)b.Blob["fileName"] ?? Path.GetFileName((string?)b.Blob["path"]) ?? "download",
            Description = $"The file step \"{b.Step}\" downloaded.",
            MimeType = ((string?)b.Blob["contentType"])?.Split(';')[0].Trim(),
            Size = b.Blob["size"] is JsonValue size && size.TryGetValue<long>(out var bytes) ? bytes : null,
        }).ToList();
        if (run.Status != RunStatus.Succeeded)
        {
            return new CallToolResult { IsError = true, Content = [Text(DescribeFailure(run)), .. files], Meta = meta };
        }
        var output = run.Output;
        // Structured content is an object: an object output as it is, anything else under "result".
        var structured = output as JsonObject ?? new JsonObject { ["result"] = output?.DeepClone() };
        var text = FullText(output);
        if (Encoding.UTF8.GetByteCount(text) > maxInlineBytes)
        {
            return new CallToolResult
            {
                Content =
                [
                    Text(RunResources.Summary(run, text)),
                    new ResourceLinkBlock
                    {
                        Uri = RunResources.OutputUri(run.Id),
                        Name = $"output-{run.Id}",
                        Title = $"The output of {run.Tool}",
                        MimeType = "application/json",
                        Size = Encoding.UTF8.GetByteCount(output?.ToJsonString(Compact) ?? "null"),
                    },
                    .. files,
                ],
                StructuredContent = schemaPromised ? ToElement(structured) : null,
                Meta = meta,
            };
        }
        return new CallToolResult
        {
            Content = [Text(Cut(text)), .. files],
            StructuredContent = ToElement(structured),
            Meta = meta,
        };
    }

    /// <summary>The result of a call whose arguments do not fit the tool's inputs: each bad argument named, nothing sent.</summary>
    public static CallToolResult InvalidArguments(string toolName, ToolLoadException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The arguments of \"{toolName}\" are not valid, so nothing was sent:\n");
        foreach (var error in exception.Errors)
        {
            var argument = error.Path.StartsWith("inputs.", StringComparison.Ordinal) ? error.Path["inputs.".Length..] : error.Path;
            var message = ForModel(error.Message);
            text.Append(argument.Length == 0 ? $"- {message}\n" : $"- argument \"{argument}\": {message}\n");
        }
        text.Append("Call the tool again with the arguments corrected (see its input schema).");
        return new CallToolResult { IsError = true, Content = [Text(text.ToString())] };
    }

    /// <summary>Why a run did not succeed, for a model: the step, the status, the diagnosis kind, scopes, fields, and what to do.</summary>
    public static string DescribeFailure(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        if (run.Status == RunStatus.Cancelled)
        {
            text.Append(CultureInfo.InvariantCulture, $"The tool \"{run.Tool}\" was cancelled before it finished.");
            return text.ToString();
        }
        var failed = FailedResult(run, out var element, out var count);
        if (failed is null)
        {
            // Failed before any request (a template that could not be rendered): the error says what to fix.
            text.Append(CultureInfo.InvariantCulture, $"The tool \"{run.Tool}\" failed: {run.Error ?? "it did not finish."}");
            return text.ToString();
        }
        text.Append(CultureInfo.InvariantCulture, $"The tool \"{run.Tool}\" failed at step \"{run.FailedStep}\"");
        if (element is { } index)
        {
            text.Append(CultureInfo.InvariantCulture, $" (element {index} of {count})");
        }
        text.Append(failed.Status is { } status ? $": HTTP {status} {failed.StatusText}".TrimEnd() + "." : ": no response.");
        text.Append('\n');
        if (failed.Diagnosis is not { } d)
        {
            text.Append(run.Error ?? "The step failed.");
            return text.ToString();
        }
        text.Append(CultureInfo.InvariantCulture, $"Diagnosis: {d.Kind} — {d.Title.TrimEnd('.')}{(d.Provider is { Length: > 0 } p ? $" ({p})" : "")}.\n");
        if (d.Scopes is { Missing.Count: > 0 } scopes)
        {
            var missing = string.Join(", ", scopes.Missing);
            text.Append(scopes.Missing.Count == 1 ? $"Missing scope: {missing}" : $"Missing scopes: {missing}");
            if (scopes.Granted is { Count: > 0 } granted)
            {
                text.Append(CultureInfo.InvariantCulture, $" (the credential has: {string.Join(", ", granted)})");
            }
            text.Append(".\n");
        }
        if (d.Fields is { Count: > 0 } fields)
        {
            text.Append("Invalid fields:\n");
            foreach (var field in fields)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {field.Path}: {field.Message}\n");
            }
        }
        if (d.RetryAfterSeconds is { } wait)
        {
            text.Append(CultureInfo.InvariantCulture, $"Retry after: {wait:0.#} seconds.\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Why: {d.Explanation}\n");
        if (d.ProviderMessage is { Length: > 0 } said)
        {
            text.Append(CultureInfo.InvariantCulture, $"The API said: \"{Cut(said, MaxProviderMessageLength)}\"\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"What to do: {d.Hint}");
        return text.ToString();
    }

    /// <summary>The short text form of an output: text as it is, anything else as compact JSON; cut when long.</summary>
    public static string OutputText(JsonNode? output) => Cut(FullText(output));

    private static string FullText(JsonNode? output) =>
        output is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : output?.ToJsonString(Compact) ?? "null";

    private static string Cut(string text) =>
        text.Length <= MaxTextLength
            ? text
            : text[..MaxTextLength] + $"… (cut: the output is {text.Length:N0} characters; all of it is in the structured content)";

    private static StepResult? FailedResult(RunResult run, out int? element, out int count)
    {
        element = null;
        count = 0;
        if (run.FailedStep is null || !run.Steps.TryGetValue(run.FailedStep, out var outcome))
        {
            return null;
        }
        if (outcome.Single is { } single)
        {
            return single;
        }
        var items = outcome.Items!;
        count = items.Count;
        for (var i = 0; i < items.Count; i++)
        {
            if (!items[i].Ok)
            {
                element = i;
                return items[i];
            }
        }
        return null;
    }

    /// <summary>The engine's words for people at a command line, made right for a model calling a tool.</summary>
    private static string ForModel(string message)
    {
        var cli = message.IndexOf("; give it with --input", StringComparison.Ordinal);
        return cli < 0 ? message : message[..cli] + ".";
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static TextContentBlock Text(string text) => new() { Text = text };

    private static JsonElement ToElement(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
