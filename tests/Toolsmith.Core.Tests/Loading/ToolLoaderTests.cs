using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;

namespace Toolsmith.Core.Tests.Loading;

public class ToolLoaderTests
{
    private static ToolLoadException Fails(string json) => Assert.Throws<ToolLoadException>(() => ToolLoader.Parse(json, "bad.tool.json"));

    [Fact]
    public void WrongMethod_NamesFilePathAndTheAllowedValues()
    {
        var ex = Fails("""{"name":"t","steps":[{"id":"a","type":"api","method":"GETT","url":"https://x.test/"}]}""");
        var error = Assert.Single(ex.Errors);
        Assert.Equal("bad.tool.json: steps[0].method: \"GETT\" is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS.", error.ToString());
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnce()
    {
        var ex = Fails("""{"name":"t","steps":[{"id":"A","type":"api"},{"id":"b","type":"api","url":"https://x.test","responseFormat":"xml","heders":{}}]}""");
        var text = ex.Message;
        Assert.Contains("steps[0]: \"url\" is required but missing.", text, StringComparison.Ordinal);
        Assert.Contains("steps[0].id: \"A\" is not a step id of lower-case letters", text, StringComparison.Ordinal);
        Assert.Contains("steps[1].responseFormat: \"xml\" is not one of string, json, arrayBuffer, blob.", text, StringComparison.Ordinal);
        Assert.Contains("steps[1]: \"heders\" is not a known property. Did you mean \"headers\"?", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongType_SaysWhatWasExpected()
    {
        var ex = Fails("""{"name":"t","steps":[{"id":"a","type":"api","url":"https://x.test","throwOnHttpError":"yes"}]}""");
        Assert.Equal("steps[0].throwOnHttpError", ex.Errors.Single().Path);
        Assert.Contains("expected a boolean, got \"yes\"", ex.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownStepType_IsNamed()
    {
        var ex = Fails("""{"name":"t","steps":[{"id":"a","type":"ftp"}]}""");
        Assert.Contains("steps[0].type: \"ftp\" is not one of api, transform.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BodyOnHead_IsAConfigurationError()
    {
        var ex = Fails("""{"name":"t","steps":[{"id":"a","type":"api","method":"HEAD","url":"https://x.test","body":{"a":1}}]}""");
        Assert.Equal("steps[0].body", ex.Errors.Single().Path);
        Assert.Contains("HEAD request cannot have a body", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://x.test/a", "scheme \"ftp\"")]
    [InlineData("/relative/path", "not an absolute URL")]
    [InlineData("x.test/a", "not an absolute URL")]
    public void BadUrl_IsRefusedAtLoad(string url, string expected)
    {
        var ex = Fails($$"""{"name":"t","steps":[{"id":"a","type":"api","url":"{{url}}"}]}""");
        Assert.Equal("steps[0].url", ex.Errors.Single().Path);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownTemplatePath_IsFoundAtLoad_WithDidYouMean()
    {
        var ex = Fails("""{"name":"t","inputs":{"pageId":{"type":"string"}},"steps":[{"id":"a","type":"api","url":"https://x.test/{{pageid}}"}]}""");
        Assert.Equal("steps[0].url", ex.Errors.Single().Path);
        Assert.Contains("Did you mean \"pageId\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceToALaterStep_IsAnError()
    {
        var ex = Fails("""{"name":"t","steps":[{"id":"a","type":"transform","value":"{{steps.b.body}}"},{"id":"b","type":"transform","value":1}]}""");
        Assert.Contains("no earlier step has the id \"b\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ItemOutsideForeach_IsAnError()
    {
        var ex = Fails("""{"name":"t","steps":[{"id":"a","type":"transform","value":"{{item}}"}]}""");
        Assert.Contains("only defined in a step with \"foreach\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateStepIds_AreAnError()
    {
        var ex = Fails("""{"name":"t","steps":[{"id":"a","type":"transform","value":1},{"id":"a","type":"transform","value":2}]}""");
        Assert.Equal("steps[1].id", ex.Errors.Single().Path);
    }

    [Fact]
    public void HeaderWithLineBreak_IsRefusedAtLoad()
    {
        var ex = Fails("""{"name":"t","steps":[{"id":"a","type":"api","url":"https://x.test","headers":{"X-A":"a\r\nX-B: b"}}]}""");
        Assert.Contains("line break", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidJson_NamesLineAndColumn()
    {
        var ex = Fails("{\n  \"name\": \"t\",\n  \"steps\": [,]\n}");
        Assert.Contains("line 3, column 13", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_LoadsToTheSameToolAsJson()
    {
        var yaml = """
            name: create_user
            inputs:
              name: { type: string, required: true }
              admin: { type: boolean, default: false }
            steps:
              - id: create
                type: api
                method: POST
                url: https://api.example.test/users
                params: { limit: 25, tag: "007" }
                body:
                  name: "{{name}}"
                  admin: "{{admin}}"
            """;
        var tool = ToolLoader.Parse(yaml, "create_user.tool.yaml", yaml: true);
        var step = Assert.IsType<ApiStepDefinition>(tool.Definition.Steps.Single());
        Assert.Equal(RequestMethod.Post, step.Method);
        Assert.Equal(25, step.Params!["limit"]!.GetValue<long>());
        Assert.Equal("007", step.Params["tag"]!.GetValue<string>());
        Assert.False(tool.Definition.Inputs["admin"].Default!.GetValue<bool>());
        Assert.True(tool.Definition.Inputs["name"].Required);
    }

    [Fact]
    public void InvalidYaml_NamesTheLine()
    {
        var ex = Assert.Throws<ToolLoadException>(() => ToolLoader.Parse("name: t\nsteps:\n  - id: a\n   type: [", "t.tool.yaml", yaml: true));
        Assert.Contains("not valid YAML at line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableFile_IsAnErrorNamingIt()
    {
        var ex = Assert.Throws<ToolLoadException>(() => ToolLoader.LoadFile("/no/such/dir/x.tool.json"));
        Assert.StartsWith("/no/such/dir/x.tool.json: cannot be read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedSchema_IsTheOneInTheRepository()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "schemas", "tool.schema.json")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        Assert.NotNull(dir);
        Assert.Equal(File.ReadAllText(Path.Combine(dir!, "schemas", "tool.schema.json")), ToolSchema.Text);
    }

    [Fact]
    public void ValidationCache_SkipsOnlyExactlyTheTextThatPassed()
    {
        var dir = Directory.CreateTempSubdirectory("toolsmith-cache-").FullName;
        try
        {
            var cache = new SchemaValidationCache(Path.Combine(dir, "cache"));
            var file = Path.Combine(dir, "t.tool.json");
            File.WriteAllText(file, """{"name":"t","steps":[{"id":"a","type":"api","url":"https://x.test/"}]}""");
            ToolLoader.LoadFile(file, cache);
            Assert.True(cache.IsKnownValid(File.ReadAllText(file)));
            ToolLoader.LoadFile(file, cache); // the second load skips the schema pass and still compiles

            File.WriteAllText(file, """{"name":"t","steps":[{"id":"a","type":"api","method":"GETT","url":"https://x.test/"}]}""");
            var ex = Assert.Throws<ToolLoadException>(() => ToolLoader.LoadFile(file, cache));
            Assert.Contains("\"GETT\" is not one of", ex.Message, StringComparison.Ordinal);
            Assert.False(cache.IsKnownValid(File.ReadAllText(file)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
