using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Providers;

/// <summary>
/// GitHub REST and GraphQL. Classic tokens: <c>X-Accepted-OAuth-Scopes</c> (any one of them is enough) against
/// <c>X-OAuth-Scopes</c>, honouring GitHub's scope hierarchy; GitHub answers a missing scope with 404 (or 403) so the headers
/// are the only clue. Fine-grained tokens and apps: <c>X-Accepted-GitHub-Permissions</c>. A 403 with
/// <c>X-RateLimit-Remaining: 0</c> or "rate limit" in the message is a rate limit.
/// </summary>
internal sealed class GitHubRule : DiagnosisRule
{
    /// <summary>What each scope includes (docs: "Scopes for OAuth apps").</summary>
    private static readonly Dictionary<string, string[]> Implies = new(StringComparer.Ordinal)
    {
        ["repo"] = ["repo:status", "repo_deployment", "public_repo", "repo:invite", "security_events"],
        ["admin:repo_hook"] = ["write:repo_hook", "read:repo_hook"],
        ["write:repo_hook"] = ["read:repo_hook"],
        ["admin:org"] = ["write:org", "read:org"],
        ["write:org"] = ["read:org"],
        ["admin:public_key"] = ["write:public_key", "read:public_key"],
        ["write:public_key"] = ["read:public_key"],
        ["admin:gpg_key"] = ["write:gpg_key", "read:gpg_key"],
        ["write:gpg_key"] = ["read:gpg_key"],
        ["admin:ssh_signing_key"] = ["write:ssh_signing_key", "read:ssh_signing_key"],
        ["write:ssh_signing_key"] = ["read:ssh_signing_key"],
        ["user"] = ["read:user", "user:email", "user:follow"],
        ["project"] = ["read:project"],
        ["write:packages"] = ["read:packages"],
        ["write:discussion"] = ["read:discussion"],
        ["admin:enterprise"] = ["manage_runners:enterprise", "manage_billing:enterprise", "read:enterprise"],
        ["manage_billing:enterprise"] = ["read:enterprise"],
        ["audit_log"] = ["read:audit_log"],
        ["codespace"] = ["codespace:secrets"],
        ["copilot"] = ["manage_billing:copilot"],
    };

    public override void Apply(DiagnosisContext context)
    {
        var granted = context.Header("X-OAuth-Scopes");
        var accepted = context.Header("X-Accepted-OAuth-Scopes");
        var permissions = context.Header("X-Accepted-GitHub-Permissions");
        if (!IsGitHub(context, granted, accepted, permissions))
        {
            return;
        }
        context.Provider = "GitHub";
        if (granted is not null)
        {
            context.GrantedScopes = Split(granted);
        }
        if (context.Status is 401 or 403 or 404 or 422 && accepted is not null && Split(accepted) is { Count: > 0 } needed && granted is not null)
        {
            var have = Expand(context.GrantedScopes ?? []);
            if (!needed.Exists(have.Contains))
            {
                foreach (var scope in needed)
                {
                    context.AddMissingScope(scope);
                }
                context.ScopesAreAlternatives = needed.Count > 1;
                context.Propose(DiagnosisKinds.MissingScope, Evidence.Provider);
                if (context.Status == 404)
                {
                    context.AddNote("GitHub answers 404 Not Found instead of 403 when a token lacks the scope, so as not to reveal private resources.");
                }
            }
        }
        if (context.Status is 403 or 404 && permissions is { Length: > 0 }
            && context.Texts.Any(t => t.Contains("not accessible", StringComparison.OrdinalIgnoreCase)))
        {
            // Fine-grained tokens and GitHub Apps: "contents=read; metadata=read" (alternatives separated by ';').
            foreach (var p in permissions.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                context.AddMissingScope(p);
            }
            context.ScopesAreAlternatives = context.MissingScopes.Count > 1;
            context.Propose(DiagnosisKinds.MissingScope, Evidence.Provider);
            context.Hint ??= "Edit the fine-grained token (or the GitHub App's permissions) to grant the permission named here, for this repository or organization, then try again.";
        }
        if (context.Status is 403 or 429 && (context.Header("X-RateLimit-Remaining") == "0"
            || context.Texts.Any(t => t.Contains("rate limit", StringComparison.OrdinalIgnoreCase))))
        {
            context.Propose(DiagnosisKinds.RateLimited, Evidence.Provider);
            if (context.Texts.Any(t => t.Contains("secondary rate limit", StringComparison.OrdinalIgnoreCase)))
            {
                context.AddNote("This is GitHub's secondary rate limit (too many requests at once or too fast), not the hourly quota.");
            }
        }
        if (context.Status == 401)
        {
            context.Hint ??= "The GitHub token is wrong, expired or revoked: create a new token (Settings → Developer settings), update the secret, and check it is sent as \"Authorization: Bearer <token>\".";
        }
    }

    private static bool IsGitHub(DiagnosisContext context, string? granted, string? accepted, string? permissions) =>
        granted is not null || accepted is not null || permissions is not null
        || context.HostIs("github.com") || context.HostIs("githubusercontent.com")
        || context.Header("X-GitHub-Request-Id") is not null || context.Header("X-GitHub-Media-Type") is not null
        || (context.BodyObject is { } body && JsonRead.Str(body, "documentation_url") is { } url && url.Contains("docs.github.com", StringComparison.OrdinalIgnoreCase));

    private static List<string> Split(string header) =>
        [.. header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>The granted scopes with everything they include.</summary>
    internal static HashSet<string> Expand(IEnumerable<string> scopes)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(scopes);
        while (queue.Count > 0)
        {
            var scope = queue.Dequeue();
            if (all.Add(scope) && Implies.TryGetValue(scope, out var included))
            {
                foreach (var s in included)
                {
                    queue.Enqueue(s);
                }
            }
        }
        return all;
    }
}
