using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Mcp.Schemas;

namespace Toolsmith.Mcp.Tests;

public sealed class McpToolSchemaTests
{
    private static Tool Load(string json) => ToolLoader.Parse(json, "test.tool.json");

    private const string CreateUser = """
        {
          "name": "create_user",
          "description": "Create a user account.",
          "inputs": {
            "name":    { "type": "string",  "description": "Full name", "required": true },
            "age":     { "type": "integer", "description": "Age in years" },
            "role":    { "type": "string",  "enum": ["member", "admin"], "default": "member", "required": true },
            "tags":    { "type": "array" },
            "profile": { "type": "object" },
            "active":  { "type": "boolean", "default": true },
            "score":   { "type": "number" }
          },
          "steps": [ { "id": "create", "type": "api", "method": "POST", "url": "http://127.0.0.1:1/users", "body": { "name": "{{name}}" } } ],
          "output": {
            "id": "{{steps.create.body.id}}",
            "status": "{{steps.create.status}}",
            "name": "{{name}}",
            "age": "{{inputs.age}}",
            "greeting": "Hello {{name}}",
            "kind": "user",
            "count": 1,
            "ok": true,
            "nothing": null,
            "list": [1, 2],
            "nested": { "role": "{{role}}" }
          }
        }
        """;

    [Fact]
    public void InputSchema_EachInput_HasTypeDescriptionEnumAndDefault()
    {
        var schema = McpToolSchema.InputSchema(Load(CreateUser).Definition);

        Assert.Equal("object", (string?)schema["type"]);
        Assert.False((bool)schema["additionalProperties"]!);
        var properties = schema["properties"]!.AsObject();
        Assert.Equal(["name", "age", "role", "tags", "profile", "active", "score"], properties.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"string","description":"Full name"}"""), properties["name"]));
        Assert.Equal("integer", (string?)properties["age"]!["type"]);
        Assert.Equal("array", (string?)properties["tags"]!["type"]);
        Assert.Equal("object", (string?)properties["profile"]!["type"]);
        Assert.Equal("number", (string?)properties["score"]!["type"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["member","admin"]"""), properties["role"]!["enum"]));
        Assert.Equal("member", (string?)properties["role"]!["default"]);
        Assert.True((bool)properties["active"]!["default"]!);
    }

    [Fact]
    public void InputSchema_RequiredInputWithDefault_IsNotRequired()
    {
        var schema = McpToolSchema.InputSchema(Load(CreateUser).Definition);

        // "role" is required but has a default: a call without it gets the default, so the schema does not demand it.
        Assert.Equal(["name"], schema["required"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void InputSchema_NoInputs_IsAnEmptyObjectWithoutRequired()
    {
        var schema = McpToolSchema.InputSchema(Load("""{"name":"ping","steps":[{"id":"a","type":"api","url":"http://127.0.0.1:1/"}]}""").Definition);

        Assert.Empty(schema["properties"]!.AsObject());
        Assert.Null(schema["required"]);
    }

    [Fact]
    public void OutputSchema_ObjectTemplate_TypesWhatTheTemplateFixes()
    {
        var schema = McpToolSchema.OutputSchema(Load(CreateUser).Definition)!;

        Assert.Equal("object", (string?)schema["type"]);
        var p = schema["properties"]!.AsObject();
        Assert.Empty(p["id"]!.AsObject()); // a body field: the API decides
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["integer","null"]"""), p["status"]!["type"]));
        Assert.Equal("string", (string?)p["name"]!["type"]); // a required input
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["integer","null"]"""), p["age"]!["type"])); // optional, no default
        Assert.Equal("string", (string?)p["greeting"]!["type"]);
        Assert.Equal("string", (string?)p["kind"]!["type"]);
        Assert.Equal("number", (string?)p["count"]!["type"]);
        Assert.Equal("boolean", (string?)p["ok"]!["type"]);
        Assert.Equal("null", (string?)p["nothing"]!["type"]);
        Assert.Equal("array", (string?)p["list"]!["type"]);
        Assert.Equal("string", (string?)p["nested"]!["properties"]!["role"]!["type"]);
        Assert.Equal(p.Select(x => x.Key), schema["required"]!.AsArray().Select(n => (string?)n));
    }

    [Theory]
    [InlineData("""{"name":"t","steps":[{"id":"a","type":"api","url":"http://127.0.0.1:1/"}]}""")]
    [InlineData("""{"name":"t","steps":[{"id":"a","type":"api","url":"http://127.0.0.1:1/"}],"output":"{{steps.a.body}}"}""")]
    [InlineData("""{"name":"t","steps":[{"id":"a","type":"api","url":"http://127.0.0.1:1/"}],"output":["{{steps.a.status}}"]}""")]
    public void OutputSchema_OutputNotAnObjectTemplate_IsNone(string json)
    {
        Assert.Null(McpToolSchema.OutputSchema(Load(json).Definition));
        Assert.Null(McpToolSchema.ToProtocolTool(Load(json)).OutputSchema);
    }

    [Fact]
    public void ToProtocolTool_NameDescriptionSchemasAndHints()
    {
        var tool = McpToolSchema.ToProtocolTool(Load(CreateUser));

        Assert.Equal("create_user", tool.Name);
        Assert.Equal("Create a user account.", tool.Description);
        Assert.Equal("object", tool.InputSchema.GetProperty("type").GetString());
        Assert.Equal("object", tool.OutputSchema!.Value.GetProperty("type").GetString());
        Assert.False(tool.Annotations!.ReadOnlyHint); // it POSTs
        Assert.True(tool.Annotations.OpenWorldHint);
    }

    [Fact]
    public void ToProtocolTool_OnlyGets_IsReadOnly_AndGetsADescriptionWhenItHasNone()
    {
        var tool = McpToolSchema.ToProtocolTool(Load("""{"name":"list_things","steps":[{"id":"a","type":"api","method":"GET","url":"http://127.0.0.1:1/"},{"id":"b","type":"transform","value":"{{steps.a.body}}"}]}"""));

        Assert.True(tool.Annotations!.ReadOnlyHint);
        Assert.Contains("list_things", tool.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"GET\"", true, null, null)]
    [InlineData("\"HEAD\",\"OPTIONS\"", true, null, null)]
    [InlineData("\"POST\"", false, false, false)]
    [InlineData("\"PATCH\"", false, false, false)]
    [InlineData("\"PUT\"", false, false, true)]
    [InlineData("\"DELETE\"", false, true, true)]
    [InlineData("\"GET\",\"DELETE\"", false, true, true)]
    [InlineData("\"PUT\",\"POST\"", false, false, false)]
    public void Annotations_WorkedOutFromTheMethods(string methods, bool readOnly, bool? destructive, bool? idempotent)
    {
        var steps = string.Join(",", methods.Split(',').Select((m, i) => $$"""{"id":"s{{i}}","type":"api","method":{{m}},"url":"http://127.0.0.1:1/"}"""));

        var hints = McpToolSchema.ToProtocolTool(Load($$"""{"name":"t","steps":[{{steps}}]}""")).Annotations!;

        Assert.Equal(readOnly, hints.ReadOnlyHint);
        Assert.Equal(destructive, hints.DestructiveHint);
        Assert.Equal(idempotent, hints.IdempotentHint);
        Assert.True(hints.OpenWorldHint);
        Assert.Null(hints.Title);
    }

    private const string PetSchema = """
        {"$ref":"#/$defs/Pet","$defs":{
          "Pet":{"type":"object","properties":{"id":{"type":"integer"},"tags":{"type":"array","items":{"$ref":"#/$defs/Tag"}}},"required":["id"]},
          "Tag":{"type":"object","properties":{"name":{"type":"string"}}}}}
        """;

    [Fact]
    public void OutputSchema_TheBodyOfAStepWithAResponseSchema_FollowsItsComponents()
    {
        var whole = McpToolSchema.OutputSchema(Load("""{"name":"t","steps":[{"id":"get","type":"api","url":"http://127.0.0.1:1/","responseSchema":""" + PetSchema + "}]}").Definition)!;
        var parts = McpToolSchema.OutputSchema(Load("""{"name":"t","steps":[{"id":"get","type":"api","url":"http://127.0.0.1:1/","responseSchema":""" + PetSchema + """
            }],
             "output":{"id":"{{steps.get.body.id}}","tag":"{{steps.get.body.tags[0].name}}","tags":"{{steps.get.body.tags}}","count":"{{steps.get.body.tags.length}}","other":"{{steps.get.body.nope}}"}}
            """).Definition)!;

        Assert.Equal("object", (string?)whole["type"]);
        Assert.Equal("integer", (string?)whole["properties"]!["id"]!["type"]);
        Assert.Equal("#/$defs/Tag", (string?)whole["properties"]!["tags"]!["items"]!["$ref"]);
        Assert.NotNull(whole["$defs"]!["Tag"]);
        Assert.Equal("integer", (string?)parts["properties"]!["id"]!["type"]);
        Assert.Equal("string", (string?)parts["properties"]!["tag"]!["type"]);
        Assert.Equal("#/$defs/Tag", (string?)parts["properties"]!["tags"]!["items"]!["$ref"]);
        Assert.NotNull(parts["properties"]!["tags"]!["$defs"]!["Tag"]);
        Assert.Equal("integer", (string?)parts["properties"]!["count"]!["type"]);
        Assert.Empty(parts["properties"]!["other"]!.AsObject());
    }

    [Fact]
    public void OutputSchema_ABodyThatIsNotAnObject_IsUnderResult_AndAForeachBodyIsNotTyped()
    {
        var list = McpToolSchema.OutputSchema(Load("""{"name":"t","steps":[{"id":"get","type":"api","url":"http://127.0.0.1:1/","responseSchema":{"type":"array","items":{"type":"string"}}}]}""").Definition)!;
        var each = McpToolSchema.OutputSchema(Load("""{"name":"t","inputs":{"ids":{"type":"array"}},"steps":[{"id":"get","type":"api","foreach":"{{ids}}","url":"http://127.0.0.1:1/{{item}}","responseSchema":{"type":"object"}}]}""").Definition);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"object","properties":{"result":{"type":"array","items":{"type":"string"}}},"required":["result"]}"""), list));
        Assert.Null(each);
    }

    [Fact]
    public void TitleAndAnnotations_FromTheToolFile_WinOverTheMethods()
    {
        var tool = McpToolSchema.ToProtocolTool(Load("""
            {"name":"archive_issue","title":"Archive an issue","annotations":{"destructiveHint":false,"openWorldHint":false},
             "steps":[{"id":"a","type":"api","method":"DELETE","url":"http://127.0.0.1:1/issues/1"}]}
            """));

        Assert.Equal("Archive an issue", tool.Title);
        Assert.Equal("Archive an issue", tool.Annotations!.Title);
        Assert.False(tool.Annotations.ReadOnlyHint);
        Assert.False(tool.Annotations.DestructiveHint);
        Assert.True(tool.Annotations.IdempotentHint);
        Assert.False(tool.Annotations.OpenWorldHint);
    }

    [Fact]
    public void Annotations_NotABoolean_IsALoadErrorNamingTheHint()
    {
        var error = Assert.Throws<ToolLoadException>(() => Load("""{"name":"t","annotations":{"readOnlyHint":"yes"},"steps":[{"id":"a","type":"api","url":"http://127.0.0.1:1/"}]}"""));

        Assert.Contains(error.Errors, e => e.Path.Contains("annotations.readOnlyHint", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{{name}}", "name")]
    [InlineData("{{ inputs.name }}", "inputs.name")]
    [InlineData("Hello {{name}}", null)]
    [InlineData("{{a}} and {{b}}", null)]
    [InlineData("{{a}}{{b}}", null)]
    [InlineData("plain", null)]
    public void SinglePlaceholder_OnlyAWholeStringPlaceholder(string text, string? expected) =>
        Assert.Equal(expected, McpToolSchema.SinglePlaceholder(text));
}
