using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;

namespace Toolsmith.Server.Web.Services;

/// <summary>
/// One optional settings object of an API step (<c>retry</c>, <c>pagination</c>, <c>batch</c>), edited as text fields.
/// A field whose text is what the document had keeps the document's value as it was (a number stays a number, <c>"1s"</c>
/// stays <c>"1s"</c>); what the editor does not show is kept too.
/// </summary>
public abstract partial class StepSettingsDraft
{
    /// <summary>The settings object as read; empty when the step had none.</summary>
    protected JsonObject Original { get; private set; } = [];

    /// <summary>Whether the step had this settings object when it was read.</summary>
    public bool WasPresent { get; private set; }

    /// <summary>Whether the step uses these settings (the section's switch).</summary>
    public bool Enabled { get; set; }

    /// <summary>Starts from the step's settings object, if it had one.</summary>
    protected void Load(JsonNode? node)
    {
        if (node is JsonObject settings)
        {
            Original = (JsonObject)settings.DeepClone();
            WasPresent = true;
            Enabled = true;
        }
    }

    /// <summary>The settings object to write, or null when off; problems are added under <paramref name="path"/>.</summary>
    internal JsonObject? ToJson(string path, List<ToolError> problems)
    {
        if (!Enabled)
        {
            return null;
        }
        var node = (JsonObject)Original.DeepClone();
        Write(node, path, problems);
        return node;
    }

    /// <summary>Writes the fields over a copy of <see cref="Original"/>.</summary>
    protected abstract void Write(JsonObject node, string path, List<ToolError> problems);

    /// <summary>A field as the editor shows it: text for strings and numbers, "429, 503" for a list of statuses.</summary>
    protected string Show(string key) => Original[key] switch
    {
        null => "",
        JsonArray list => string.Join(", ", list.Select(static n => ToolDraft.Text(n))),
        var value => ToolDraft.Text(value),
    };

    /// <summary>True when <paramref name="text"/> is what the document had for <paramref name="key"/>: its value is kept as it was.</summary>
    private bool Unchanged(string key, string text) => Original.ContainsKey(key) && Show(key) == text;

    /// <summary>A text field: empty leaves the setting out.</summary>
    protected void WriteText(JsonObject node, string key, string text)
    {
        if (Unchanged(key, text))
        {
            return;
        }
        ToolDraft.SetOrRemove(node, key, text.Trim().Length == 0 ? null : JsonValue.Create(text.Trim()));
    }

    /// <summary>A choice with a default: the default is written only when the document said it.</summary>
    protected void WriteChoice(JsonObject node, string key, string value, string defaultValue)
    {
        if (Unchanged(key, value))
        {
            return;
        }
        ToolDraft.SetOrRemove(node, key, value == defaultValue && !Original.ContainsKey(key) ? null : JsonValue.Create(value));
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; empty leaves the setting out.</summary>
    protected void WriteInteger(JsonObject node, string key, string text, int min, int max, string path, List<ToolError> problems)
    {
        if (Unchanged(key, text))
        {
            return;
        }
        var t = text.Trim();
        if (t.Length == 0)
        {
            node.Remove(key);
            return;
        }
        if (!int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            problems.Add(new ToolError("tool", $"{path}.{key}", max == int.MaxValue
                ? $"\"{t}\" is not a whole number of {min} or more."
                : $"\"{t}\" is not a whole number from {min} to {max.ToString("N0", CultureInfo.InvariantCulture)}."));
            return;
        }
        node[key] = n;
    }

    /// <summary>A duration (<c>500ms</c>, <c>1s</c>, <c>2m</c>, or a number of seconds); empty leaves the setting out.</summary>
    protected void WriteDuration(JsonObject node, string key, string text, string path, List<ToolError> problems)
    {
        if (Unchanged(key, text))
        {
            return;
        }
        var t = text.Trim();
        if (t.Length == 0)
        {
            node.Remove(key);
        }
        else if (double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            node[key] = seconds;
        }
        else if (DurationText().IsMatch(t))
        {
            node[key] = t;
        }
        else
        {
            problems.Add(new ToolError("tool", $"{path}.{key}", $"\"{t}\" is not a duration: write e.g. 500ms, 1s or 2m."));
        }
    }

    /// <summary>HTTP statuses from <paramref name="min"/> to 599, separated by commas or spaces; empty leaves the setting out.</summary>
    protected void WriteStatuses(JsonObject node, string key, string text, int min, string path, List<ToolError> problems)
    {
        if (Unchanged(key, text))
        {
            return;
        }
        var parts = text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            node.Remove(key);
            return;
        }
        var statuses = new JsonArray();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var status) || status < min || status > 599)
            {
                problems.Add(new ToolError("tool", $"{path}.{key}", $"\"{part}\" is not an HTTP status from {min} to 599: write e.g. 429, 503."));
                return;
            }
            statuses.Add(status);
        }
        node[key] = statuses;
    }

    /// <summary>A flag that is off by default: written when on, or when the document said it.</summary>
    protected void WriteFlag(JsonObject node, string key, bool value)
    {
        var had = Original[key] is JsonValue v ? v.GetValueKind() : JsonValueKind.Undefined;
        if ((had == JsonValueKind.True && value) || (had == JsonValueKind.False && !value))
        {
            return;
        }
        ToolDraft.SetOrRemove(node, key, value || Original.ContainsKey(key) ? value : null);
    }

    // The duration strings the schema accepts.
    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationText();
}

/// <summary>Retries of transient failures (<c>retry</c>): 429/502/503/504 and dropped connections, honouring Retry-After.</summary>
public sealed class RetryDraft : StepSettingsDraft
{
    /// <summary>Attempts in all, the first included (2 to 10); empty for the default, 3.</summary>
    public string Attempts { get; set; } = "3";

    /// <summary>The statuses retried, e.g. "429, 503"; empty for the default (429, 502, 503, 504).</summary>
    public string Statuses { get; set; } = "";

    /// <summary>The first wait, doubled each attempt; empty for 1s.</summary>
    public string Delay { get; set; } = "";

    /// <summary>The longest wait between attempts; empty for 30s.</summary>
    public string MaxDelay { get; set; } = "";

    /// <summary>The most time all attempts may take; empty for 2m.</summary>
    public string MaxTotal { get; set; } = "";

    /// <summary>Retry POST and PATCH too, with one Idempotency-Key for every attempt.</summary>
    public bool UnsafeMethods { get; set; }

    internal static RetryDraft Read(JsonNode? node)
    {
        var draft = new RetryDraft();
        draft.Load(node);
        if (draft.WasPresent)
        {
            draft.Attempts = draft.Show("attempts");
            draft.Statuses = draft.Show("statuses");
            draft.Delay = draft.Show("delay");
            draft.MaxDelay = draft.Show("maxDelay");
            draft.MaxTotal = draft.Show("maxTotal");
            draft.UnsafeMethods = draft.Original["unsafeMethods"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        }
        return draft;
    }

    /// <summary>"3 attempts" for the collapsed summary.</summary>
    public string Summary => $"retries: {(Attempts.Trim().Length == 0 ? "3" : Attempts.Trim())} attempts";

    /// <inheritdoc />
    protected override void Write(JsonObject node, string path, List<ToolError> problems)
    {
        WriteInteger(node, "attempts", Attempts, 2, 10, path, problems);
        WriteStatuses(node, "statuses", Statuses, 400, path, problems);
        WriteDuration(node, "delay", Delay, path, problems);
        WriteDuration(node, "maxDelay", MaxDelay, path, problems);
        WriteDuration(node, "maxTotal", MaxTotal, path, problems);
        WriteFlag(node, "unsafeMethods", UnsafeMethods);
    }
}

/// <summary>Following pages (<c>pagination</c>): the step's result is every page's items in one array.</summary>
public sealed class PaginationDraft : StepSettingsDraft
{
    /// <summary>The paging styles, in plain words.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Modes =
    [
        (JsonNames.Of(PaginationMode.Link), "Link header"), (JsonNames.Of(PaginationMode.NextUrl), "Next URL in the body"), (JsonNames.Of(PaginationMode.Cursor), "Cursor"),
        (JsonNames.Of(PaginationMode.Page), "Page number"), (JsonNames.Of(PaginationMode.Offset), "Offset"),
    ];

    /// <summary>Where a cursor is sent.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> CursorPlaces =
    [
        (JsonNames.Of(CursorPlace.Query), "A URL parameter"), (JsonNames.Of(CursorPlace.Header), "A header"), (JsonNames.Of(CursorPlace.Body), "A field of the JSON body"),
    ];

    // The settings each mode uses, besides the common ones.
    private static readonly Dictionary<string, string[]> ModeKeys = new(StringComparer.Ordinal)
    {
        [JsonNames.Of(PaginationMode.Link)] = [],
        [JsonNames.Of(PaginationMode.NextUrl)] = ["nextUrl"],
        [JsonNames.Of(PaginationMode.Cursor)] = ["cursor", "cursorParam", "cursorIn"],
        [JsonNames.Of(PaginationMode.Page)] = ["param", "start"],
        [JsonNames.Of(PaginationMode.Offset)] = ["param", "start"],
    };

    private static readonly string[] CommonKeys = ["mode", "items", "sizeParam", "size", "hasMore", "stopOnStatus", "maxPages", "maxItems"];

    /// <summary>link, nextUrl, cursor, page or offset.</summary>
    public string Mode { get; set; } = "link";

    /// <summary>Where a page's items are, e.g. <c>body.data</c>; empty when the body is the array.</summary>
    public string Items { get; set; } = "";

    /// <summary>With nextUrl: where the next page's URL is, e.g. <c>body.next</c>.</summary>
    public string NextUrl { get; set; } = "";

    /// <summary>With cursor: where the next cursor is, e.g. <c>body.meta.next_cursor</c>.</summary>
    public string Cursor { get; set; } = "";

    /// <summary>With cursor: the parameter, header or body field that sends it; empty for <c>cursor</c>.</summary>
    public string CursorParam { get; set; } = "";

    /// <summary>With cursor: query, header or body.</summary>
    public string CursorIn { get; set; } = "query";

    /// <summary>With page/offset: the parameter; empty for <c>page</c> / <c>offset</c>.</summary>
    public string Param { get; set; } = "";

    /// <summary>With page/offset: the first page number (default 1) or offset (default 0).</summary>
    public string Start { get; set; } = "";

    /// <summary>The page-size parameter, e.g. <c>per_page</c>.</summary>
    public string SizeParam { get; set; } = "";

    /// <summary>The page size asked for.</summary>
    public string Size { get; set; } = "";

    /// <summary>Where the response says whether there is more, e.g. <c>body.has_more</c>.</summary>
    public string HasMore { get; set; } = "";

    /// <summary>Statuses that end paging normally, e.g. "404".</summary>
    public string StopOnStatus { get; set; } = "";

    /// <summary>The most pages fetched; empty for 100.</summary>
    public string MaxPages { get; set; } = "";

    /// <summary>The most items kept; empty for no limit.</summary>
    public string MaxItems { get; set; } = "";

    /// <summary>The mode in plain words.</summary>
    public string ModeLabel => Modes.FirstOrDefault(m => m.Value == Mode).Label ?? Mode;

    internal static PaginationDraft Read(JsonNode? node)
    {
        var draft = new PaginationDraft();
        draft.Load(node);
        if (draft.WasPresent)
        {
            draft.Mode = draft.Show("mode") is { Length: > 0 } mode ? mode : "link";
            draft.Items = draft.Show("items");
            draft.NextUrl = draft.Show("nextUrl");
            draft.Cursor = draft.Show("cursor");
            draft.CursorParam = draft.Show("cursorParam");
            draft.CursorIn = draft.Show("cursorIn") is { Length: > 0 } place ? place : "query";
            draft.Param = draft.Show("param");
            draft.Start = draft.Show("start");
            draft.SizeParam = draft.Show("sizeParam");
            draft.Size = draft.Show("size");
            draft.HasMore = draft.Show("hasMore");
            draft.StopOnStatus = draft.Show("stopOnStatus");
            draft.MaxPages = draft.Show("maxPages");
            draft.MaxItems = draft.Show("maxItems");
        }
        return draft;
    }

    /// <summary>Whether the mode uses the setting <paramref name="key"/>.</summary>
    public bool Uses(string key) => CommonKeys.Contains(key) || (ModeKeys.TryGetValue(Mode, out var keys) && keys.Contains(key));

    /// <inheritdoc />
    protected override void Write(JsonObject node, string path, List<ToolError> problems)
    {
        // Another mode's settings go with the mode they belonged to.
        if (Show("mode") != Mode)
        {
            foreach (var key in node.Select(static p => p.Key).Where(k => !Uses(k)).ToList())
            {
                node.Remove(key);
            }
        }
        WriteText(node, "mode", Mode);
        WriteText(node, "items", Items);
        if (Uses("nextUrl"))
        {
            WriteText(node, "nextUrl", NextUrl);
            if (NextUrl.Trim().Length == 0)
            {
                problems.Add(new ToolError("tool", path + ".nextUrl", "\"Next URL in the body\" needs where the body has it, e.g. body.next."));
            }
        }
        if (Uses("cursor"))
        {
            WriteText(node, "cursor", Cursor);
            WriteText(node, "cursorParam", CursorParam);
            WriteChoice(node, "cursorIn", CursorIn, "query");
            if (Cursor.Trim().Length == 0)
            {
                problems.Add(new ToolError("tool", path + ".cursor", "\"Cursor\" needs where the response has the next cursor, e.g. body.next_cursor."));
            }
        }
        if (Uses("param"))
        {
            WriteText(node, "param", Param);
            WriteInteger(node, "start", Start, 0, int.MaxValue, path, problems);
        }
        WriteText(node, "sizeParam", SizeParam);
        WriteInteger(node, "size", Size, 1, int.MaxValue, path, problems);
        WriteText(node, "hasMore", HasMore);
        WriteStatuses(node, "stopOnStatus", StopOnStatus, 100, path, problems);
        WriteInteger(node, "maxPages", MaxPages, 1, 100_000, path, problems);
        WriteInteger(node, "maxItems", MaxItems, 1, int.MaxValue, path, problems);
    }
}

/// <summary>Sending an array body in batches (<c>batch</c>): one request per batch of elements.</summary>
public sealed class BatchDraft : StepSettingsDraft
{
    /// <summary>Elements per request.</summary>
    public string Size { get; set; } = "100";

    /// <summary>Batches in flight at once; empty for 1 (in order).</summary>
    public string Concurrency { get; set; } = "";

    internal static BatchDraft Read(JsonNode? node)
    {
        var draft = new BatchDraft();
        draft.Load(node);
        if (draft.WasPresent)
        {
            draft.Size = draft.Show("size");
            draft.Concurrency = draft.Show("concurrency");
        }
        return draft;
    }

    /// <inheritdoc />
    protected override void Write(JsonObject node, string path, List<ToolError> problems)
    {
        if (Size.Trim().Length == 0)
        {
            problems.Add(new ToolError("tool", path + ".size", "Give the number of items per request, e.g. 100."));
        }
        WriteInteger(node, "size", Size, 1, int.MaxValue, path, problems);
        WriteInteger(node, "concurrency", Concurrency, 1, 64, path, problems);
    }
}
