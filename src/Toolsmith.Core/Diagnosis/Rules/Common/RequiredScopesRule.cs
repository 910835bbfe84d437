namespace Toolsmith.Core.Diagnosis.Rules.Common;

/// <summary>
/// The scopes the operation needs, from its API description (the step's <c>requiredScopes</c>), for a call refused for
/// permissions when the response itself names none: compared with the granted scopes when the response reveals them
/// (the missing ones are then known), else named as what the token must have. Runs after every other rule.
/// </summary>
internal sealed class RequiredScopesRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.Exchange.RequiredScopes is not { Count: > 0 } required || context.MissingScopes.Count > 0)
        {
            return;
        }
        if (context.Status != 403 && context.Kind is not (DiagnosisKinds.MissingScope or DiagnosisKinds.InsufficientPermission))
        {
            return;
        }
        var list = string.Join(", ", required.Select(static s => $"'{s}'"));
        var plural = required.Count > 1 ? "s" : "";
        if (context.GrantedScopes is { } granted)
        {
            var missing = required.Where(s => !granted.Contains(s, StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                missing.ForEach(context.AddMissingScope);
                context.Propose(DiagnosisKinds.MissingScope, Evidence.Structured);
                context.AddNote($"The API's description says this operation needs the scope{plural} {list}.");
            }
            else
            {
                context.AddNote($"The token has every scope the API's description asks for ({list}): the refusal is about something else, such as a role or who owns the resource.");
            }
            return;
        }
        context.AddNote($"The API's description says this operation needs the scope{plural} {list}.");
        context.Hint ??= $"Check that the token was granted the scope{plural} {list} (its settings page, or the 'scope'/'scp' claim of a JWT access token); if not, authorize again asking for {(required.Count > 1 ? "them" : "it")}, update the secret, and run again.";
    }
}
