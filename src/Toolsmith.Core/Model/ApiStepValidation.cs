using System.Text.Json.Nodes;

namespace Toolsmith.Core.Model;

/// <summary>
/// JSON Schemas the rendered request is checked against before it is sent (an OpenAPI import fills them from the operation).
/// A value that does not match fails the step with an <c>invalid_value</c> diagnosis naming the field; nothing is sent.
/// </summary>
public sealed class ApiStepValidation
{
    /// <summary>The schema of the body (the JSON body, or the fields of a form body).</summary>
    public JsonNode? Body { get; set; }

    /// <summary>The schema of each URL parameter, by name.</summary>
    public Dictionary<string, JsonNode>? Params { get; set; }

    /// <summary>The schema of each header, by name.</summary>
    public Dictionary<string, JsonNode>? Headers { get; set; }

    /// <summary>The schema of each path placeholder, by the input it names (<c>"petId"</c> for <c>{{petId}}</c> in the URL).</summary>
    public Dictionary<string, JsonNode>? Path { get; set; }
}
