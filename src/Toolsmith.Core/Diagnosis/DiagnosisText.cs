using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Toolsmith.Core.Steps.Api;
using static Toolsmith.Core.Diagnosis.DiagnosisKinds;

namespace Toolsmith.Core.Diagnosis;

/// <summary>The plain words of a diagnosis: title, explanation and hint per kind, naming the scopes and fields found.</summary>
internal static partial class DiagnosisText
{
    private const int MaxListedFields = 10;

    public static (string Title, string Explanation, string Hint) Build(string kind, DiagnosisContext c, List<FieldProblem>? fields, double? retryAfter)
    {
        var who = c.Provider ?? "The API";
        var status = c.Status >= 400
            ? $" ({c.Status}{(ReasonPhrases.For(c.Status) is { } phrase ? " " + phrase : "")})"
            : $" (the status was {c.Status}, but the body says the call failed)";
        var (title, explanation, hint) = kind switch
        {
            MissingScope => MissingScopeText(c, who, status),
            InsufficientPermission => ("The credentials lack permission for this",
                $"{who} knows who is calling but refuses this action for them{status}.",
                "Grant the account or token the role or permission this endpoint needs (for OAuth, the scope its documentation names), or use an account that has it; check too that the resource belongs to a workspace or account these credentials can reach."),
            BadCredentials => ("The credentials were not accepted",
                $"{who} did not accept the credentials sent with the request{status}: the token or key is missing, wrong, revoked, or not sent in the form it expects.",
                "Check the Authorization header or API key: that the secret is set, is the right one for this API (and environment: test or live), and is sent as the API expects (e.g. \"Bearer <token>\")."),
            ExpiredCredentials => ("The credentials have expired",
                $"{who} rejected the token because it has expired or was revoked{status}.",
                "Get a new access token (with the refresh token, or by signing in or authorizing again), update the secret, and run again; refresh tokens before they expire if this recurs."),
            InvalidValue => InvalidValueText(who, status, fields),
            MalformedBody => ("The API could not read the request body",
                $"{who} could not parse the body{status}: it is not valid JSON, or not in the shape or encoding it expects.",
                "Check the step's body: that it is valid JSON (a template that renders text where JSON is expected is a common cause), that the Content-Type matches it, and that the API wants an object or an array as sent."),
            NotFound => (fields is { Count: > 0 } ? $"Nothing was found for {fields[0].Path}" : "Nothing was found at this URL",
                fields is { Count: > 0 }
                    ? $"{who} says {fields[0].Path} refers to something that does not exist{status} (or that these credentials may not see)."
                    : $"{who} answered that the path, or an id in it, does not exist{status}; some APIs also say this when the credentials may not see the resource.",
                fields is { Count: > 0 }
                    ? $"Check the value sent in {fields[0].Path}; if it exists, check that the credentials (and the account, workspace or test/live mode) can see it."
                    : "Check the URL and the ids in it; if the resource exists, check that the credentials may see it."),
            MethodNotAllowed => ($"{c.Exchange.Method} is not allowed here",
                $"{who} does not accept {c.Exchange.Method} at this URL{status}.",
                c.Header("Allow") is { Length: > 0 } allow ? $"Use one of the methods it allows: {allow}." : "Check the API's documentation for the method this endpoint takes."),
            Conflict => ("The request conflicts with the current state",
                $"{who} refused the change because it conflicts with what exists{status}, e.g. a duplicate or a stale version.",
                "Fetch the current state, resolve the conflict (another name or key, the latest version), and send again."),
            PayloadTooLarge => ("The request body is too large",
                $"{who} refused the body because it is larger than it accepts{status}.{Limit(c)}",
                "Send less per request: split a bulk array into smaller batches, or upload large files the way the API documents."),
            UnsupportedMediaType => ("The API does not accept this body type",
                $"{who} refused the Content-Type of the body{status}.",
                "Set the body type (or Content-Type header) the API expects, e.g. application/json, form or multipart."),
            RateLimited => ("Too many requests",
                $"{who} is limiting how fast you may call it{status}; this passes with time.{retryAfter switch { > 0 and var w => $" It asks to wait {Seconds(w)}.", 0 => " The limit has already reset.", _ => "" }}",
                retryAfter switch
                {
                    > 0 and var s => $"Wait {Seconds(s)} and try again, or turn on retries for this step (they honour Retry-After); if it recurs, call less often or in smaller batches.",
                    0 => "Try again now, or turn on retries for this step; if it recurs, call less often or in smaller batches.",
                    _ => "Wait a little and try again, or turn on retries for this step; if it recurs, call less often or in smaller batches.",
                }),
            QuotaExceeded => ("A usage quota is used up",
                $"{who} refused the call{status} because a quota is used up (a daily or monthly allowance, the plan's limit, or billing); retrying soon will not help.",
                "Wait until the quota resets (see the API's usage or billing page), or raise the quota, upgrade the plan or fix billing; then run again."),
            ServerError => ServerErrorText(who, status, fields, c.Status),
            DiagnosisKinds.Timeout => ("The server timed out",
                $"The server (or a gateway in front of it) gave up waiting{status}.",
                "Try again later; if it keeps happening, ask for less per request."),
            RequestRejected => (c.Status >= 400 ? $"The API refused the request ({c.Status})" : "The API reported a failure",
                $"{who} refused the request{status}.",
                "Read the API's message and its documentation for this error; the request reached the API but was not carried out."),
            _ => ("The call failed", $"{who} answered{status}.", "Read the API's message and its documentation for this status."),
        };
        if (c.Notes.Count > 0)
        {
            explanation += " " + string.Join(" ", c.Notes);
        }
        return (title, explanation, c.Hint ?? hint);
    }

    private static (string, string, string) MissingScopeText(DiagnosisContext c, string who, string status)
    {
        var missing = c.MissingScopes;
        var granted = c.GrantedScopes is { Count: > 0 } g ? $" The token has: {string.Join(", ", g)}." : c.GrantedScopes is { Count: 0 } ? " The token has no scopes." : "";
        if (missing.Count == 0)
        {
            return ("The token is missing a permission (scope)",
                $"{who} refused the call{status}: the token lacks a permission (OAuth scope) this endpoint needs, and the response does not say which.{granted}",
                "Look up this endpoint in the API's documentation for the scope or permission it requires and compare it with the token's scopes (the token's settings page, or the 'scope'/'scp' claim of a JWT access token); then grant it and get a new token.");
        }
        var list = string.Join(", ", missing.Select(s => $"'{s}'"));
        string title, phrase;
        if (missing.Count == 1)
        {
            title = $"The token is missing the scope {missing[0]}";
            phrase = $"the scope {list}";
        }
        else if (c.ScopesAreAlternatives)
        {
            title = $"The token needs one of the scopes {string.Join(", ", missing)}";
            phrase = $"any of the scopes {list} (one is enough)";
        }
        else
        {
            title = $"The token is missing the scopes {string.Join(", ", missing)}";
            phrase = $"the scopes {list}";
        }
        return (title,
            $"{who} refused the call{status} because the token was not granted {phrase}.{granted}",
            $"Give the token {phrase}: create a new token, or re-authorize the app with it added, update the secret, and run again.");
    }

    private static (string, string, string) InvalidValueText(string who, string status, List<FieldProblem>? fields)
    {
        if (fields is not { Count: > 0 })
        {
            return ("The API rejected values in the request",
                $"{who} refused the request{status}: some value in it is missing or not what the API expects, and the response does not say which.",
                "Compare the body and parameters with the API's documentation; the API's message says what it expected.");
        }
        var sb = new StringBuilder($"{who} refused the request{status} because of these values:");
        foreach (var f in fields.Take(MaxListedFields))
        {
            sb.Append(CultureInfo.InvariantCulture, $" {f.Path}: {f.Message.TrimEnd('.')}.");
        }
        if (fields.Count > MaxListedFields)
        {
            sb.Append(CultureInfo.InvariantCulture, $" And {fields.Count - MaxListedFields} more.");
        }
        var names = string.Join(", ", fields.Take(3).Select(f => f.Path)) + (fields.Count > 3 ? ", …" : "");
        var title = fields.Count == 1 ? $"The API rejected the value of {fields[0].Path}" : $"The API rejected {fields.Count} values: {names}";
        return (title, sb.ToString(), $"Fix {names} as the API says, then send again.");
    }

    private static (string, string, string) ServerErrorText(string who, string status, List<FieldProblem>? fields, int code)
    {
        var paths = fields is { Count: > 0 } ? string.Join(", ", fields.Take(5).Select(f => f.Path)) : null;
        return (paths is null ? "The API failed on its side" : $"The API could not produce part of its answer ({paths})",
            paths is null
                ? $"The server{(code >= 400 ? $" answered{status}" : $" reported a failure{status}")}: the fault is on its side, not in your request."
                : $"{who} reported errors while producing {paths}{status}; other parts of the answer may be present. The fault is usually on its side.",
            "Try again later (turn on retries for this step); if it persists, contact the API's provider with the request id from the response headers.");
    }

    private static string Limit(DiagnosisContext c)
    {
        foreach (var text in c.Texts)
        {
            if (SizeLimit().Match(text) is { Success: true } m)
            {
                return $" Its limit is {m.Value}.";
            }
        }
        return "";
    }

    private static string Seconds(double s) => s < 10
        ? $"{s.ToString("0.##", CultureInfo.InvariantCulture)} s"
        : $"{Math.Ceiling(s).ToString(CultureInfo.InvariantCulture)} s";

    [GeneratedRegex(@"\d[\d,.]*\s*(bytes|[KMG]i?B|kB|characters|tokens)\b", RegexOptions.CultureInvariant, Toolsmith.Core.Diagnosis.Reading.RegexBudget.Milliseconds)]
    private static partial Regex SizeLimit();
}
