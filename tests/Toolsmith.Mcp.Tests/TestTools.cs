using System.Text.Json.Nodes;

namespace Toolsmith.Mcp.Tests;

/// <summary>The tools these tests serve, calling the local test API at <c>baseUrl</c>.</summary>
internal static class TestTools
{
    public const string SecretValue = "tok_mcp_9f8e7d6c5b4a";

    public static JsonObject EchoMessage(string baseUrl) => Parse($$$"""
        {
          "name": "echo_message",
          "description": "Send a message to the echo API and return what it received.",
          "inputs": {
            "message": { "type": "string", "description": "The message", "required": true },
            "count":   { "type": "integer", "description": "How many times", "default": 1 }
          },
          "steps": [ { "id": "call", "type": "api", "method": "POST", "url": "{{{baseUrl}}}/echo", "body": { "message": "{{message}}", "count": "{{count}}" } } ],
          "output": { "received": "{{steps.call.body.bodyText}}", "status": "{{steps.call.status}}" }
        }
        """);

    public static JsonObject BearerScope(string baseUrl) => Parse($$$"""
        {
          "name": "list_org_members",
          "description": "List the members of an organization (needs admin:org).",
          "inputs": { "org": { "type": "string", "required": true } },
          "steps": [ { "id": "members", "type": "api", "url": "{{{baseUrl}}}/scope/bearer?org={{org}}", "headers": { "Authorization": "Bearer {{secrets.mcp_token}}" } } ]
        }
        """);

    public static JsonObject GitHubScope(string baseUrl) => Parse($$$"""
        {
          "name": "github_org_hooks",
          "description": "List an organization's webhooks on GitHub.",
          "steps": [ { "id": "hooks", "type": "api", "url": "{{{baseUrl}}}/scope/github", "headers": { "Authorization": "Bearer {{secrets.mcp_token}}" } } ]
        }
        """);

    public static JsonObject EchoSecret(string baseUrl) => Parse($$$"""
        {
          "name": "echo_secret",
          "description": "Call the echo API with a token; return the headers it received.",
          "steps": [ { "id": "call", "type": "api", "url": "{{{baseUrl}}}/echo", "headers": { "Authorization": "Bearer {{secrets.mcp_token}}" } } ],
          "output": { "headers": "{{steps.call.body.headers}}" }
        }
        """);

    public static JsonObject SlowEach(string baseUrl) => Parse($$$"""
        {
          "name": "slow_each",
          "description": "Call the API once per item, each call taking ms milliseconds.",
          "inputs": {
            "items": { "type": "array", "required": true },
            "ms": { "type": "integer", "default": 0 }
          },
          "steps": [ { "id": "each", "type": "api", "url": "{{{baseUrl}}}/slow-headers?ms={{ms}}&item={{item}}", "foreach": "{{items}}", "concurrency": 1 } ]
        }
        """);

    /// <summary>Every tool above, for a folder or a store.</summary>
    public static IEnumerable<JsonObject> All(string baseUrl) =>
        [EchoMessage(baseUrl), BearerScope(baseUrl), GitHubScope(baseUrl), EchoSecret(baseUrl), SlowEach(baseUrl)];

    /// <summary>A new folder with every tool as a file, plus one file that does not load.</summary>
    public static string WriteFolder(string baseUrl)
    {
        var dir = Directory.CreateTempSubdirectory("toolsmith-mcp-tools-").FullName;
        foreach (var tool in All(baseUrl))
        {
            File.WriteAllText(Path.Combine(dir, $"{tool["name"]}.tool.json"), tool.ToJsonString());
        }
        File.WriteAllText(Path.Combine(dir, "broken.tool.json"), """{"name":"broken","steps":[{"id":"a","type":"api","method":"GETT","url":"http://127.0.0.1:1/"}]}""");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a tool");
        return dir;
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
