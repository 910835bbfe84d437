using System.Globalization;
using System.Text.RegularExpressions;
using Toolsmith.Core.Loading;

namespace Toolsmith.Server.Web.Services;

/// <summary>
/// A tool's problems as the editor says them: where, in the words on the screen ("URL of step 1 (api)"), and what is wrong in
/// plain words ("is empty") instead of a JSON path and a schema validator's sentence.
/// </summary>
public static partial class PlainErrors
{
    /// <summary>One problem: where (a field's label), how it joins the message, and the message.</summary>
    public sealed record Problem(string Where, string Joiner, string Message)
    {
        /// <summary>The whole sentence, e.g. "URL of step 1 (api) is empty."</summary>
        public string Sentence => Where.Length == 0 ? Message : Where + Joiner + Message;
    }

    /// <summary>Describes <paramref name="error"/> of the tool being edited (its steps' ids name them).</summary>
    public static Problem Describe(ToolError error, ToolDraft? draft)
    {
        ArgumentNullException.ThrowIfNull(error);
        var where = Where(error.Path, draft);
        var message = Message(error.Message);
        return new Problem(where, Joiner(message), message);
    }

    /// <summary>
    /// A problem said under its field, named by the field in the words on the screen: "URL is empty.", "Retries › statuses: …".
    /// <paramref name="owner"/> is the path of what holds the field (<c>steps[0]</c>), or empty for the tool.
    /// </summary>
    public static string AtField(ToolError error, string owner)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(owner);
        var rest = owner.Length > 0 && error.Path.StartsWith(owner, StringComparison.Ordinal) ? error.Path[owner.Length..].TrimStart('.') : error.Path;
        var message = Message(error.Message);
        if (rest.Length == 0)
        {
            return char.ToUpperInvariant(message[0]) + message[1..];
        }
        return Field(rest) + Joiner(message) + message;
    }

    /// <summary>The label of the field at a tool path: "Name", "Default of input pageId", "URL of step 1 (api)".</summary>
    public static string Where(string path, ToolDraft? draft)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return "";
        }
        if (StepPath().Match(path) is { Success: true } step)
        {
            var index = int.Parse(step.Groups[1].Value, CultureInfo.InvariantCulture);
            var id = draft is not null && index < draft.Steps.Count && draft.Steps[index].Id.Trim().Length > 0 ? $" ({draft.Steps[index].Id.Trim()})" : "";
            var owner = $"step {index + 1}{id}";
            var rest = step.Groups[2].Value.TrimStart('.');
            return rest.Length == 0 ? char.ToUpperInvariant(owner[0]) + owner[1..] : $"{Field(rest)} of {owner}";
        }
        if (InputPath().Match(path) is { Success: true } input)
        {
            var name = input.Groups[1].Value;
            var rest = input.Groups[2].Value.TrimStart('.');
            return rest.Length == 0 ? $"Input {name}" : $"{Field(rest)} of input {name}";
        }
        if (path.StartsWith("inputs[", StringComparison.Ordinal))
        {
            var n = path[7..].TrimEnd(']');
            return "Input " + (int.TryParse(n, CultureInfo.InvariantCulture, out var i) ? (i + 1).ToString(CultureInfo.InvariantCulture) : n);
        }
        return Field(path);
    }

    /// <summary>A schema validator's sentence in plain words; anything else as it was.</summary>
    public static string Message(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (MinLength().Match(message) is { Success: true } shortText)
        {
            return shortText.Groups[1].Value is "\"\"" or "" ? "is empty." : $"is too short: at least {shortText.Groups[2].Value} characters.";
        }
        if (MinItems().Match(message) is { Success: true } fewItems)
        {
            return $"needs at least {fewItems.Groups[2].Value} item{(fewItems.Groups[2].Value == "1" ? "" : "s")}.";
        }
        if (Bound().Match(message) is { Success: true } bound)
        {
            return $"must be {bound.Groups[2].Value} {bound.Groups[3].Value} (it is {bound.Groups[1].Value}).";
        }
        return message;
    }

    // "URL is empty." reads as a sentence; "Name: "9x" is not …" needs the colon.
    private static string Joiner(string message) =>
        message.StartsWith("is ", StringComparison.Ordinal) || message.StartsWith("needs ", StringComparison.Ordinal)
        || message.StartsWith("must ", StringComparison.Ordinal) || message.StartsWith("has ", StringComparison.Ordinal) ? " " : ": ";

    private static string Field(string rest)
    {
        var first = rest.Split('.', '[')[0];
        var label = first switch
        {
            "name" => "Name",
            "description" => "Description",
            "url" => "URL",
            "method" => "Method",
            "headers" => "Headers",
            "params" => "URL parameters",
            "cookies" => "Cookies",
            "body" => "Body",
            "bodyType" => "Body type",
            "timeout" => "Timeout",
            "id" => "Step id",
            "retry" => "Retries",
            "pagination" => "Pagination",
            "batch" => "Batches",
            "foreach" => "For each",
            "default" => "Default",
            "type" => "Type",
            "output" => "Output",
            _ => first,
        };
        var tail = rest[first.Length..].TrimStart('.');
        return tail.Length == 0 ? label : $"{label} › {tail}";
    }

    [GeneratedRegex(@"^steps\[(\d+)\](.*)$")]
    private static partial Regex StepPath();

    [GeneratedRegex(@"^inputs\.([^.\[]+)(.*)$")]
    private static partial Regex InputPath();

    [GeneratedRegex(@"^(.*?):? ?Value should be at least (\d+) characters?\.?$")]
    private static partial Regex MinLength();

    [GeneratedRegex(@"^(.*?):? ?Value should have at least (\d+) items?\.?$")]
    private static partial Regex MinItems();

    [GeneratedRegex(@"^(.*?): Value should be (at least|at most|greater than|less than) (\S+?)\.?$")]
    private static partial Regex Bound();
}
