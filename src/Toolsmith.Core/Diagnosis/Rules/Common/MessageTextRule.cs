using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Common;

/// <summary>
/// What the API's messages say in words: the kind ("rate limit", "has expired", "missing scope"), the scopes it names
/// ("Missing scopes: a, b", "requires ... for read_orders scope") and the fields it names ("for the field 'project'").
/// </summary>
internal sealed class MessageTextRule : DiagnosisRule
{
    private const int MaxTextsRead = 20;

    public override void Apply(DiagnosisContext context)
    {
        var kinds = new List<string>();
        foreach (var reason in context.FieldReasons.Except(context.Texts, StringComparer.Ordinal).ToList())
        {
            kinds.AddRange(ErrorVocabulary.ClassifyText(reason));
        }
        var read = 0;
        var credentialLacks = false;
        foreach (var text in context.Texts.ToList())
        {
            kinds.AddRange(ErrorVocabulary.ClassifyText(text));
            if (++read > MaxTextsRead)
            {
                continue; // names come from the first messages; a body of thousands of errors is not read to its end
            }
            foreach (var scope in TextExtract.MissingScopes(text))
            {
                context.AddMissingScope(scope);
            }
            var ofTheCredential = TextExtract.CredentialLacks(text);
            credentialLacks |= ofTheCredential;
            foreach (var permission in TextExtract.MissingPermissions(text))
            {
                if (ofTheCredential)
                {
                    context.AddMissingScope(permission); // granted with the credential: a scope to ask for when it is issued again
                }
                else
                {
                    context.AddMissingPermission(permission);
                }
            }
            if (context.GrantedScopes is null && TextExtract.GrantedScopes(text) is { Count: > 0 } granted)
            {
                context.GrantedScopes = granted;
            }
            foreach (var (path, location, message) in TextExtract.Fields(text))
            {
                context.AddField(path, location, message);
            }
            if (LeadingNames(context, text) is { Count: > 0 } leading)
            {
                foreach (var (name, line) in leading)
                {
                    context.AddField(name, FieldLocation.Unknown, line);
                }
            }
            else if (TextExtract.AskedFor(text).Select(n => RequestNameLike(context.Exchange, n)).FirstOrDefault(static n => n is not null) is { } asked)
            {
                // "Please enter a valid URL", "You must specify a meeting ID": the value asked for, when the request sent it.
                context.AddField(asked, FieldLocation.Unknown, text);
            }
            else if (TextExtract.SentenceSubject(text) is { } subject)
            {
                // "Name must be a valid hostname.", "Service can't be blank.": a validation sentence about one attribute.
                // Rails and Laravel write an attribute's name apart ("The per page must…" is per_page): with no request to match
                // the words against, the name is the words joined as those frameworks split it.
                var noRequest = context.Exchange.RequestBody is null && context.Exchange.RequestParamNames is not { Count: > 0 };
                context.AddField(RequestNameLike(context.Exchange, subject) ?? (noRequest ? subject.Replace(' ', '_') : subject), FieldLocation.Unknown, text);
            }
        }
        if (context.MissingScopes.Count > 0 && !context.NamesScopes)
        {
            // The words name a permission the caller lacks ("isn't authorized to access Magento_Catalog::products"), whatever the status.
            kinds.Add(DiagnosisKinds.InsufficientPermission);
        }
        if ((kinds.Contains(DiagnosisKinds.InsufficientPermission) || context.Status == 403)
            && (credentialLacks && context.Texts.Any(TextExtract.SaysCredentialGrants) || context.Texts.Take(MaxTextsRead).Any(TextExtract.RefusesTheCredential)))
        {
            // "Insufficient app permissions", "the API key does not have access": what the credential was granted, a scope.
            kinds.Add(DiagnosisKinds.MissingScope);
        }
        if (kinds.Contains(DiagnosisKinds.RateLimited) && kinds.Contains(DiagnosisKinds.QuotaExceeded)
            && ErrorVocabulary.LimitKind(string.Join(" ", context.Texts.Take(MaxTextsRead))) is { } limit)
        {
            // "Message throttled out" and "You have exceeded your quota" in two members: the words together decide.
            kinds.RemoveAll(k => k is DiagnosisKinds.RateLimited or DiagnosisKinds.QuotaExceeded && k != limit);
        }
        if (context.Status != 401 && kinds.Contains(DiagnosisKinds.BadCredentials) && kinds.Contains(DiagnosisKinds.InsufficientPermission)
            && context.Texts.Take(MaxTextsRead).Any(ErrorVocabulary.PermissionBesideBareUnauthorized))
        {
            // Not at a 401 (a missing token's answer): there "unauthorized" is about credentials whatever else the words say.
            kinds.Remove(DiagnosisKinds.BadCredentials);
        }
        context.TextKinds.AddRange(kinds);
        kinds.AddRange(context.WeakCodeKinds);
        if (context.Status == 401 && context.MissingScopes.Count == 0 && !credentialLacks && !context.Texts.Any(ErrorVocabulary.SaysPermissionPrecisely))
        {
            // A 401 is about credentials: "Forbidden" or "not authorized to access this resource" there do not name a permission
            // (words that name one, "not authorized to access Magento_Catalog::products", do; and so do words whose subject is the
            // credential, "This API key does not have access to …": the key was read, what it may do falls short).
            kinds.RemoveAll(k => k == DiagnosisKinds.InsufficientPermission);
        }
        if (context.FieldCount > 0)
        {
            // Words such as "parse error" beside a named field are about that field's value, not an unreadable body.
            kinds.RemoveAll(k => k == DiagnosisKinds.MalformedBody);
        }
        if (context.NamesScopes)
        {
            context.Propose(DiagnosisKinds.MissingScope, Evidence.Structured);
        }
        foreach (var kind in ErrorVocabulary.BySpecificity(kinds))
        {
            if (context.Propose(kind, Evidence.Text))
            {
                return;
            }
        }
    }

    private static string? RequestNameLike(ResponseExchange exchange, string name) =>
        exchange.RequestParamNames?.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(p.Replace("_", "", StringComparison.Ordinal), name.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The names leading a message ("title is required", "email: must be a well-formed address"), one per line: a plain
    /// answer often lists one failed field per line.
    /// </summary>
    private static List<(string Name, string Line)> LeadingNames(DiagnosisContext context, string text)
    {
        var found = new List<(string, string)>();
        var lines = text.Contains('\n', StringComparison.Ordinal) ? text.Split('\n', 12, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(10) : [text];
        foreach (var line in lines.Select(TextExtract.AfterErrorLabel))
        {
            if (TextExtract.LeadingName(line, out var onlyColon) is { } name
                && (onlyColon ? FieldPath.WasSent(name, context.Exchange) : RequestHas(context.Exchange, name) || TextExtract.LooksLikeFieldName(name)))
            {
                found.Add((name, line));
            }
        }
        return found;
    }

    private static bool RequestHas(ResponseExchange exchange, string name) =>
        (exchange.RequestParamNames?.Contains(name, StringComparer.OrdinalIgnoreCase) ?? false)
        || FieldPath.Map(FieldPath.Parse(name), FieldLocation.Body, exchange).StartsWith("body", StringComparison.Ordinal);
}
