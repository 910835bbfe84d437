using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Toolsmith.Core.Loading;

/// <summary>
/// Reads a YAML document into the same JSON tree a <c>*.tool.json</c> file gives (YAML 1.2 core schema scalars).
/// It reads YamlDotNet's event stream rather than its representation model: that model keys mappings by node and
/// recurses without end on some alias keys (found by the property tests), which no catch can stop.
/// </summary>
internal static class YamlToJson
{
    private const int MaxDepth = 64;

    public static JsonNode? Convert(string yaml, string file)
    {
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                throw new ToolLoadException(file, "", "is empty: a tool document needs at least \"name\" and \"steps\".");
            }
            parser.Consume<DocumentStart>();
            var node = Read(parser, file, 0);
            parser.Consume<DocumentEnd>();
            return node;
        }
        catch (YamlException ex)
        {
            throw new ToolLoadException(file, "", $"is not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these on some malformed input (found by the property tests).
            throw new ToolLoadException(file, "", $"is not valid YAML: {ex.Message}");
        }
    }

    private static JsonNode? Read(IParser parser, string file, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ToolLoadException(file, "", $"nests deeper than {MaxDepth} levels.");
        }
        var current = parser.Current ?? throw new ToolLoadException(file, "", "ends too early.");
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return ToScalar(scalar);
            case SequenceStart:
            {
                parser.MoveNext();
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(Read(parser, file, depth + 1));
                }
                return array;
            }
            case MappingStart:
            {
                parser.MoveNext();
                var obj = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    if (parser.Current is not Scalar { Value: var name } key)
                    {
                        throw new ToolLoadException(file, "", $"line {parser.Current?.Start.Line}: a mapping key must be plain text.");
                    }
                    parser.MoveNext();
                    if (obj.ContainsKey(name))
                    {
                        throw new ToolLoadException(file, "", $"line {key.Start.Line}: the key \"{name}\" appears twice.");
                    }
                    obj[name] = Read(parser, file, depth + 1);
                }
                return obj;
            }
            case AnchorAlias alias:
                throw new ToolLoadException(file, "", $"line {alias.Start.Line}: YAML aliases (*{alias.Value}) are not supported in tool files.");
            default:
                throw new ToolLoadException(file, "", $"line {current.Start.Line}: unexpected {current.GetType().Name}.");
        }
    }

    private static JsonNode? ToScalar(Scalar scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonValue.Create(number);
        }
        return JsonValue.Create(value);
    }
}
