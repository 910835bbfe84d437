using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolsmith.Core.Serialization;

/// <summary>
/// The spacing and line breaks of a JSON text as someone wrote it, laid over JSON written compact (docs/design.md,
/// "Request bodies"). A JSON body pasted over several lines is sent over those lines, as curl or Postman would send it,
/// while its values still come from the body (templates rendered). The layout is the gaps between the text's tokens,
/// separators included, and the strings written with escapes (sent as written while they hold the value they spell); it
/// fits only a value with the same tokens in the same order, where a placeholder string may have become any value.
/// </summary>
public sealed class JsonLayout
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = MinimalJsonEscaping.Instance };

    /// <summary>What stands before each token (separators and white space), and after the last one at the end.</summary>
    private readonly byte[][] _gaps;

    /// <summary>Each token's type, to check that a compact text has the same tokens.</summary>
    private readonly JsonTokenType[] _tokens;

    /// <summary>
    /// Strings (and member names) written with escapes (<c>"caf\u00e9"</c>, <c>"a\/b"</c>), by token: sent as written while
    /// the value there is still the one they spell, as curl and Postman send the text.
    /// </summary>
    private readonly Dictionary<int, (byte[] Written, string Value)>? _escaped;

    private JsonLayout(byte[][] gaps, JsonTokenType[] tokens, Dictionary<int, (byte[] Written, string Value)>? escaped) => (_gaps, _tokens, _escaped) = (gaps, tokens, escaped);

    /// <summary>
    /// The layout of <paramref name="text"/> when it holds exactly the JSON of <paramref name="value"/> (members in the same
    /// order, numbers as written) and is not already compact; null otherwise, and then the value is sent compact.
    /// </summary>
    public static JsonLayout? Of(string? text, JsonNode? value)
    {
        if (string.IsNullOrEmpty(text) || value is not (JsonObject or JsonArray))
        {
            return null;
        }
        JsonNode? written;
        try
        {
            written = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return null;
        }
        var compact = value.ToJsonString(Compact);
        if (written is null || written.ToJsonString(Compact) != compact || text == compact)
        {
            return null;
        }
        return Read(text);
    }

    /// <summary>The layout of a JSON text, whatever its values; null when it is not one JSON value.</summary>
    public static JsonLayout? Read(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var gaps = new List<byte[]>();
        var tokens = new List<JsonTokenType>();
        Dictionary<int, (byte[] Written, string Value)>? escaped = null;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        long end = 0;
        try
        {
            while (reader.Read())
            {
                gaps.Add(bytes.AsSpan((int)end, (int)(reader.TokenStartIndex - end)).ToArray());
                tokens.Add(reader.TokenType);
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    (escaped ??= [])[tokens.Count - 1] = (bytes.AsSpan((int)reader.TokenStartIndex, reader.ValueSpan.Length + 2).ToArray(), reader.GetString()!);
                }
                end = TokenEnd(ref reader);
            }
        }
        catch (JsonException)
        {
            return null;
        }
        if (tokens.Count == 0)
        {
            return null;
        }
        gaps.Add(bytes.AsSpan((int)end).ToArray());
        return new JsonLayout([.. gaps], [.. tokens], escaped);
    }

    /// <summary>
    /// The text of <paramref name="value"/> in this layout (a body as its user wrote it, with the values an import put in);
    /// null when the value does not have the layout's tokens or the text would be the compact one.
    /// </summary>
    public string? Write(JsonNode value)
    {
        var compact = Encoding.UTF8.GetBytes(value.ToJsonString(Compact));
        var laid = Apply(compact);
        return ReferenceEquals(laid, compact) || laid.AsSpan().SequenceEqual(compact) ? null : Encoding.UTF8.GetString(laid);
    }

    /// <summary>
    /// <paramref name="compact"/> (JSON written without spaces) laid out as written; a value whose tokens differ from the
    /// layout's (other members, another length) is returned as it is.
    /// </summary>
    public byte[] Apply(byte[] compact)
    {
        var output = new ArrayBufferWriter<byte>(compact.Length + (compact.Length >> 1) + 16);
        var reader = new Utf8JsonReader(compact);
        var i = 0;
        while (reader.Read())
        {
            if (i >= _tokens.Length)
            {
                return compact;
            }
            output.Write(_gaps[i]);
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && _tokens[i] == JsonTokenType.String)
            {
                // A placeholder that stood for a whole object or array: the value goes in compact, in the placeholder's place.
                reader.Skip();
                output.Write(compact.AsSpan(start, (int)reader.BytesConsumed - start));
                i++;
                continue;
            }
            if (reader.TokenType != _tokens[i] && !(_tokens[i] == JsonTokenType.String && IsScalar(reader.TokenType)))
            {
                return compact;
            }
            if (_escaped is not null && _escaped.TryGetValue(i, out var written) && reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                && reader.GetString() == written.Value)
            {
                output.Write(written.Written);
            }
            else
            {
                output.Write(compact.AsSpan(start, (int)(TokenEnd(ref reader) - start)));
            }
            i++;
        }
        if (i != _tokens.Length)
        {
            return compact;
        }
        output.Write(_gaps[i]);
        return output.WrittenSpan.ToArray();
    }

    private static bool IsScalar(JsonTokenType type) =>
        type is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;

    /// <summary>Where the current token ends: a string's closing quote included, a separator after it not.</summary>
    private static long TokenEnd(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String or JsonTokenType.PropertyName => reader.TokenStartIndex + reader.ValueSpan.Length + 2,
        JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null => reader.TokenStartIndex + reader.ValueSpan.Length,
        _ => reader.TokenStartIndex + 1,
    };
}
