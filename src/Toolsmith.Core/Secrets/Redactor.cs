using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Results;

namespace Toolsmith.Core.Secrets;

/// <summary>
/// Remembers the secret values a run resolved and blanks them out (<c>•••</c>) of anything shown or stored. Each secret is
/// known in every form a server or a URL may give it back in: as sent, percent-encoded (upper- and lower-case hex,
/// form-encoded), JSON-escaped (strict and relaxed), HTML-encoded and lower-cased (a host name). The step results of a run
/// pass through <see cref="Redact(StepResult)"/> once, where the runner records them: every place a result is shown or
/// stored (CLI, REST, web, MCP, the store) sees only the redacted one.
/// </summary>
public sealed class Redactor
{
    /// <summary>What a redacted value is shown as.</summary>
    public const string Mask = "•••";

    private string[] _values = [];

    /// <summary>The values blanked out (each secret and the forms it can come back in), longest first.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>True when no secret has been used.</summary>
    public bool IsEmpty => _values.Length == 0;

    /// <summary>Adds a secret value (and every encoded form of it) to blank out.</summary>
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
            string[] next = [.. current.Concat(FormsOf(value)).Where(static v => v.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(static v => v.Length)];
            if (Interlocked.CompareExchange(ref _values, next, current) == current)
            {
                return;
            }
        }
    }

    /// <summary>The forms a secret may come back in: as sent, encoded for URLs, forms, JSON and HTML, and lower-cased.</summary>
    internal static IEnumerable<string> FormsOf(string value)
    {
        yield return value;
        yield return value.ToLowerInvariant();
        var escaped = Uri.EscapeDataString(value);
        yield return escaped;
        yield return LowerHex(escaped);
        var segment = Templates.UrlTemplate.EscapePathSegment(value); // in a URL's path
        yield return segment;
        yield return LowerHex(segment);
        var query = Templates.UrlTemplate.EscapeQueryValue(value); // in a URL's query
        yield return query;
        yield return LowerHex(query);
        var form = WebUtility.UrlEncode(value);
        yield return form;
        yield return LowerHex(form);
        yield return JsonEncodedText.Encode(value).ToString();
        yield return JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        yield return JsonEncodedText.Encode(value, Serialization.MinimalJsonEscaping.Instance).ToString();
        yield return WebUtility.HtmlEncode(value);
    }

    /// <summary>A percent-encoded text with its hex digits in lower case (<c>%2f</c> rather than <c>%2F</c>).</summary>
    private static string LowerHex(string escaped)
    {
        if (!escaped.Contains('%', StringComparison.Ordinal))
        {
            return escaped;
        }
        var builder = new StringBuilder(escaped);
        for (var i = 0; i + 2 < builder.Length; i++)
        {
            if (builder[i] == '%')
            {
                builder[i + 1] = char.ToLowerInvariant(builder[i + 1]);
                builder[i + 2] = char.ToLowerInvariant(builder[i + 2]);
            }
        }
        return builder.ToString();
    }

    /// <summary>True when <paramref name="utf8"/> holds a secret in any of its forms (checked before parsing a body to redact it).</summary>
    public bool AppearsIn(ReadOnlySpan<byte> utf8)
    {
        foreach (var value in _values)
        {
            var bytes = Encoding.UTF8.GetBytes(value);
            if (utf8.IndexOf(bytes) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Blanks every secret out of a step result, in place: status text, headers, cookies, body (unless it is a blob, whose
    /// file was redacted as it was written), the request summary, redirects, pages, attempts, batches and the diagnosis.
    /// A JSON body received but not yet parsed is parsed only when a secret appears in its bytes.
    /// </summary>
    public void Redact(StepResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_values.Length == 0)
        {
            return;
        }
        if (result.StatusText is { } statusText)
        {
            result.StatusText = Redact(statusText);
        }
        RedactValues(result.Headers);
        RedactValues(result.Cookies);
        if (result.UnparsedJsonBytes is not { } unparsed || AppearsIn(unparsed.Span))
        {
            result.Body = Redact(result.Body);
        }
        if (result.Request is { } request)
        {
            request.Url = Redact(request.Url);
            RedactValues(request.Headers);
        }
        if (result.Redirects is { } hops)
        {
            for (var i = 0; i < hops.Count; i++)
            {
                hops[i] = hops[i] with { From = Redact(hops[i].From), To = Redact(hops[i].To) };
            }
        }
        if (result.Pages is { } pages)
        {
            for (var i = 0; i < pages.Count; i++)
            {
                pages[i] = pages[i] with { Url = pages[i].Url is { } url ? Redact(url) : null };
            }
        }
        if (result.StoppedBecause is { } stopped)
        {
            result.StoppedBecause = Redact(stopped);
        }
        foreach (var batch in result.Batches ?? [])
        {
            Redact(batch);
        }
        if (result.Diagnosis is { } diagnosis)
        {
            result.Diagnosis = Redact(diagnosis);
        }
    }

    /// <summary>Blanks every secret out of every step result of an outcome (one result, or one per element of a foreach).</summary>
    public void Redact(StepOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Single is { } single)
        {
            Redact(single);
        }
        foreach (var item in outcome.Items ?? [])
        {
            Redact(item);
        }
    }

    /// <summary>A copy of the diagnosis with every secret blanked out of its texts.</summary>
    public Diagnosis.Diagnosis Redact(Diagnosis.Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        if (_values.Length == 0)
        {
            return diagnosis;
        }
        return new Diagnosis.Diagnosis
        {
            Kind = diagnosis.Kind,
            Title = Redact(diagnosis.Title),
            Explanation = Redact(diagnosis.Explanation),
            Hint = Redact(diagnosis.Hint),
            Scopes = diagnosis.Scopes is not { } scopes ? null : new Diagnosis.ScopeInfo
            {
                Missing = [.. scopes.Missing.Select(Redact)],
                Granted = scopes.Granted?.Select(Redact).ToList(),
                Required = scopes.Required?.Select(Redact).ToList(),
            },
            Fields = diagnosis.Fields?.Select(f => new Diagnosis.FieldProblem(Redact(f.Path), Redact(f.Message))).ToList(),
            RetryAfterSeconds = diagnosis.RetryAfterSeconds,
            Provider = diagnosis.Provider,
            ProviderMessage = diagnosis.ProviderMessage is null ? null : Redact(diagnosis.ProviderMessage),
        };
    }

    private void RedactValues(Dictionary<string, string> values)
    {
        foreach (var (key, value) in values)
        {
            var redacted = Redact(value);
            if (!ReferenceEquals(value, redacted))
            {
                values[key] = redacted;
            }
        }
        // A header or cookie name that carries a secret (rare, but a server can reflect anything) is renamed too.
        foreach (var key in values.Keys.Where(k => !ReferenceEquals(Redact(k), k)).ToList())
        {
            var value = values[key];
            values.Remove(key);
            values[Redact(key)] = value;
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
