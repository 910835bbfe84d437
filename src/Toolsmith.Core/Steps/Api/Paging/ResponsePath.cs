using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Steps.Api.Paging;

/// <summary>A path into a page's response, parsed once: <c>body.data.items</c>, <c>headers.x-next</c>, <c>status</c>.</summary>
internal sealed class ResponsePath
{
    private readonly TemplatePath _path;

    private ResponsePath(TemplatePath path) => _path = path;

    public string Text => _path.Text;

    /// <summary>Parses a path; the error names what is wrong.</summary>
    public static ResponsePath Parse(string text, string location)
    {
        var path = TemplatePath.TryParse(text.Trim(), out var error)
            ?? throw new TemplateException($"{location}: \"{text}\" is not a path ({error}).");
        if (path.Root is not ("body" or "headers" or "status"))
        {
            throw new TemplateException($"{location}: \"{text}\" must start with body, headers or status (e.g. body.data).");
        }
        return new ResponsePath(path);
    }

    /// <summary>The value at the path in a page (its <paramref name="body"/> already parsed), or null when it is not there.</summary>
    public JsonNode? Find(Exchange page, JsonNode? body)
    {
        var segments = _path.Segments;
        switch (_path.Root)
        {
            case "status":
                return page.Status is { } s ? JsonValue.Create(s) : null;
            case "headers":
                return segments.Length > 1 && segments[1].Name is { } name && page.Headers?.TryGetValue(name, out var value) == true ? JsonValue.Create(value) : null;
        }
        var node = body;
        for (var i = 1; i < segments.Length && node is not null; i++)
        {
            var segment = segments[i];
            node = node switch
            {
                JsonObject obj when segment.Name is { } n => obj.TryGetPropertyValue(n, out var child) ? child : null,
                JsonArray array when segment.Name is null => segment.Index < array.Count ? array[segment.Index] : null,
                _ => null,
            };
        }
        return node;
    }

    /// <summary>True for a value that means "go on": not null, false, 0, or an empty string.</summary>
    public static bool IsTruthy(JsonNode? node) => node switch
    {
        null => false,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String => v.GetValue<string>().Length > 0 && v.GetValue<string>() != "false",
            JsonValueKind.Number => v.GetValue<double>() != 0,
            _ => true,
        },
        _ => true,
    };
}
