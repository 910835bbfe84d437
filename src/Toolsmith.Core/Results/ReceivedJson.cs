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
    private JsonNode? _preparedCopy;

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
                _node = NewNode();
                _parsed = true;
            }
            return _node;
        }
    }

    /// <summary>Parses a copy now, for the first <see cref="TakeCopy"/> (a body the tool is known to read, parsed while its bytes are fresh).</summary>
    public void PrepareCopy() => Volatile.Write(ref _preparedCopy, NewNode());

    /// <summary>A node of the caller's own: the one <see cref="PrepareCopy"/> made, once, or a new one.</summary>
    public JsonNode? TakeCopy() => Interlocked.Exchange(ref _preparedCopy, null) ?? NewNode();

    private static readonly JsonDocumentOptions NoRepeatedMembers = new() { AllowDuplicateProperties = false };

    /// <summary>
    /// A node of its own, parsed from the bytes. A member named twice in one object (<c>{"a":1,"a":2}</c>) is valid JSON
    /// that a <see cref="JsonObject"/> refuses the first time a member is looked up; such a body is read as JavaScript
    /// reads it: the last one wins.
    /// </summary>
    public JsonNode? NewNode()
    {
        try
        {
            return JsonNode.Parse(_utf8, documentOptions: NoRepeatedMembers);
        }
        catch (JsonException)
        {
            var reader = new Utf8JsonReader(_utf8);
            reader.Read();
            return LastWins(ref reader);
        }
    }

    private static JsonNode? LastWins(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    obj[name] = LastWins(ref reader);
                }
                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(LastWins(ref reader));
                }
                return array;
            default:
                return JsonNode.Parse(ref reader);
        }
    }
}

/// <summary>Writes a step body: a node, or received JSON as its bytes; reads one back as its bytes, parsed when read.</summary>
internal sealed class StepBodyConverter : JsonConverter<object?>
{
    public override bool HandleNull => true;

    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }
        // A stored run's bodies stay bytes until something reads them, like the bodies of a live run.
        using var document = JsonDocument.ParseValue(ref reader);
        return ReceivedJson.FromChecked(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(document.RootElement).ToArray());
    }

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
