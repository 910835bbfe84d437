using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;
using Toolsmith.Core.Model;

namespace Toolsmith.Core.Tests.Loading;

/// <summary>An API step's <c>auth</c>: a stored credential by name, or an inline one; mistakes name the step's auth field.</summary>
public sealed class AuthLoadingTests
{
    private static string Step(string auth) =>
        $$"""{"name":"t","steps":[{"id":"a","type":"api","url":"https://x.test/","auth":{{auth}}}]}""";

    private static ToolLoadException Fails(string auth) => Assert.Throws<ToolLoadException>(() => ToolLoader.Parse(Step(auth), "bad.tool.json"));

    [Fact]
    public void StoredCredential_ByName_Loads()
    {
        var tool = ToolLoader.Parse(Step("""{"credential":"github"}"""), "t.tool.json");
        var api = Assert.IsType<ApiStepDefinition>(tool.Definition.Steps[0]);
        Assert.Equal("github", api.Auth!.Credential);
    }

    [Fact]
    public void InlineCredentials_OfEveryType_Load_WithSecretTemplates()
    {
        ToolLoader.Parse(Step("""{"type":"bearer","token":"{{secrets.gh}}"}"""), "t.tool.json");
        ToolLoader.Parse(Step("""{"type":"basic","username":"alice","password":"{{secrets.pw}}"}"""), "t.tool.json");
        ToolLoader.Parse(Step("""{"type":"apiKey","name":"api_key","in":"query","value":"{{secrets.k}}"}"""), "t.tool.json");
        var tool = ToolLoader.Parse(Step("""
            {"type":"oauth2","grant":"client_credentials","tokenUrl":"https://idp.test/token","clientId":"c","clientSecret":"{{secrets.cs}}",
             "scopes":["read"],"audience":"https://api.test","clientAuth":"body"}
            """), "t.tool.json");
        var auth = Assert.IsType<ApiStepDefinition>(tool.Definition.Steps[0]).Auth!;
        Assert.Equal((CredentialType.OAuth2, OAuthGrant.ClientCredentials, OAuthClientAuth.Body), (auth.Type, auth.Grant, auth.ClientAuth));
    }

    [Fact]
    public void MissingField_NamesTheStepAuthFieldAndAnExample()
    {
        var error = Assert.Single(Fails("""{"type":"basic","username":"alice"}""").Errors);
        Assert.Equal("bad.tool.json: steps[0].auth.password: is required for a basic credential, e.g. \"{{secrets.api_password}}\".", error.ToString());
        error = Assert.Single(Fails("""{"type":"oauth2","grant":"authorization_code","tokenUrl":"https://idp.test/token","clientId":"c"}""").Errors);
        Assert.Equal("steps[0].auth.authUrl", error.Path);
        Assert.Contains("oauth2 credential with grant authorization_code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadValues_AreSchemaErrors_ThatNameTheAllowedWords()
    {
        var text = Fails("""{"type":"apikey","value":"x"}""").Message;
        Assert.Contains("steps[0].auth.type: \"apikey\" is not one of bearer, basic, apiKey, oauth2.", text, StringComparison.Ordinal);
        text = Fails("""{"credential":"github","tokn":"x"}""").Message;
        Assert.Contains("steps[0].auth: \"tokn\" is not a known property. Did you mean \"token\"?", text, StringComparison.Ordinal);
        Assert.Contains("steps[0].auth", Fails("""{}""").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BothANameAndAType_IsAnError()
    {
        var error = Assert.Single(Fails("""{"credential":"github","type":"bearer","token":"t"}""").Errors);
        Assert.Equal("steps[0].auth.type", error.Path);
    }

    [Fact]
    public void InlineTemplate_ToAMissingInput_IsCaughtAtLoad()
    {
        var error = Assert.Single(Fails("""{"type":"bearer","token":"{{tokn}}"}""").Errors);
        Assert.Equal("steps[0].auth.token", error.Path);
        Assert.Contains("there is no input \"tokn\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialDocument_FromJson_NamesEveryProblem()
    {
        var problems = new List<(string Field, string Message)>();
        Assert.Null(CredentialDefinition.FromJson(JsonNode.Parse("""{"type":"oauth2","grant":"password","clientId":"c","extra":1}""")!.AsObject(), problems));
        Assert.Contains(problems, static p => p.Field == "extra" && p.Message.StartsWith("is not a credential field", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.Field == "grant" && p.Message.Contains("client_credentials, authorization_code, refresh_token", StringComparison.Ordinal));
        problems.Clear();
        var ok = CredentialDefinition.FromJson(JsonNode.Parse("""{"type":"oauth2","grant":"refresh_token","tokenUrl":"https://idp.test/t","clientId":"c","refreshToken":"r"}""")!.AsObject(), problems);
        Assert.Empty(problems);
        Assert.Equal(OAuthGrant.RefreshToken, ok!.Grant);
        Assert.Null(ok.WithoutSecrets().RefreshToken);
    }
}
