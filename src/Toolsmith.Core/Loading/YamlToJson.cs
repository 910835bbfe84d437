using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Toolsmith.Core.Loading;

/// <summary>Reads a YAML document into the same JSON tree a <c>*.tool.json</c> file gives (YAML 1.2 core schema scalars).</summary>
internal static class YamlToJson
{
    public static JsonNode? Convert(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
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
        if (stream.Documents.Count == 0)
        {
            throw new ToolLoadException(file, "", "is empty: a tool document needs at least \"name\" and \"steps\".");
        }
        return ToNode(stream.Documents[0].RootNode, file);
    }

    private static JsonNode? ToNode(YamlNode node, string file) => node switch
    {
        YamlMappingNode map => ToObject(map, file),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(c => ToNode(c, file))]),
        YamlScalarNode scalar => ToScalar(scalar),
        _ => throw new ToolLoadException(file, "", $"line {node.Start.Line}: YAML aliases are not supported in tool files."),
    };

    private static JsonObject ToObject(YamlMappingNode map, string file)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw new ToolLoadException(file, "", $"line {key.Start.Line}: a mapping key must be a plain text.");
            }
            if (obj.ContainsKey(name))
            {
                throw new ToolLoadException(file, "", $"line {key.Start.Line}: the key \"{name}\" appears twice.");
            }
            obj[name] = ToNode(value, file);
        }
        return obj;
    }

    private static JsonNode? ToScalar(YamlScalarNode scalar)
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
