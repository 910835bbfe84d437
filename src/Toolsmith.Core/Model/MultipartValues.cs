using System.Text.Json.Nodes;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Model;

/// <summary>The values a multipart body's field may hold besides text: a file, or a text part with its own Content-Type.</summary>
public static class MultipartValues
{
    /// <summary>
    /// A text part with its own Content-Type: an object of exactly <c>text</c> and <c>contentType</c>; a text that is an
    /// object or array (a placeholder of one, as OpenAPI's JSON parts) is its compact JSON.
    /// </summary>
    public static bool IsTypedText(JsonNode? value, out string text, out string contentType)
    {
        (text, contentType) = ("", "");
        if (value is not JsonObject { Count: 2 } o || o["text"] is not { } t || o["contentType"] is not JsonValue c)
        {
            return false;
        }
        (text, contentType) = (Template.ToText(t), Template.ToText(c));
        return true;
    }
}
