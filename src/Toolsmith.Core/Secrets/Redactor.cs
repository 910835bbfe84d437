using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolsmith.Core.Secrets;

/// <summary>
/// Remembers the secret values a run resolved and blanks them out (<c>•••</c>) of anything shown or stored:
/// the request summary, error messages, diagnoses, inputs and outputs.
/// </summary>
public sealed class Redactor
{
    /// <summary>What a redacted value is shown as.</summary>
    public const string Mask = "•••";

    private string[] _values = [];

    /// <summary>The values blanked out (each secret and its URL-encoded form), longest first.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>True when no secret has been used.</summary>
    public bool IsEmpty => _values.Length == 0;

    /// <summary>Adds a secret value (and its URL-encoded form) to blank out.</summary>
    public void Add(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return;
        }
        // Copy-on-write: readers never lock; concurrent adds retry until their array wins.
        while (true)
        {
            var current = Volatile.Read(ref _values);
            if (Array.IndexOf(current, value) >= 0)
            {
                return;
            }
            string[] next = [.. current.Append(value).Append(Uri.EscapeDataString(value)).Distinct().OrderByDescending(static v => v.Length)];
            if (Interlocked.CompareExchange(ref _values, next, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>The text with every secret value replaced by <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = _values;
        foreach (var value in values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }
        return text;
    }

    /// <summary>Redacts every string in a JSON tree, in place; returns the node for chaining.</summary>
    public JsonNode? Redact(JsonNode? node)
    {
        if (_values.Length == 0 || node is null)
        {
            return node;
        }
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(static p => p.Key).ToList())
                {
                    var child = obj[key];
                    if (child is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        var text = v.GetValue<string>();
                        var redacted = Redact(text);
                        if (!ReferenceEquals(text, redacted))
                        {
                            obj[key] = redacted;
                        }
                    }
                    else
                    {
                        Redact(child);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                    {
                        var text = v.GetValue<string>();
                        var redacted = Redact(text);
                        if (!ReferenceEquals(text, redacted))
                        {
                            array[i] = redacted;
                        }
                    }
                    else
                    {
                        Redact(array[i]);
                    }
                }
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var s = value.GetValue<string>();
                var r = Redact(s);
                return ReferenceEquals(s, r) ? node : JsonValue.Create(r);
        }
        return node;
    }
}
