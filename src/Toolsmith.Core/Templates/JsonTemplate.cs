using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolsmith.Core.Templates;

/// <summary>
/// A JSON value whose strings may hold templates, compiled once. It renders straight to UTF-8 JSON
/// (the serializer escapes every value) or to a <see cref="JsonNode"/>.
/// </summary>
internal abstract class JsonTemplate
{
    /// <summary>True when nothing in the tree is a template.</summary>
    public abstract bool IsLiteral { get; }

    /// <summary>Every template in the tree.</summary>
    public abstract IEnumerable<Template> Templates { get; }

    /// <summary>Writes the rendered value.</summary>
    public abstract void Write(Utf8JsonWriter writer, TemplateScope scope);

    /// <summary>The rendered value as a new node.</summary>
    public abstract JsonNode? Render(TemplateScope scope);

    /// <summary>The one placeholder this value is (<c>"{{body}}"</c>), typed; null for any other value.</summary>
    public virtual Template? Whole => null;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The rendered value as UTF-8 JSON bytes: one array of the exact size; the writer and its buffer are reused per thread.</summary>
    public byte[] RenderUtf8(TemplateScope scope)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        // Escapes only what JSON requires: a body sends "<", "&", "'", non-ASCII text and emoji as written, not as \uXXXX.
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Toolsmith.Core.Serialization.MinimalJsonEscaping.Instance });
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            Write(writer, scope);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Reset();
            if (buffer.Capacity > 1 << 20)
            {
                t_buffer = null; // do not keep a huge buffer alive for the thread
            }
        }
    }

    /// <summary>Compiles a JSON value; <paramref name="location"/> names it in errors (e.g. <c>steps[0].body</c>).</summary>
    public static JsonTemplate Compile(JsonNode? node, string location)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                var members = obj.Select(p => (p.Key, Compile(p.Value, $"{location}.{p.Key}"))).ToArray();
                // All literal: the members' own values (an escaped \{{ read as {{), not the node as written.
                return members.All(static m => m.Item2.IsLiteral)
                    ? new Literal(new JsonObject(members.Select(static m => KeyValuePair.Create(m.Key, ((Literal)m.Item2).Node?.DeepClone()))))
                    : new ObjectTemplate(members);
            }
            case JsonArray array:
            {
                var items = array.Select((item, i) => Compile(item, $"{location}[{i.ToString(CultureInfo.InvariantCulture)}]")).ToArray();
                return items.All(static i => i.IsLiteral)
                    ? new Literal(new JsonArray([.. items.Select(static i => ((Literal)i).Node?.DeepClone())]))
                    : new ArrayTemplate(items);
            }
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
            {
                var template = Template.Parse(value.GetValue<string>(), location);
                return !template.IsLiteral ? new StringTemplate(template)
                    : template.LiteralText == template.Source ? new Literal(node) : new Literal(JsonValue.Create(template.LiteralText));
            }
            default:
                return new Literal(node);
        }
    }

    private sealed class Literal(JsonNode? node) : JsonTemplate
    {
        public override bool IsLiteral => true;

        public JsonNode? Node => node;

        public override IEnumerable<Template> Templates => [];

        public override void Write(Utf8JsonWriter writer, TemplateScope scope)
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        public override JsonNode? Render(TemplateScope scope) => node?.DeepClone();
    }

    private sealed class StringTemplate(Template template) : JsonTemplate
    {
        public override bool IsLiteral => false;

        public override IEnumerable<Template> Templates => [template];

        public override void Write(Utf8JsonWriter writer, TemplateScope scope)
        {
            if (template.SingleExpression is { } path)
            {
                var value = scope.Resolve(path, template);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
                return;
            }
            writer.WriteStringValue(template.RenderText(scope));
        }

        public override JsonNode? Render(TemplateScope scope) => template.RenderValue(scope);

        public override Template? Whole => template.SingleExpression is null ? null : template;
    }

    private sealed class ObjectTemplate((string Key, JsonTemplate Value)[] members) : JsonTemplate
    {
        public override bool IsLiteral => false;

        public override IEnumerable<Template> Templates => members.SelectMany(static m => m.Value.Templates);

        public override void Write(Utf8JsonWriter writer, TemplateScope scope)
        {
            writer.WriteStartObject();
            foreach (var (key, value) in members)
            {
                writer.WritePropertyName(key);
                value.Write(writer, scope);
            }
            writer.WriteEndObject();
        }

        public override JsonNode? Render(TemplateScope scope)
        {
            var obj = new JsonObject();
            foreach (var (key, value) in members)
            {
                obj[key] = value.Render(scope);
            }
            return obj;
        }
    }

    private sealed class ArrayTemplate(JsonTemplate[] items) : JsonTemplate
    {
        public override bool IsLiteral => false;

        public override IEnumerable<Template> Templates => items.SelectMany(static i => i.Templates);

        public override void Write(Utf8JsonWriter writer, TemplateScope scope)
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.Write(writer, scope);
            }
            writer.WriteEndArray();
        }

        public override JsonNode? Render(TemplateScope scope)
        {
            var array = new JsonArray();
            foreach (var item in items)
            {
                array.Add(item.Render(scope));
            }
            return array;
        }
    }
}
