using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Toolsmith.Import.OpenApi;

/// <summary>
/// Writes an OpenAPI schema (any version, as Microsoft.OpenApi reads it) as a self-contained JSON Schema 2020-12 document
/// for request checks: referenced components go to <c>$defs</c> (so recursive schemas stay exact), and properties marked
/// readOnly are not required in a request.
/// </summary>
internal sealed class SchemaConverter
{
    private const int MaxDepth = 32;
    private readonly JsonObject _defs = [];
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    /// <summary>The JSON Schema of <paramref name="schema"/>, with its own <c>$defs</c>.</summary>
    public static JsonObject Convert(IOpenApiSchema schema)
    {
        var converter = new SchemaConverter();
        var root = converter.Emit(schema, 0);
        if (converter._defs.Count > 0)
        {
            root["$defs"] = converter._defs;
        }
        return root;
    }

    /// <summary>
    /// The check of a parameter whose input is text although some of its alternatives are not (OpenSearch's slices: an
    /// integer or "auto"): those alternatives also take their text form ("7", "true"), as the value travels in the URL or a
    /// header, and the alternatives become anyOf (a number's text may also be a string one). Otherwise the schema as it is.
    /// </summary>
    public static JsonObject ParameterCheck(IOpenApiSchema schema)
    {
        var converted = Convert(schema);
        // The alternatives may be a named schema's (a $ref, to $defs): they are changed there.
        var holder = converted;
        for (var hops = 0; hops < 8 && holder["oneOf"] is null && holder["anyOf"] is null && Def(converted, holder["$ref"]) is { } named; hops++)
        {
            holder = named;
        }
        if (InputType(schema) != "string" || holder["type"] is not null)
        {
            return converted;
        }
        foreach (var key in (string[])["oneOf", "anyOf"])
        {
            if (holder[key] is not JsonArray alternatives)
            {
                continue;
            }
            var changed = false;
            var texts = new JsonArray();
            foreach (var alternative in alternatives)
            {
                var target = Def(converted, alternative?["$ref"]) ?? alternative;
                JsonObject? text = target?["type"]?.ToString() switch
                {
                    "integer" => new JsonObject { ["type"] = "string", ["pattern"] = "^-?[0-9]+$" },
                    "number" => new JsonObject { ["type"] = "string", ["pattern"] = "^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$" },
                    "boolean" => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("true", "false") },
                    _ => null,
                };
                texts.Add(text is null ? alternative?.DeepClone() : new JsonObject { ["anyOf"] = new JsonArray(alternative?.DeepClone(), text) });
                changed |= text is not null;
            }
            if (changed)
            {
                holder.Remove(key);
                holder["anyOf"] = texts;
            }
        }
        return converted;
    }

    /// <summary>The schema in <paramref name="converted"/>'s <c>$defs</c> that a <c>$ref</c> names, or null.</summary>
    private static JsonObject? Def(JsonObject converted, JsonNode? reference) =>
        reference?.GetValue<string>() is { } r && r.StartsWith("#/$defs/", StringComparison.Ordinal)
            ? converted["$defs"]?[r["#/$defs/".Length..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)] as JsonObject
            : null;

    /// <summary>
    /// An object schema's properties and required names, with those of every <c>allOf</c> part merged in (a form body written
    /// as a shared base and its own fields); the schema's own property wins a name both give.
    /// </summary>
    public static (Dictionary<string, IOpenApiSchema> Properties, HashSet<string> Required) ObjectMembers(IOpenApiSchema? schema)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        Collect(schema, 0);
        return (properties, required);

        void Collect(IOpenApiSchema? s, int depth)
        {
            if (s is null || depth > MaxDepth)
            {
                return;
            }
            foreach (var (name, property) in s.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                properties.TryAdd(name, property);
            }
            required.UnionWith(s.Required ?? new HashSet<string>());
            foreach (var part in s.AllOf ?? [])
            {
                Collect(part, depth + 1);
            }
        }
    }

    /// <summary>The input type (JSON Schema type name) a value of this schema takes, or <paramref name="fallback"/>.</summary>
    public static string InputType(IOpenApiSchema? schema, string fallback = "string")
    {
        var type = schema?.Type;
        if (type is null && schema is not null)
        {
            if (schema.Properties is { Count: > 0 })
            {
                return "object";
            }
            if (schema.Items is not null)
            {
                return "array";
            }
            foreach (var sub in schema.AllOf ?? [])
            {
                var t = InputType(sub, "");
                if (t.Length > 0)
                {
                    return t;
                }
            }
            // Alternatives of several types (an id or a slug: oneOf integer, string): the input takes the widest.
            var choices = (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Select(static sub => InputType(sub, "")).Where(static t => t.Length > 0).Distinct().ToList();
            return choices.Count switch
            {
                0 => fallback,
                1 => choices[0],
                _ when choices.Contains("string") => "string",
                _ when choices.All(static c => c is "integer" or "number") => "number",
                _ => choices[0],
            };
        }
        return type switch
        {
            { } t when t.HasFlag(JsonSchemaType.String) && (t.HasFlag(JsonSchemaType.Integer) || t.HasFlag(JsonSchemaType.Number) || t.HasFlag(JsonSchemaType.Boolean))
                && !t.HasFlag(JsonSchemaType.Object) && !t.HasFlag(JsonSchemaType.Array) => "string",
            { } t when t.HasFlag(JsonSchemaType.Object) => "object",
            { } t when t.HasFlag(JsonSchemaType.Array) => "array",
            { } t when t.HasFlag(JsonSchemaType.Integer) => "integer",
            { } t when t.HasFlag(JsonSchemaType.Number) => "number",
            { } t when t.HasFlag(JsonSchemaType.Boolean) => "boolean",
            { } t when t.HasFlag(JsonSchemaType.String) => "string",
            _ => fallback,
        };
    }

    /// <summary>
    /// The members a schema requires (itself, its allOf parts or its alternatives) that no property of it, its parts or its
    /// alternatives declares, in order: a body without them fails the check, and nothing in the description names their type.
    /// Those of a member's own schema, at any depth, are named by their path (<c>users.displayName</c>, <c>pages[].components</c>).
    /// </summary>
    public static List<string> RequiredButUndeclared(IOpenApiSchema schema)
    {
        var found = new List<string>();
        var levels = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        void Level(IOpenApiSchema top, string prefix, int depth)
        {
            if (depth > MaxDepth || !levels.Add(top))
            {
                return;
            }
            var (required, properties) = (new List<string>(), new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal));
            var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
            void Walk(IOpenApiSchema s, int d)
            {
                if (d > MaxDepth || !seen.Add(s))
                {
                    return;
                }
                required.AddRange(s.Required ?? new HashSet<string>());
                foreach (var (name, property) in s.Properties ?? new Dictionary<string, IOpenApiSchema>())
                {
                    properties.TryAdd(name, property);
                }
                foreach (var part in (s.AllOf ?? []).Concat(s.AnyOf ?? []).Concat(s.OneOf ?? []))
                {
                    Walk(part, d + 1);
                }
            }
            Walk(top, 0);
            found.AddRange(required.Where(r => !properties.ContainsKey(r)).Select(r => prefix + r));
            foreach (var (name, property) in properties)
            {
                Level(property, prefix + name + ".", depth + 1);
                if (property.Items is { } items)
                {
                    Level(items, prefix + name + "[].", depth + 1);
                }
            }
        }
        Level(schema, "", 0);
        return [.. found.Distinct()];
    }

    private JsonObject Emit(IOpenApiSchema schema, int depth)
    {
        if (depth > MaxDepth)
        {
            return [];
        }
        if (schema is OpenApiSchemaReference { Reference.Id: { Length: > 0 } id } reference)
        {
            var key = id.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
            if (!_defs.ContainsKey(id) && _inProgress.Add(id))
            {
                _defs[id] = new JsonObject(); // placeholder, so a recursive reference finds it
                _defs[id] = reference.Target is { } target ? Emit(target, depth + 1) : [];
                _inProgress.Remove(id);
            }
            return new JsonObject { ["$ref"] = "#/$defs/" + key };
        }
        var o = new JsonObject();
        if (schema.Type is { } type)
        {
            var names = TypeNames(type);
            o["type"] = names.Count == 1 ? names[0] : new JsonArray([.. names.Select(static n => (JsonNode)n)]);
        }
        if (!string.IsNullOrEmpty(schema.Format))
        {
            o["format"] = schema.Format;
        }
        if (schema.Enum is { Count: > 0 } values)
        {
            o["enum"] = new JsonArray([.. values.Select(static v => v?.DeepClone())]);
        }
        if (!string.IsNullOrEmpty(schema.Const))
        {
            o["const"] = schema.Const;
        }
        Number(o, "minimum", schema.Minimum);
        Number(o, "maximum", schema.Maximum);
        Number(o, "exclusiveMinimum", schema.ExclusiveMinimum);
        Number(o, "exclusiveMaximum", schema.ExclusiveMaximum);
        if (schema.MultipleOf is { } multiple)
        {
            o["multipleOf"] = multiple;
        }
        Int(o, "minLength", schema.MinLength);
        Int(o, "maxLength", schema.MaxLength);
        if (!string.IsNullOrEmpty(schema.Pattern))
        {
            o["pattern"] = schema.Pattern;
        }
        Int(o, "minItems", schema.MinItems);
        Int(o, "maxItems", schema.MaxItems);
        if (schema.UniqueItems is true)
        {
            o["uniqueItems"] = true;
        }
        Int(o, "minProperties", schema.MinProperties);
        Int(o, "maxProperties", schema.MaxProperties);
        if (schema.Items is { } items)
        {
            o["items"] = Emit(items, depth + 1);
        }
        if (schema.Properties is { Count: > 0 } properties)
        {
            var props = new JsonObject();
            foreach (var (name, property) in properties)
            {
                props[name] = Emit(property, depth + 1);
            }
            o["properties"] = props;
        }
        if (schema.Required is { Count: > 0 } required)
        {
            // A readOnly property is the server's to set: it is not required (nor expected) in a request.
            var needed = required.Where(r => schema.Properties is null || !schema.Properties.TryGetValue(r, out var p) || !p.ReadOnly).ToList();
            if (needed.Count > 0)
            {
                o["required"] = new JsonArray([.. needed.Select(static r => (JsonNode)r)]);
            }
        }
        if (schema.AdditionalProperties is { } additional)
        {
            o["additionalProperties"] = Emit(additional, depth + 1);
        }
        else if (!schema.AdditionalPropertiesAllowed)
        {
            o["additionalProperties"] = false;
        }
        Many(o, "allOf", schema.AllOf, depth);
        Many(o, "anyOf", schema.AnyOf, depth);
        // A oneOf with a discriminator is checked as anyOf: OpenAPI picks the alternative by the discriminator's value, and
        // alternatives that overlap (DigitalOcean's droplet_action_snapshot is droplet_action plus an optional name) would
        // make every value fail JSON Schema's "exactly one".
        // So is a oneOf of several objects: any object that has what two of them require matches both (OpenSearch's
        // judgment bodies: three objects of optional members, which every body matches), and the server picks anyway.
        Many(o, (schema.Discriminator is not null || (schema.OneOf?.Count(static s => IsObject(s, 0)) ?? 0) > 1) && o["anyOf"] is null ? "anyOf" : "oneOf", schema.OneOf, depth);
        if (schema.Not is { } not)
        {
            o["not"] = Emit(not, depth + 1);
        }
        return o;
    }

    private static bool IsObject(IOpenApiSchema schema, int depth) =>
        depth < MaxDepth && (schema.Type?.HasFlag(JsonSchemaType.Object) == true || schema.Properties is { Count: > 0 } || (schema.AllOf ?? []).Any(p => IsObject(p, depth + 1)));

    private void Many(JsonObject o, string keyword, IList<IOpenApiSchema>? schemas, int depth)
    {
        if (schemas is { Count: > 0 })
        {
            o[keyword] = new JsonArray([.. schemas.Select(s => (JsonNode)Emit(s, depth + 1))]);
        }
    }

    private static List<string> TypeNames(JsonSchemaType type)
    {
        var names = new List<string>();
        foreach (var (flag, name) in (ReadOnlySpan<(JsonSchemaType, string)>)[
            (JsonSchemaType.Object, "object"), (JsonSchemaType.Array, "array"), (JsonSchemaType.String, "string"), (JsonSchemaType.Integer, "integer"),
            (JsonSchemaType.Number, "number"), (JsonSchemaType.Boolean, "boolean"), (JsonSchemaType.Null, "null")])
        {
            if (type.HasFlag(flag))
            {
                names.Add(name);
            }
        }
        return names;
    }

    private static void Number(JsonObject o, string keyword, string? text)
    {
        if (text is { Length: > 0 } && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            o[keyword] = value;
        }
    }

    private static void Int(JsonObject o, string keyword, int? value)
    {
        if (value is { } v)
        {
            o[keyword] = v;
        }
    }
}
