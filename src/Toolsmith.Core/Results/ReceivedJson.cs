using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Toolsmith.Core.Results;

/// <summary>
/// A JSON response body kept as the UTF-8 bytes received: checked once on arrival, parsed into a <see cref="JsonNode"/> only
/// if something reads it, and otherwise written into results (run history, <c>--json</c>) as it came.
/// Most elements of a bulk run are recorded and never read: this spares a parse and a re-serialization for each.
/// </summary>
internal sealed class ReceivedJson
{
    private readonly byte[] _utf8;
    private readonly Lock _gate = new();
    private JsonNode? _node;
    private bool _parsed;

    private ReceivedJson(byte[] utf8) => _utf8 = utf8;

    /// <summary>The bytes: one complete JSON value in valid UTF-8, without a byte-order mark.</summary>
    public ReadOnlyMemory<byte> Bytes => _utf8;

    /// <summary>
    /// Wraps a response body the caller has read as valid UTF-8 holding exactly one JSON value (after a byte-order mark,
    /// which is dropped): what <see cref="JsonNode.Parse(ReadOnlySpan{byte}, JsonNodeOptions?, JsonDocumentOptions)"/> accepts.
    /// </summary>
    public static ReceivedJson FromChecked(byte[] body)
    {
        var json = Serialization.Utf8Text.WithoutBom(body);
        return new ReceivedJson(json.Length == body.Length ? body : json.ToArray());
    }

    /// <summary>The parsed node; the same node for every caller.</summary>
    public JsonNode? Parse()
    {
        lock (_gate)
        {
            if (!_parsed)
            {
                _node = JsonNode.Parse(_utf8);
                _parsed = true;
            }
            return _node;
        }
    }
}

/// <summary>Writes a step body: a node, or received JSON as its bytes; reads a node.</summary>
internal sealed class StepBodyConverter : JsonConverter<object?>
{
    public override bool HandleNull => true;

    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : JsonNode.Parse(ref reader);

    public override void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case ReceivedJson json when !writer.Options.Indented:
                // Checked on arrival: one value, valid UTF-8.
                writer.WriteRawValue(json.Bytes.Span, skipInputValidation: true);
                break;
            case ReceivedJson json:
                // Output for people: laid out like the rest of the document, not as the server formatted it.
                using (var document = JsonDocument.Parse(json.Bytes))
                {
                    document.RootElement.WriteTo(writer);
                }
                break;
            default:
                ((JsonNode)value).WriteTo(writer, options);
                break;
        }
    }
}
