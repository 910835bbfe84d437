using System.Text.Json;
using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;
using Toolsmith.Core.Serialization;

namespace Toolsmith.Core.Tests.Loading;

/// <summary>The tool file's schema and the C# vocabulary of the API step name the same words, in the same order.</summary>
public sealed class ApiVocabularyTests
{
    private static readonly JsonNode Defs = JsonNode.Parse(ToolSchema.Text)!["$defs"]!;

    public static TheoryData<string, string[]> SchemaEnums => new()
    {
        { "apiStep.method", [.. JsonNames.All<RequestMethod>()] },
        { "apiStep.bodyType", [.. JsonNames.All<BodyKind>()] },
        { "apiStep.responseFormat", [.. JsonNames.All<ResponseFormat>()] },
        { "apiStep.checksum", [.. JsonNames.All<ChecksumAlgorithm>()] },
        { "pagination.mode", [.. JsonNames.All<PaginationMode>()] },
        { "pagination.cursorIn", [.. JsonNames.All<CursorPlace>()] },
        { "auth.type", [.. JsonNames.All<CredentialType>()] },
        { "auth.in", [.. JsonNames.All<ApiKeyPlace>()] },
        { "auth.grant", [.. JsonNames.All<OAuthGrant>()] },
        { "auth.clientAuth", [.. JsonNames.All<OAuthClientAuth>()] },
    };

    [Theory]
    [MemberData(nameof(SchemaEnums))]
    public void SchemaEnum_MatchesTheVocabulary(string where, string[] vocabulary)
    {
        var (definition, property) = (where[..where.IndexOf('.', StringComparison.Ordinal)], where[(where.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        var schemaEnum = Defs[definition]!["properties"]![property]!["enum"]!.AsArray().Select(static n => n!.GetValue<string>()).ToArray();
        Assert.Equal(vocabulary, schemaEnum);
    }

    [Fact]
    public void JsonNames_RoundTripThroughTheToolFormat()
    {
        foreach (var name in JsonNames.All<ResponseFormat>())
        {
            Assert.True(JsonNames.TryParse<ResponseFormat>(name, out var format));
            Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(format, ToolDefinitionJsonContext.Default.ResponseFormat));
        }
        Assert.Equal("PATCH", JsonNames.Of(RequestMethod.Patch));
        Assert.Equal("nextUrl", JsonNames.Of(PaginationMode.NextUrl));
        Assert.False(JsonNames.TryParse<RequestMethod>("patch", out _));
        Assert.False(JsonNames.TryParse<BodyKind>("Json", out _));
    }

    [Fact]
    public void ToolFile_ReadsAndWritesTheJsonNames()
    {
        var tool = ToolLoader.Parse("""
            { "name": "t", "steps": [ { "id": "s", "type": "api", "method": "PATCH", "url": "https://example.com/x",
              "body": { "a": 1 }, "bodyType": "form", "responseFormat": "arrayBuffer", "pagination": { "mode": "cursor", "cursor": "body.next", "cursorIn": "header" } } ] }
            """, "test");
        var step = (ApiStepDefinition)tool.Definition.Steps[0];
        Assert.Equal((RequestMethod.Patch, BodyKind.Form, ResponseFormat.ArrayBuffer, PaginationMode.Cursor, CursorPlace.Header),
            (step.Method, step.BodyType, step.ResponseFormat, step.Pagination!.Mode, step.Pagination.CursorIn));
        var written = JsonSerializer.SerializeToNode(step, ToolDefinitionJsonContext.Default.ApiStepDefinition)!;
        Assert.Equal(("PATCH", "form", "arrayBuffer", "cursor", "header"),
            (written["method"]!.GetValue<string>(), written["bodyType"]!.GetValue<string>(), written["responseFormat"]!.GetValue<string>(),
             written["pagination"]!["mode"]!.GetValue<string>(), written["pagination"]!["cursorIn"]!.GetValue<string>()));
    }
}
