using System.Text.Json.Nodes;
using Toolsmith.Core.Loading;

namespace Toolsmith.Server.Web.Services;

/// <summary>
/// An API step's authentication being edited (<c>auth</c>): none, a stored credential by name, or a bearer token, basic
/// user and password, or API key whose values are usually <c>{{secrets.NAME}}</c>. An inline OAuth 2.0 credential (from an
/// importer or a file) is shown and kept as it is: it is edited in the tool's JSON, or stored as a credential.
/// </summary>
public sealed class AuthDraft
{
    /// <summary>The kinds offered, with their labels.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Kinds =
    [
        ("", "None"), ("credential", "Stored credential"), ("bearer", "Bearer token"), ("basic", "Basic (user and password)"), ("apiKey", "API key"),
    ];

    /// <summary>Where an API key goes.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Places = [("header", "Header"), ("query", "URL parameter"), ("cookie", "Cookie")];

    private JsonObject? _original;

    /// <summary>"" (none), credential, bearer, basic, apiKey — or oauth2 for an inline OAuth credential kept as written.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The stored credential's name.</summary>
    public string Credential { get; set; } = "";

    /// <summary>The bearer token.</summary>
    public string Token { get; set; } = "";

    /// <summary>The basic user name.</summary>
    public string Username { get; set; } = "";

    /// <summary>The basic password.</summary>
    public string Password { get; set; } = "";

    /// <summary>The API key's header, parameter or cookie name.</summary>
    public string KeyName { get; set; } = "";

    /// <summary>header, query or cookie.</summary>
    public string KeyIn { get; set; } = "header";

    /// <summary>The API key.</summary>
    public string KeyValue { get; set; } = "";

    /// <summary>One line for the collapsed summary and the step card.</summary>
    public string Summary => Kind switch
    {
        "credential" => $"credential {Credential}",
        "bearer" => "bearer token",
        "basic" => $"basic as {Username}",
        "apiKey" => $"API key in {KeyIn} {KeyName}",
        "oauth2" => "OAuth 2.0 (inline)",
        _ => "no authentication",
    };

    internal static AuthDraft Read(JsonNode? node)
    {
        var draft = new AuthDraft { _original = node as JsonObject };
        if (node is not JsonObject auth)
        {
            return draft;
        }
        if (ToolDraft.Text(auth["credential"]) is { Length: > 0 } name)
        {
            draft.Kind = "credential";
            draft.Credential = name;
            return draft;
        }
        draft.Kind = ToolDraft.Text(auth["type"]);
        draft.Token = ToolDraft.Text(auth["token"]);
        draft.Username = ToolDraft.Text(auth["username"]);
        draft.Password = ToolDraft.Text(auth["password"]);
        draft.KeyName = ToolDraft.Text(auth["name"]);
        draft.KeyIn = ToolDraft.Text(auth["in"]) is { Length: > 0 } place ? place : "header";
        draft.KeyValue = ToolDraft.Text(auth["value"]);
        return draft;
    }

    /// <summary>The <c>auth</c> to write, or null for none; what is missing goes to <paramref name="problems"/> under <paramref name="path"/>.</summary>
    internal JsonObject? ToJson(string path, List<ToolError> problems)
    {
        void Need(string field, string value, string what)
        {
            if (value.Trim().Length == 0)
            {
                problems.Add(new ToolError("tool", $"{path}.{field}", $"{what} is empty."));
            }
        }
        switch (Kind)
        {
            case "credential":
                Need("credential", Credential, "The credential to use");
                return new JsonObject { ["credential"] = Credential.Trim() };
            case "bearer":
                Need("token", Token, "The token");
                return new JsonObject { ["type"] = "bearer", ["token"] = Token.Trim() };
            case "basic":
                return new JsonObject { ["type"] = "basic", ["username"] = Username.Trim(), ["password"] = Password };
            case "apiKey":
                Need("name", KeyName, "The API key's name");
                Need("value", KeyValue, "The API key");
                var key = new JsonObject { ["type"] = "apiKey", ["name"] = KeyName.Trim(), ["value"] = KeyValue.Trim() };
                if (KeyIn != "header")
                {
                    key["in"] = KeyIn;
                }
                return key;
            case "oauth2":
                return (JsonObject?)_original?.DeepClone();
            default:
                return null;
        }
    }
}
