using System.Text.Json.Nodes;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>
/// One bounded walk over an error body that collects its human messages and its machine codes,
/// whatever the shape (object, top-level array, nested error objects, JSON text inside a message).
/// </summary>
internal static class BodyScan
{
    private const int MaxDepth = 7;
    private const int MaxNodes = 1500;
    private const int MaxEmbedded = 3;

    private static readonly HashSet<string> MessageKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "message", "msg", "detail", "details", "title", "description", "error_description", "errorMessage", "error_message",
        "errorMessages", "messages", "defaultMessage", "userMessage", "user_message", "developerMessage", "error_summary",
        "errorSummary", "non_field_errors", "nonFieldErrors", "reason", "error", "errors", "warning", "hint", "moreInfo",
    };

    private static readonly HashSet<string> CodeKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "code", "error", "error_code", "errorCode", "errorType", "error_type", "reason", "status", "category", "subcode",
        "sub_code", "errorKey", "error_key", "decline_code", "errorName",
    };

    /// <summary>Keys whose content is data or links, not error text.</summary>
    private static readonly HashSet<string> SkipKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "documentation_url", "doc_url", "links", "_links", "request_log_url", "help_url", "more_info", "source", "locations",
        "path", "stack", "stackTrace", "trace", "traceId", "requestId", "request-id", "correlationId", "timestamp", "date",
    };

    /// <summary>Collects messages and codes from <paramref name="body"/> into <paramref name="context"/>.</summary>
    public static void Collect(JsonNode body, DiagnosisContext context)
    {
        var state = new State();
        Walk(body, null, 0, context, state);
    }

    private sealed class State
    {
        public int Nodes;
        public int Embedded;
    }

    private static void Walk(JsonNode? node, string? key, int depth, DiagnosisContext context, State state)
    {
        if (node is null || depth > MaxDepth || ++state.Nodes > MaxNodes)
        {
            return;
        }
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    // A GraphQL or success envelope's data is the API's payload, not its error text.
                    if (depth == 0 && name is "data" && obj.ContainsKey("errors"))
                    {
                        continue;
                    }
                    if (SkipKeys.Contains(name))
                    {
                        continue;
                    }
                    Walk(value, name, depth + 1, context, state);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item, key, depth + 1, context, state);
                }
                break;
            case JsonValue when JsonRead.Str(node) is { } text && key is not null:
                Value(text, key, depth, context, state);
                break;
            case JsonValue when JsonRead.Str(node) is { } text:
                context.AddText(text);
                Embedded(text, depth, context, state);
                break;
        }
    }

    private static void Value(string text, string key, int depth, DiagnosisContext context, State state)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return;
        }
        var looksLikeCode = LooksLikeCode(trimmed);
        if (CodeKeys.Contains(key) && looksLikeCode)
        {
            // "status" is a code only in the UPPER_SNAKE style (Google's PERMISSION_DENIED), not "error" or "404".
            if (!key.Equals("status", StringComparison.OrdinalIgnoreCase) || IsUpperSnake(trimmed))
            {
                context.AddCode(trimmed);
            }
            return;
        }
        if (MessageKeys.Contains(key) && !looksLikeCode)
        {
            context.AddText(trimmed);
            Embedded(trimmed, depth, context, state);
        }
    }

    /// <summary>Messages such as <c>Property values were not valid: [{"name":"email",...}]</c> carry JSON inside the text.</summary>
    private static void Embedded(string text, int depth, DiagnosisContext context, State state)
    {
        if (state.Embedded >= MaxEmbedded || text.Length < 2)
        {
            return;
        }
        var start = text.IndexOfAny(['{', '[']);
        if (start < 0 || (text[^1] != '}' && text[^1] != ']'))
        {
            return;
        }
        if (JsonRead.TryParse(text[start..]) is { } inner)
        {
            state.Embedded++;
            context.AddEmbedded(inner);
            Walk(inner, null, depth + 1, context, state);
        }
    }

    /// <summary>A code is one word: snake_case, camelCase, UPPER_SNAKE, dotted; no spaces.</summary>
    public static bool LooksLikeCode(string s)
    {
        if (s.Length is 0 or > 80)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':'))
            {
                return false;
            }
        }
        return char.IsAsciiLetter(s[0]);
    }

    private static bool IsUpperSnake(string s) => s.Length > 3 && s.All(c => char.IsAsciiLetterUpper(c) || c == '_' || char.IsAsciiDigit(c));
}
