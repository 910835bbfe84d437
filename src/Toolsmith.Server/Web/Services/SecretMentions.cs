using System.Text.RegularExpressions;

namespace Toolsmith.Server.Web.Services;

/// <summary>What the web builder reads from messages about secrets.</summary>
public static partial class SecretMentions
{
    /// <summary>The name of the secret a message says is not set ("the secret "github_token" used in … is not set"); else null.</summary>
    public static string? MissingSecret(string? message) =>
        message is not null && MissingPattern().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("""the secret "([^"]+)"[^\n]*? is not set""")]
    private static partial Regex MissingPattern();
}
