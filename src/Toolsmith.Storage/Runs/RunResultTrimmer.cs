using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Model;
using Toolsmith.Core.Results;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Storage.Runs;

/// <summary>Turns a run result into the JSON stored for it (UTF-8), cutting step bodies larger than the cap with a note.</summary>
/// <remarks>
/// UTF-8 bytes, not a string: a 1,000-element run is over a megabyte of JSON, and a string of it (twice the size in UTF-16,
/// converted back to UTF-8 by the driver) tripled the cost of recording such a run.
/// </remarks>
internal static class RunResultTrimmer
{
    private const int PreviewChars = 2000;

    public static byte[] ToStoredJson(RunResult result, int maxBodyBytes)
    {
        if (!MayExceed(result, maxBodyBytes))
        {
            // The common case: every body is small; serialize straight from the objects, no node tree.
            return JsonSerializer.SerializeToUtf8Bytes(result, ToolsmithJsonContext.Default.RunResult);
        }
        var node = JsonSerializer.SerializeToNode(result, ToolsmithJsonContext.Default.RunResult)!.AsObject();
        if (node["steps"] is JsonObject steps)
        {
            foreach (var (_, outcome) in steps)
            {
                switch (outcome)
                {
                    case JsonObject single:
                        Trim(single, maxBodyBytes);
                        break;
                    case JsonArray items:
                        foreach (var item in items.OfType<JsonObject>())
                        {
                            Trim(item, maxBodyBytes);
                        }
                        break;
                }
            }
        }
        return JsonSerializer.SerializeToUtf8Bytes(node, ToolsmithJsonContext.Default.JsonObject);
    }

    /// <summary>
    /// Whether some body may be over the cap: bodies received over the network know their size; a body built by a
    /// transform step (no bytes received) is measured.
    /// </summary>
    private static bool MayExceed(RunResult result, int maxBodyBytes)
    {
        foreach (var outcome in result.Steps.Values)
        {
            if (outcome.Single is { } single ? Big(single) : outcome.Items!.Any(Big))
            {
                return true;
            }
        }
        return false;

        // Never parses a body that nobody read: received JSON is written as its bytes, so its size is known. A parsed body's
        // text can be up to 6 times the bytes received (one six-character escape per byte); one built by a transform is measured.
        bool Big(StepResult step) => step.UnparsedJsonLength is { } length
            ? length > maxBodyBytes
            : step.Body is not null && (step.ReceivedBytes * 6 > maxBodyBytes
                || (step.ReceivedBytes == 0 && step.BodyFormat != ResponseFormat.Blob && step.Body.ToJsonString().Length > maxBodyBytes));
    }

    private static void Trim(JsonObject step, int maxBodyBytes)
    {
        if (step["body"] is not { } body)
        {
            return;
        }
        var text = body.ToJsonString();
        if (text.Length <= maxBodyBytes)
        {
            return;
        }
        step["body"] = new JsonObject
        {
            ["truncated"] = true,
            ["note"] = $"The body was {text.Length:N0} characters, more than the {maxBodyBytes:N0} kept in run history; the first {PreviewChars:N0} are kept.",
            ["originalSize"] = text.Length,
            ["preview"] = text[..PreviewChars],
        };
    }
}
