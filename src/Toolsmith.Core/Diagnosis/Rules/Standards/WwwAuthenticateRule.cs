using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Standards;

/// <summary>
/// RFC 6750 §3: the <c>WWW-Authenticate: Bearer error="…", error_description="…", scope="…"</c> challenge.
/// <c>insufficient_scope</c> names the scopes needed; <c>invalid_token</c> is an expired, revoked or malformed token.
/// </summary>
internal sealed class WwwAuthenticateRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.Header("WWW-Authenticate") is not { Length: > 0 } header)
        {
            return;
        }
        foreach (var challenge in AuthChallenge.ParseAll(header))
        {
            if (!challenge.Parameters.TryGetValue("error", out var error))
            {
                continue;
            }
            challenge.Parameters.TryGetValue("error_description", out var description);
            context.AddText(description);
            if (description is { Length: > 0 } && context.Message is null)
            {
                context.Message = description;
            }
            context.AddNote($"The {challenge.Scheme} challenge in the WWW-Authenticate header says error=\"{error}\"{(description is { Length: > 0 } ? $" ({description})" : "")}.");
            switch (error)
            {
                case "insufficient_scope":
                    context.Propose(DiagnosisKinds.MissingScope, Evidence.Structured);
                    if (challenge.Parameters.TryGetValue("scope", out var scope))
                    {
                        foreach (var s in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        {
                            context.AddMissingScope(s);
                        }
                        context.ScopesAreAlternatives = context.MissingScopes.Count > 1;
                    }
                    break;
                case "invalid_token":
                    var expired = description is not null && ErrorVocabulary.SaysExpired(description);
                    context.Propose(expired ? DiagnosisKinds.ExpiredCredentials : DiagnosisKinds.BadCredentials, Evidence.Structured);
                    break;
                case "invalid_request":
                    context.Propose(DiagnosisKinds.InvalidValue, Evidence.Structured);
                    break;
                default:
                    if (ErrorVocabulary.ClassifyCode(error) is { } kind)
                    {
                        context.Propose(kind, Evidence.Code);
                    }
                    break;
            }
            return;
        }
    }
}
