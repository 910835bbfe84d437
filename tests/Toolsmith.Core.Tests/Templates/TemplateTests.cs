using System.Text.Json.Nodes;
using Toolsmith.Core.Results;
using Toolsmith.Core.Secrets;
using Toolsmith.Core.Templates;

namespace Toolsmith.Core.Tests.Templates;

public class TemplateTests
{
    private static TemplateScope Scope(JsonObject inputs, Dictionary<string, StepOutcome>? steps = null) =>
        new(inputs, steps ?? [], EnvironmentSecretResolver.Instance, new Redactor());

    [Fact]
    public void Parse_SplitsTextAndPaths()
    {
        var t = Template.Parse("Hello {{ name }}, you are {{user.age}}!", "x");
        Assert.False(t.IsLiteral);
        Assert.Null(t.SingleExpression);
        Assert.Equal(["name", "user.age"], t.Paths.Select(p => p.Text));
    }

    [Theory]
    [InlineData(@"My \{{verb}} template", "My {{verb}} template")]
    [InlineData(@"C:\\{{dir}}", @"C:\x")]
    [InlineData(@"a\\\{{b", @"a\{{b")]
    [InlineData(@"no \ escape {{dir}}", @"no \ escape x")]
    public void Parse_BackslashBeforeBraces_EscapesThem(string source, string rendered)
    {
        var t = Template.Parse(source, "x");
        Assert.Equal(rendered, t.RenderText(Scope(new JsonObject { ["dir"] = "x" })));
    }

    [Theory]
    [InlineData("{{name}}")]
    [InlineData(@"a\{{b}} {{ c")]
    [InlineData(@"\\{{x}}\")]
    [InlineData("{{{{ }}}}")]
    [InlineData("plain")]
    public void Escape_GivesATemplateThatRendersTheTextAsItIs(string literal)
    {
        var t = Template.Parse(TemplateText.Escape(literal), "x");
        Assert.True(t.IsLiteral);
        Assert.Equal(literal, t.RenderText(Scope([])));
        Assert.Equal(literal, JsonTemplate.Compile(new JsonObject { ["a"] = new JsonArray(TemplateText.Escape(literal)) }, "body").Render(Scope([]))!["a"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Render_SingleExpression_IsTheTypedValue()
    {
        var t = Template.Parse("{{items}}", "body");
        var value = t.RenderValue(Scope(new JsonObject { ["items"] = new JsonArray(1, "two", new JsonObject { ["three"] = 3 }) }));
        Assert.IsType<JsonArray>(value);
        Assert.Equal("""[1,"two",{"three":3}]""", value!.ToJsonString());
    }

    [Fact]
    public void Render_InsideText_RendersObjectsAsCompactJson()
    {
        var t = Template.Parse("v={{o}} n={{n}} b={{b}} z={{z}}", "x");
        var text = t.RenderText(Scope(new JsonObject { ["o"] = new JsonObject { ["a"] = 1 }, ["n"] = 1.5, ["b"] = true, ["z"] = null }));
        Assert.Equal("""v={"a":1} n=1.5 b=true z=""", text);
    }

    [Fact]
    public void Render_Paths_WithIndexesAndQuotedNames()
    {
        var inputs = new JsonObject { ["data"] = JsonNode.Parse("""{"results":[{"id":7},{"id":8}],"odd key":"yes"}""") };
        Assert.Equal("8", Template.Parse("{{data.results[1].id}}", "x").RenderText(Scope(inputs)));
        Assert.Equal("yes", Template.Parse("{{data['odd key']}}", "x").RenderText(Scope(inputs)));
        Assert.Equal("2", Template.Parse("{{data.results.length}}", "x").RenderText(Scope(inputs)));
        Assert.Equal("7", Template.Parse("{{inputs.data.results[0].id}}", "x").RenderText(Scope(inputs)));
    }

    [Fact]
    public void Render_StepFields_HeadersAreCaseInsensitive()
    {
        var step = new StepResult { Ok = true, Status = 201, Body = JsonNode.Parse("""{"id":"abc"}"""), Headers = new(StringComparer.OrdinalIgnoreCase) { ["x-request-id"] = "r1" }, Cookies = new() { ["sid"] = "c1" } };
        var scope = Scope([], new() { ["create"] = StepOutcome.One(step) });
        Assert.Equal("201 abc r1 c1", Template.Parse("{{steps.create.status}} {{steps.create.body.id}} {{steps.create.headers.X-Request-Id}} {{steps.create.cookies.sid}}", "x").RenderText(scope));
    }

    [Fact]
    public void Render_UnknownInput_SaysDidYouMean()
    {
        var ex = Assert.Throws<TemplateException>(() => Template.Parse("{{pageid}}", "steps[0].url").RenderText(Scope(new JsonObject { ["pageId"] = "1" })));
        Assert.Contains("steps[0].url", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Did you mean \"pageId\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnknownBodyField_ListsTheClosestExistingName()
    {
        var step = new StepResult { Ok = true, Body = JsonNode.Parse("""{"results":[{"title":"t"}]}""") };
        var scope = Scope([], new() { ["list"] = StepOutcome.One(step) });
        var ex = Assert.Throws<TemplateException>(() => Template.Parse("{{steps.list.body.results[0].titel}}", "output").RenderText(scope));
        Assert.Contains("has no field \"titel\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"title\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IndexPastTheEnd_SaysHowManyThereAre()
    {
        var ex = Assert.Throws<TemplateException>(() => Template.Parse("{{xs[5]}}", "x").RenderText(Scope(new JsonObject { ["xs"] = new JsonArray(1, 2) })));
        Assert.Contains("has 2 elements", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ unclosed", "never closed")]
    [InlineData("{{}}", "is empty")]
    [InlineData("{{a..b}}", "not a valid path")]
    [InlineData("{{a[x]}}", "not a valid path")]
    [InlineData("{{a b}}", "not a valid path")]
    public void Parse_BadSyntax_SaysWhereAndWhat(string source, string expected)
    {
        var ex = Assert.Throws<TemplateException>(() => Template.Parse(source, "steps[2].headers.X"));
        Assert.Contains("steps[2].headers.X", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonTemplate_WritesTypedValues_AndEscapesText()
    {
        var body = JsonTemplate.Compile(JsonNode.Parse("""{"list":"{{xs}}","quote":"say {{q}}","n":"{{n}}","fixed":[1,2]}"""), "body");
        var bytes = body.RenderUtf8(Scope(new JsonObject { ["xs"] = new JsonArray(1, 2), ["q"] = "\"hi\"\n", ["n"] = 3 }));
        Assert.Equal("""{"list":[1,2],"quote":"say \"hi\"\n","n":3,"fixed":[1,2]}""", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void JsonTemplate_EscapesOnlyWhatJsonRequires()
    {
        // Emoji (beyond U+FFFF), non-ASCII text, <, & and ' as written; '"', '\' and control characters escaped; a
        // lone surrogate, which UTF-8 cannot carry, replaced.
        var body = JsonTemplate.Compile(JsonNode.Parse("""{"t":"Crème — 5€ 🙂 <b>&'","c":"a\"\\\u0001\t\n","s":"{{s}}"}"""), "body");
        var text = System.Text.Encoding.UTF8.GetString(body.RenderUtf8(Scope(new JsonObject { ["s"] = "x\uD800y 🙂" })));
        Assert.StartsWith("""{"t":"Crème — 5€ 🙂 <b>&'","c":"a\"\\\u0001\t\n","s":"x""", text, StringComparison.Ordinal);
        Assert.Equal("x\uFFFDy 🙂", JsonNode.Parse(text)!["s"]!.GetValue<string>()); // the writer replaces it
    }

    [Fact]
    public void JsonTemplate_WithoutPlaceholders_IsLiteral()
    {
        Assert.True(JsonTemplate.Compile(JsonNode.Parse("""{"a":[1,{"b":"c"}]}"""), "body").IsLiteral);
    }

    [Fact]
    public void UrlTemplate_EncodesPathAndQuery_ButNotABaseUrl()
    {
        var url = UrlTemplate.Compile("{{base}}/users/{{id}}/x?q={{q}}", "url");
        var text = url.Render(Scope(new JsonObject { ["base"] = "https://api.example.com/v1", ["id"] = "a b/c", ["q"] = "x&y" }));
        Assert.Equal("https://api.example.com/v1/users/a%20b%2Fc/x?q=x%26y", text);
    }

    [Fact]
    public void UrlTemplate_PathSegment_KeepsWhatASegmentHoldsAsData()
    {
        // : @ $ & = + , ! * ' ( ) are data in a segment (RFC 3986 pchar), sent as curl, Postman and Go send them; / ? # ; % and
        // spaces are not. In the query : @ / ? , ; $ ! * ( ) [ ] are data; & = + # % ' and spaces are encoded.
        var url = UrlTemplate.Compile("https://api.example.com/books/{{id}}/x?q={{id}}", "url");
        var text = url.Render(Scope(new JsonObject { ["id"] = "urn:isbn:1 a@b$c&d=e+f/g?h#i;j,k%l!*'()[]" }));
        Assert.Equal("https://api.example.com/books/urn:isbn:1%20a@b$c&d=e+f%2Fg%3Fh%23i%3Bj,k%25l!*'()%5B%5D/x?q=urn:isbn:1%20a@b$c%26d%3De%2Bf/g?h%23i;j,k%25l!*%27()[]", text);
        Assert.Equal("a%253Ab", UrlTemplate.EscapePathSegment("a%3Ab")); // an escape in the value stays the value's
        Assert.Equal("a%252Cb", UrlTemplate.EscapeQueryValue("a%2Cb"));
        // a list's items are joined by commas: a comma inside an item stays encoded, so the items can be told apart
        var list = UrlTemplate.Compile("https://api.example.com/x/{{ids}}?ids={{ids}}", "url");
        Assert.Equal("https://api.example.com/x/a%2Cb,c?ids=a%2Cb,c", list.Render(Scope(new JsonObject { ["ids"] = new JsonArray("a,b", "c") })));
    }

    [Fact]
    public void Redactor_BlanksASecretInAUrlPath()
    {
        var redactor = new Redactor();
        redactor.Add("bot123:AB c@d");
        Assert.Equal("https://api.example.com/•••/send", redactor.Redact("https://api.example.com/" + UrlTemplate.EscapePathSegment("bot123:AB c@d") + "/send"));
    }

    [Fact]
    public void UrlTemplate_ValueInHost_IsNotEncoded_ButWhiteSpaceIsRefused()
    {
        var url = UrlTemplate.Compile("https://{{site}}.example.net/wiki", "url");
        Assert.Equal("https://acme.example.net/wiki", url.Render(Scope(new JsonObject { ["site"] = "acme" })));
        Assert.Throws<TemplateException>(() => url.Render(Scope(new JsonObject { ["site"] = "a b" })));
    }

    [Fact]
    public void Redactor_BlanksSecretsAndTheirUrlEncodedForm()
    {
        var redactor = new Redactor();
        redactor.Add("p@ss word");
        Assert.Equal("a ••• b ••• c", redactor.Redact("a p@ss word b p%40ss%20word c"));
        var node = redactor.Redact(JsonNode.Parse("""{"x":["p@ss word",1],"y":{"z":"p@ss word!"}}"""));
        Assert.Equal("""{"x":["•••",1],"y":{"z":"•••!"}}""", node!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void ByteRedactor_FindsSecretsSplitAcrossChunks(int chunkSize)
    {
        var text = "start s3cret-value middle s3cret-value|s3cr end s3cret-value";
        var redactor = new ByteRedactor(["s3cret-value"]);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var output = new List<byte>();
        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            output.AddRange(redactor.Push(bytes.AsSpan(i, Math.Min(chunkSize, bytes.Length - i))));
        }
        output.AddRange(redactor.Flush());
        Assert.Equal("start ••• middle •••|s3cr end •••", System.Text.Encoding.UTF8.GetString([.. output]));
    }
}
