using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Model;

/// <summary>
/// The two shapes in which a URL parameter or form field says it is sent as one value (docs/design.md, <c>params</c>):
/// <c>{"values": X, "join": ","}</c> — an array's items joined by the separator (OpenAPI's form style without explode,
/// Swagger's csv, ssv, tsv and pipes) — and <c>{"json": X}</c> — the value's JSON text. Each is exactly these members.
/// </summary>
public static class OneValueShapes
{
    /// <summary>Whether <paramref name="value"/> is <c>{"values": X, "join": "SEP"}</c>; X may be null (an input not given).</summary>
    public static bool IsJoined(JsonNode? value, out JsonNode? values, out string separator)
    {
        (values, separator) = (null, "");
        if (value is not JsonObject { Count: 2 } o || !o.ContainsKey("values") || o["join"] is not JsonValue j || j.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }
        (values, separator) = (o["values"], j.GetValue<string>());
        return true;
    }

    /// <summary>Whether <paramref name="value"/> is <c>{"json": X}</c>.</summary>
    public static bool IsJsonText(JsonNode? value, out JsonNode? inner)
    {
        inner = null;
        if (value is not JsonObject { Count: 1 } o || !o.ContainsKey("json"))
        {
            return false;
        }
        inner = o["json"];
        return true;
    }

    /// <summary>An array of plain values, each percent-encoded, joined by the separator (a comma as it is; any other encoded).</summary>
    public static bool TryJoinEncoded(JsonNode? items, string separator, out string joined)
    {
        joined = "";
        if (items is not JsonArray list || !list.All(static v => v is JsonValue))
        {
            return false;
        }
        var sb = new StringBuilder();
        sb.AppendJoin(separator == "," ? "," : Uri.EscapeDataString(separator), list.Select(static v => Uri.EscapeDataString(Template.ToText(v))));
        joined = sb.ToString();
        return true;
    }
}
