using System.Text;
using System.Text.RegularExpressions;
using static Toolsmith.Core.Diagnosis.DiagnosisKinds;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>
/// The words APIs use for their errors, as machine codes (<c>missing_scope</c>, <c>PERMISSION_DENIED</c>, <c>userRateLimitExceeded</c>)
/// and as message text ("rate limit exceeded", "token has expired"), mapped to diagnosis kinds.
/// </summary>
internal static partial class ErrorVocabulary
{
    /// <summary>When several codes or messages point different ways, the most specific kind wins (a scope problem is also a permission problem).</summary>
    private static readonly string[] Specificity =
    [
        MissingScope, ExpiredCredentials, QuotaExceeded, RateLimited, PayloadTooLarge, UnsupportedMediaType, MalformedBody,
        BadCredentials, MethodNotAllowed, RequestRejected, NotFound, Conflict, DiagnosisKinds.Timeout, InsufficientPermission, InvalidValue, ServerError,
    ];

    /// <summary>Kinds ordered from the most specific.</summary>
    public static IEnumerable<string> BySpecificity(IEnumerable<string> kinds) =>
        kinds.Distinct(StringComparer.Ordinal).OrderBy(k => Array.IndexOf(Specificity, k) is var i && i < 0 ? int.MaxValue : i);

    /// <summary>The kind a machine error code means, or null when it says nothing we know.</summary>
    public static string? ClassifyCode(string code)
    {
        var c = Compact(code);
        if (c.Length == 0)
        {
            return null;
        }
        if (c.Contains("scope", StringComparison.Ordinal))
        {
            return MissingScope;
        }
        // OAuth 2 (RFC 6749 §5.2): the refresh token or authorization code expired or was revoked.
        if (c is "invalidgrant" or "expiredtoken" or "tokenexpired"
            || (c.Contains("expired", StringComparison.Ordinal) && ContainsAny(c, "token", "session", "auth", "credential", "jwt", "key", "login", "signature")))
        {
            return ExpiredCredentials;
        }
        if (ContainsAny(c, "quota", "dailylimit", "monthlylimit", "billing", "insufficientfunds", "insufficientbalance", "creditlimit", "planlimit", "usagelimitexceeded"))
        {
            return QuotaExceeded;
        }
        if (ContainsAny(c, "ratelimit", "throttl", "toomanyrequests", "limitexceeded", "limitreached", "toomanycalls") || c is "slowdown")
        {
            return RateLimited;
        }
        if (c.Contains("toolarge", StringComparison.Ordinal) && ContainsAny(c, "request", "payload", "entity", "body", "content", "file", "upload"))
        {
            return PayloadTooLarge;
        }
        if (ContainsAny(c, "unsupportedmediatype", "unsupportedcontenttype", "invalidcontenttype", "unsupportedmedia"))
        {
            return UnsupportedMediaType;
        }
        if (ContainsAny(c, "json", "parseerror", "parsefailed", "syntaxerror", "malformedbody", "malformedrequest", "invalidbody", "bodynotobject", "invalidformdata"))
        {
            return MalformedBody;
        }
        if (c is "unauthorized" or "unauthenticated" or "invalidclient" or "accountinactive" or "tokenrevoked" or "noauth" or "notauthed"
            || ContainsAny(c, "authenticationfail", "authenticationerror", "authenticationrequired", "invalidauth", "notauthenticated", "invalidtoken",
                "invalidaccesstoken", "badcredentials", "invalidcredential", "invalidapikey", "apikeyinvalid", "invalidkey", "invalidsession",
                "revoked", "invalidsignature", "missingauth", "loginrequired", "unauthenticated"))
        {
            return BadCredentials;
        }
        if (ContainsAny(c, "methodnotallowed", "unsupportedmethod"))
        {
            return MethodNotAllowed;
        }
        if (ContainsAny(c, "csrf", "xsrf", "requestblocked", "blockedbyfirewall"))
        {
            return RequestRejected;
        }
        if (ContainsAny(c, "notfound", "resourcemissing", "doesnotexist", "notexist", "nosuch", "entityisdeleted", "unknownobject"))
        {
            return NotFound;
        }
        if (ContainsAny(c, "conflict", "alreadyexists", "duplicate", "versionmismatch") || c is "aborted")
        {
            return Conflict;
        }
        if (ContainsAny(c, "deadlineexceeded", "timeout", "timedout"))
        {
            return DiagnosisKinds.Timeout;
        }
        if (ContainsAny(c, "permission", "forbidden", "accessdenied", "denied", "notallowed", "insufficientaccess", "insufficientprivilege", "noaccess", "notauthorized", "authorizationfailed", "unauthorizedclient", "notpermitted"))
        {
            return InsufficientPermission;
        }
        if (ContainsAny(c, "internal", "servererror", "backenderror", "serviceunavailable", "fatal", "overloaded") || c is "unavailable" or "dataloss" or "unknown" or "unknownerror")
        {
            return ServerError;
        }
        if (ContainsAny(c, "invalid", "missing", "required", "validation", "badrequest", "unprocessable", "parameter", "argument", "outofrange",
            "malformed", "blank", "toolong", "tooshort", "format", "unknownfield", "unknownname", "length", "mustbe", "notunique"))
        {
            return InvalidValue;
        }
        return c.Contains("failedprecondition", StringComparison.Ordinal) ? RequestRejected : null;
    }

    /// <summary>The kinds a message's words suggest (several may fit; the caller picks by specificity and status).</summary>
    public static List<string> ClassifyText(string text)
    {
        var kinds = new List<string>(2);
        var t = text.Length > 1500 ? text[..1500] : text;
        try
        {
            if (ScopeWords().IsMatch(t))
            {
                kinds.Add(MissingScope);
            }
            if (ExpiredWords().IsMatch(t))
            {
                kinds.Add(ExpiredCredentials);
            }
            if (LimitKind(t) is { } limit)
            {
                kinds.Add(limit);
            }
            if (PayloadWords().IsMatch(t))
            {
                kinds.Add(PayloadTooLarge);
            }
            if (MediaTypeWords().IsMatch(t))
            {
                kinds.Add(UnsupportedMediaType);
            }
            if (MalformedWords().IsMatch(t))
            {
                kinds.Add(MalformedBody);
            }
            if (CredentialWords().IsMatch(t))
            {
                kinds.Add(BadCredentials);
            }
            if (RejectedWords().IsMatch(t))
            {
                kinds.Add(RequestRejected);
            }
            if (NotFoundWords().IsMatch(t))
            {
                kinds.Add(NotFound);
            }
            if (ConflictWords().IsMatch(t))
            {
                kinds.Add(Conflict);
            }
            if (PermissionWords().IsMatch(t))
            {
                kinds.Add(InsufficientPermission);
            }
            if (InvalidWords().IsMatch(t))
            {
                kinds.Add(InvalidValue);
            }
            if (ServerWords().IsMatch(t))
            {
                kinds.Add(ServerError);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological message: what was found so far stands.
        }
        return kinds;
    }

    /// <summary>Rate limit (retrying later helps) or quota (it does not, until the period resets or the plan changes), from a message's words.</summary>
    public static string? LimitKind(string text)
    {
        var rate = RateWords().IsMatch(text);
        var quota = QuotaWords().IsMatch(text);
        if (!rate && !quota)
        {
            return null;
        }
        if (ShortWindow().IsMatch(text))
        {
            return RateLimited;
        }
        return quota || LongWindow().IsMatch(text) ? QuotaExceeded : RateLimited;
    }

    /// <summary>True when the text says a credential expired.</summary>
    public static bool SaysExpired(string text) => ExpiredWords().IsMatch(text.Length > 1500 ? text[..1500] : text);

    /// <summary>True when the text says a scope is missing.</summary>
    public static bool SaysScope(string text) => ScopeWords().IsMatch(text.Length > 1500 ? text[..1500] : text);

    /// <summary>Lower-case letters and digits only: <c>userRateLimitExceeded</c>, <c>RATE_LIMIT</c> and <c>rate-limit</c> compare alike.</summary>
    public static string Compact(string code)
    {
        var sb = new StringBuilder(code.Length);
        foreach (var ch in code)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }
        return sb.ToString();
    }

    private static bool ContainsAny(string s, params ReadOnlySpan<string> parts)
    {
        foreach (var part in parts)
        {
            if (s.Contains(part, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const int TimeoutMs = 200;

    [GeneratedRegex(@"\bscopes?\b.{0,60}?\b(missing|insufficient|not (been )?granted|required|requires?|does ?n[o']t match|lacks?|needs?|not sufficient)\b|\b(missing|insufficient|lacks?|requires?|required|needs?|not granted|approval for)\b.{0,80}?\bscopes?\b", Options, TimeoutMs)]
    private static partial Regex ScopeWords();

    [GeneratedRegex(@"\b(tokens?|session|credentials?|jwt|api[ _-]?key|key|signature|login|authentication|certificate|grant|password)\b.{0,60}?\b(has |have |is |was )?expired\b|\bexpired\b.{0,30}?\b(tokens?|session|credentials?|jwt|grant)\b|\binvalid_grant\b", Options, TimeoutMs)]
    private static partial Regex ExpiredWords();

    [GeneratedRegex(@"rate[ _-]?limit|too many (requests|calls)|throttl|slow down|requests? per (second|minute|min)\b|\b(rpm|tpm|rps)\b|secondly limit|limit (exceeded|reached)|exceeded .{0,30}\blimit\b|\blimit\b.{0,30}\bexceeded", Options, TimeoutMs)]
    private static partial Regex RateWords();

    [GeneratedRegex(@"\bquota|daily limit|monthly limit|\bper (day|month)\b|billing|exceeded your current|credit balance|out of credits|insufficient (funds|balance|credits)|plan limit|upgrade your plan|TotalRequests", Options, TimeoutMs)]
    private static partial Regex QuotaWords();

    [GeneratedRegex(@"\bper (second|minute|min|hour)\b|\b(rpm|tpm|rps)\b|secondly|per \d+ seconds|burst|concurrent|try again in \d|retry (again )?(after|in) \d|requests per min", Options, TimeoutMs)]
    private static partial Regex ShortWindow();

    [GeneratedRegex(@"\bper (day|month)\b|daily|monthly|billing|\bplan\b|credits?\b|insufficient_quota|current quota", Options, TimeoutMs)]
    private static partial Regex LongWindow();

    [GeneratedRegex(@"payload (size )?(exceeds|is too (large|big)|too large)|request entity too large|(request|body|payload|content|upload|file) (is |was )?too (large|big)|request too long|exceeds the (maximum )?(request|payload|body|upload) size|maximum (request|payload|body) size", Options, TimeoutMs)]
    private static partial Regex PayloadWords();

    [GeneratedRegex(@"unsupported media type|unsupported content[- ]type|content[- ]type\b.{0,40}?\b(is )?(not supported|unsupported|not allowed|must be|expected|invalid)", Options, TimeoutMs)]
    private static partial Regex MediaTypeWords();

    [GeneratedRegex(@"problems? parsing|(error|fail(ed|ure)?|unable|could not|couldn't|cannot|can't) (to )?(parse|decode|deserialize|read) (the )?(json|body|request|payload|input)|(invalid|malformed|bad|unparsable|unparseable) (json|request body|body)|json (parse|parsing|syntax|decode) error|not (a )?valid json|unexpected (token|end of (json|input)|character)|body should be a json|request body (is )?(malformed|missing|empty|not valid)|invalid start of a value|syntax error", Options, TimeoutMs)]
    private static partial Regex MalformedWords();

    [GeneratedRegex(@"invalid api[ _-]?key|api[ _-]?key (is |was )?(invalid|not valid|incorrect|missing)|bad credentials|invalid (access |auth |bearer |oauth |authentication )?token|(token|credentials?) (is |are |was )?(invalid|revoked|not valid|malformed)|\bunauthori[sz]ed\b(?! to)|not authenticated|authentication (failed|required|credentials were not provided|is required)|invalid (authentication )?credentials|invalid signature|(missing|no) (api key|authorization header|credentials|auth(entication)? token)|session (is )?(invalid|not valid)|invalid authentication|invalid session|authentication error", Options, TimeoutMs)]
    private static partial Regex CredentialWords();

    [GeneratedRegex(@"\b[cx]srf\b|cross[- ]site request forgery|cloudflare|request blocked|web application firewall|\bwaf\b|request could not be satisfied|bot protection|captcha", Options, TimeoutMs)]
    private static partial Regex RejectedWords();

    [GeneratedRegex(@"\bnot found\b|does not exist|doesn't exist|\bno such\b|could not be found|cannot be found|unknown (resource|object|endpoint)", Options, TimeoutMs)]
    private static partial Regex NotFoundWords();

    [GeneratedRegex(@"already exists|\bduplicate\b|\bconflict|version mismatch|has been modified", Options, TimeoutMs)]
    private static partial Regex ConflictWords();

    [GeneratedRegex(@"\bpermissions?\b|\bforbidden\b|not allowed to|access (is )?denied|insufficient privileges|not authori[sz]ed to|unauthori[sz]ed to|does not have access|do(es)? not have (the )?(required )?(access|rights|privileges)|not permitted|not accessible|\b(admin|write|read|owner) (rights|access|role)\b", Options, TimeoutMs)]
    private static partial Regex PermissionWords();

    [GeneratedRegex(@"\binvalid\b|is required|missing required|\bmust (be|not|have|contain)\b|should be|can'?t be blank|cannot be blank|is not (a )?valid|not a valid|expected type|wrong type|out of range|too (long|short)|validation|not the correct type", Options, TimeoutMs)]
    private static partial Regex InvalidWords();

    [GeneratedRegex(@"internal (server )?error|something went wrong|unexpected error|service (is )?unavailable|temporarily unavailable|bad gateway", Options, TimeoutMs)]
    private static partial Regex ServerWords();
}
