namespace Toolsmith.Import;

/// <summary>Recognises names and values that hold credentials, so importers turn them into secrets instead of writing them to disk.</summary>
internal static partial class Credentials
{
    private static readonly string[] SecretWords = ["token", "secret", "password", "passwd", "pwd", "pass", "apikey", "credential", "credentials", "signature", "sig", "jwt", "bearer", "authorization", "auth", "session", "sessionid", "cookie", "privatekey", "passphrase", "pw", "psw"];

    /// <summary>
    /// Last words that keep a name a credential when a credential word comes before them (session_id, auth_code,
    /// password_hash): what a credential is held as.
    /// </summary>
    private static readonly string[] HolderWords = ["id", "key", "value", "header", "string", "code", "hash", "cookie", "ticket"];

    /// <summary>Words that make "key" mean something else than a credential (Idempotency-Key, sort_key).</summary>
    private static readonly string[] NotSecretKeyWords = ["idempotency", "public", "sort", "cache", "partition", "primary", "foreign", "lookup", "dedup", "dedupe", "object", "file", "row", "s3", "map", "hash", "publishable"];

    /// <summary>Words that make a token a place in a listing (page_token, nextToken, continuation_token, sync_token), not a credential.</summary>
    private static readonly string[] PagingWords = ["page", "paging", "pagination", "next", "prev", "previous", "continuation", "cursor", "sync", "resume", "marker", "offset", "start"];

    /// <summary>
    /// True when a header, parameter, field or variable of this name usually holds a credential: a credential word last
    /// (auth_token, client_secret, session) or before what a credential is held as (session_id, auth_code); not a word about
    /// one (sessionResult, token_expiry, signature_method). With <paramref name="anyWord"/> (a header's name: X-Auth-Email,
    /// X-Auth-User go with the key they are sent beside), any credential word.
    /// </summary>
    public static bool IsSecretName(string name, bool anyWord = false)
    {
        var words = Words(name);
        if (words.Length == 0 || IsPaging(words) || NamesAnother(words))
        {
            return false;
        }
        if (SecretWords.Contains(words[^1]) || (words.Any(static w => SecretWords.Contains(w)) && (anyWord || HolderWords.Contains(words[^1]))))
        {
            return true; // auth_token, session, sessionId, client_secret; not sessionResult, token_expiry, signature_method
        }
        if (words.Contains("key") || words.Contains("apikey"))
        {
            return !words.Any(static w => NotSecretKeyWords.Contains(w));
        }
        return false;
    }

    /// <summary>Strong names for fields and parameters: the last word says credential (api_key, client_secret, access_token, password).</summary>
    public static bool IsSecretField(string name)
    {
        var words = Naming.Snake(name).Split('_', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && words[^1] is "token" or "secret" or "password" or "passwd" or "pass" or "pwd" or "passphrase" or "apikey" or "key" or "credential" or "credentials" or "signature" or "jwt"
            && IsSecretName(name);
    }

    /// <summary>
    /// A name of a credential that stays the same from call to call, where a document describes a parameter or a field and no
    /// value says more: a password, a passphrase, a secret, a token or an API key (<c>password</c>, <c>api_key</c>,
    /// <c>access_token</c>, <c>client_secret</c>), not a page's token, nor a signature or a session a call passes on.
    /// </summary>
    public static bool IsStandingCredentialName(string name, bool header = false)
    {
        var words = Naming.Snake(name).Split('_', StringSplitOptions.RemoveEmptyEntries);
        return IsSecretName(name, anyWord: header)
            && (words.Any(static w => w is "password" or "passwd" or "pwd" or "passphrase" or "secret" or "token" or "apikey" || w.EndsWith("password", StringComparison.Ordinal))
                || (words.Contains("api") && words.Contains("key")));
    }

    /// <summary>
    /// A name that says what it holds is about a credential, not the credential: its id, name, type or URL
    /// (apiCredentialId, token_type, secret_name, password_url). A session's id is the session's credential.
    /// </summary>
    private static bool NamesAnother(string[] words) =>
        words.Length > 1 && words[^1] is "id" or "ids" or "uuid" or "guid" or "name" or "names" or "type" or "types" or "url" or "uri" or "count" or "length" or "version"
        && !words.Any(static w => w is "session" or "sessionid" or "cookie");

    /// <summary>What a credential's key or token is of, written as one word with it: hapikey, appkey, accesstoken, authtoken.</summary>
    private static readonly string[] CompoundPrefixes = ["api", "app", "access", "secret", "private", "auth", "client", "dev", "developer", "user", "license", "licence", "subscription", "consumer", "master", "account", "merchant", "partner", "bearer", "session"];

    /// <summary>
    /// A name's words (<see cref="Naming.Snake"/>), a credential written as one word read as its kind: hapikey and appkey as
    /// apikey, accesstoken as token (not nexttoken, a place in a listing).
    /// </summary>
    private static string[] Words(string name) =>
        [.. Naming.Snake(name).Split('_', StringSplitOptions.RemoveEmptyEntries).Select(static w => w.Length > 3 && char.IsAsciiDigit(w[^1]) && w.TrimEnd("0123456789".ToCharArray()) is { Length: >= 3 } stem ? stem : w).Select(static w =>
            w.Length > 6 && w.EndsWith("apikey", StringComparison.Ordinal) ? "apikey"
            : w.Length > 8 && w.EndsWith("password", StringComparison.Ordinal) ? "password" // md5password, newpassword, adminpassword
            : w.Length > 3 && w.EndsWith("key", StringComparison.Ordinal) && CompoundPrefixes.Contains(w[..^3]) ? "apikey"
            : w.Length > 5 && w.EndsWith("token", StringComparison.Ordinal) && CompoundPrefixes.Contains(w[..^5]) ? "token"
            : w)];

    private static bool IsPaging(string[] words) => words.Any(static w => PagingWords.Contains(w)) && words[^1] is "token" or "cursor" or "marker" or "key";

    /// <summary>How well-known tokens start: Stripe, OpenAI, GitHub, Slack, Google, AWS, JWTs, GitLab, SendGrid, Mailgun, Shopify.</summary>
    private static readonly string[] TokenPrefixes = ["sk_", "sk-", "rk_", "pk_live_", "ghp_", "gho_", "ghu_", "ghs_", "github_pat_", "xoxb-", "xoxp-", "xoxa-", "xoxr-", "AIza", "AKIA", "eyJ", "glpat-", "SG.", "key-", "shpat_", "ya29."];

    /// <summary>
    /// The credential a URL path segment holds, or null: a token of a well-known shape (<c>ghp_…</c>, <c>sk_live_…</c>, a JWT),
    /// or a bot token after <c>bot</c> (<c>/bot123456:AAH…/sendMessage</c>). Only shapes no id or word has: at least 20
    /// characters of letters, digits, <c>_ - .</c> with a digit after the prefix (<c>key-management-service</c> is a word,
    /// and an opaque id of another shape stays an id).
    /// </summary>
    public static string? InPathSegment(string segment)
    {
        var bot = segment.StartsWith("bot", StringComparison.Ordinal) ? segment[3..] : segment;
        var colon = bot.IndexOf(':', StringComparison.Ordinal);
        if (colon is >= 6 and <= 12 && bot[..colon].All(char.IsAsciiDigit) && bot.Length - colon - 1 >= 30
            && bot[(colon + 1)..].All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            return bot;
        }
        if (segment.Length < 20 || !segment.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            return null;
        }
        foreach (var prefix in TokenPrefixes)
        {
            if (segment.StartsWith(prefix, StringComparison.Ordinal) && segment[prefix.Length..] is var rest
                && rest.Any(char.IsAsciiDigit) && rest.Any(char.IsAsciiLetter))
            {
                return segment;
            }
        }
        return null;
    }

    /// <summary>A webhook URL's secret segment: 24 or more letters, digits, <c>_</c> and <c>-</c>, mixing upper and lower case with digits (not an id or a word).</summary>
    public static bool IsWebhookSecret(string segment) =>
        segment.Length >= 24 && segment.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
        && segment.Any(char.IsAsciiLetterUpper) && segment.Any(char.IsAsciiLetterLower) && segment.Any(char.IsAsciiDigit);

    /// <summary>True when the value looks like a credential whatever its name: a known token prefix or a long random string.</summary>
    public static bool LooksLikeSecretValue(string value)
    {
        var v = value.Trim();
        if (v.Length < 16 || v.Contains("{{", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var prefix in TokenPrefixes)
        {
            if (v.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        // A random string is written in a token's characters (letters, digits, - _ ~ +, = only as base64's padding at the end):
        // "query=george%20clo&hitsPerPage=2" is encoded data, not a key.
        if (v.Length < 32 || !v.TrimEnd('=').All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '~' or '+') || IsHexOrUuid(v))
        {
            return false;
        }
        return v.Any(char.IsAsciiLetterUpper) && v.Any(char.IsAsciiLetterLower) && v.Any(char.IsAsciiDigit);
    }

    /// <summary>
    /// True when a query parameter, form field or body member holds a credential: its value looks like one whatever its
    /// name (a known token prefix, a long random string), or its name says credential (token, key, password…) and its
    /// value is shaped like one: a password of any non-blank text, a key or token of 8+ characters without spaces that
    /// holds a digit or is 20+ long, or a placeholder from API docs (&lt;YOUR_TOKEN&gt;, YOUR_API_KEY). A name alone is not
    /// enough: <c>{"key":"status"}</c> and <c>?key=one</c> are data.
    /// </summary>
    public static bool IsCredentialField(string name, string value)
    {
        var v = value.Trim();
        if (v.Length == 0 || v.Contains("{{", StringComparison.Ordinal) || IsPaging(Words(name)))
        {
            return false; // a page token is often a long random string, and it is not a credential
        }
        if (LooksLikeSecretValue(v))
        {
            return true;
        }
        if (Words(name) is ["appid"] or [.., "app", "id"] && v.Length >= 32 && IsHexOrUuid(v) && !v.Contains('-', StringComparison.Ordinal))
        {
            return true; // OpenWeather's ?appid=: an app's id of 32 hex digits is the key it is sent as (a public app id is a number)
        }
        if (!IsSecretName(name))
        {
            return false;
        }
        if (IsDocPlaceholder(v))
        {
            return true;
        }
        // A password is any text, spaces included; a key or token with spaces is prose.
        var words = Words(name);
        if (words[^1] is "password" or "passwd" or "pwd" or "pass" or "passphrase" or "secret")
        {
            return true;
        }
        if (v.Any(char.IsWhiteSpace))
        {
            // A key or token with spaces is prose ("my token"), unless it is one or two runs holding digits, under a name that can
            // only mean a credential ("refresh_token=rt 9f8e+7d6c", a '+' a form read as a space).
            return NamesTokenOrApiKey(words) && v.Length >= 8 && (v.Any(char.IsAsciiDigit) || MixedCase(v))
                && v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is { Length: <= 2 } runs && runs.All(static r => r.Length >= 2);
        }
        // a signature (Azure's SAS sig=) is opaque whatever it holds; a token or an API key of words joined by _ - . is one a
        // user chose (Jenkins' ?token=TRIGGER_TOK, pk.ey_static_tok), not a word
        // A short one counts under a name that can only mean a credential, or with a vendor's prefix ("access_key=ipk_ZZ9",
        // "key":"sk_1234"): letters and digits both, as a key has and a word or a count has not.
        if (v.Length is >= 6 and < 8 && v.Any(char.IsAsciiDigit) && v.Any(char.IsAsciiLetter) && !v.Any(static c => c is ' ' or '/' or ':' or '@')
            && (NamesTokenOrApiKey(words) || TokenPrefixes.Any(p => v.StartsWith(p, StringComparison.Ordinal) && v.Length > p.Length + 2)))
        {
            return true;
        }
        // (and letters alone in both cases, "AbCdEfGhIjKl", under such a name: a key, where a word or a state is one case)
        return v.Length >= 8 && (v.Any(char.IsAsciiDigit) || v.Length >= 20 || words[^1] is "sig" or "signature"
            || (NamesTokenOrApiKey(words) && v.Any(static c => c is '_' or '-' or '.') && v.Any(char.IsAsciiLetter))
            || (NamesTokenOrApiKey(words) && MixedCase(v)));
    }

    /// <summary>Upper- and lower-case letters inside the text, not only a capital at its start ("AbCdEf", not "Pending").</summary>
    private static bool MixedCase(string v) => v.Any(char.IsAsciiLetterLower) && v.Skip(1).Any(char.IsAsciiLetterUpper);

    /// <summary>
    /// <see cref="IsCredentialField(string, string)"/>, or a field that carries the grant of an OAuth token request beside its
    /// <c>grant_type</c> (<paramref name="grantType"/>): the authorization code and its PKCE verifier (RFC 6749 §4.1.3, RFC
    /// 7636), a device code (RFC 8628), an assertion (RFC 7523), an exchanged token (RFC 8693). "code" elsewhere is data (a
    /// discount code, a country).
    /// </summary>
    public static bool IsCredentialField(string name, string value, string? grantType) =>
        IsCredentialField(name, value)
        || (value.Trim().Length > 0 && !value.Contains("{{", StringComparison.Ordinal) && !IsPaging(Words(name)) && grantType switch
        {
            "authorization_code" => name is "code" or "code_verifier",
            "device_code" or "urn:ietf:params:oauth:grant-type:device_code" => name is "device_code",
            "urn:ietf:params:oauth:grant-type:jwt-bearer" or "urn:ietf:params:oauth:grant-type:saml2-bearer" => name is "assertion",
            "urn:ietf:params:oauth:grant-type:token-exchange" => name is "subject_token" or "actor_token",
            _ => false,
        });

    /// <summary>The <c>grant_type</c> of urlencoded form text, if it has one.</summary>
    public static string? GrantTypeOf(string form)
    {
        foreach (var pair in form.Split('&'))
        {
            if (pair.StartsWith("grant_type=", StringComparison.Ordinal))
            {
                return FormText.Decode(pair["grant_type=".Length..]).Trim();
            }
        }
        return null;
    }

    /// <summary>A name that can only mean a credential: a token (auth_token, token) or an API key (api_key, apikey, accessKey), not a bare key.</summary>
    private static bool NamesTokenOrApiKey(string[] words) =>
        words[^1] is "token" or "apikey" || (words is [.., var owner, "key"] && CompoundPrefixes.Contains(owner));

    /// <summary>A placeholder API docs write where the reader's credential goes: &lt;YOUR_TOKEN&gt;, YOUR_API_KEY, {api_key}, xxxxxxxx.</summary>
    public static bool IsDocPlaceholder(string value)
    {
        var v = value.Trim();
        return (v.Length > 2 && ((v[0] == '<' && v[^1] == '>') || (v[0] == '{' && v[^1] == '}' && !v.Contains('"', StringComparison.Ordinal)) || (v[0] == '[' && v[^1] == ']')))
            || v.Contains("YOUR", StringComparison.OrdinalIgnoreCase) && v.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            || (v.Length >= 6 && v.All(static c => c is 'x' or 'X' or '*' or '.' or '-'));
    }

    private static bool IsHexOrUuid(string v) => v.All(static c => char.IsAsciiHexDigit(c) || c == '-');

    /// <summary>A cookie that holds a credential: named like a session or token (sessionid, PHPSESSID, auth_token), or valued like one.</summary>
    public static bool IsSecretCookie(string name, string value)
    {
        var lower = name.ToLowerInvariant();
        return IsSecretName(name) || lower.Contains("sess", StringComparison.Ordinal) || lower.EndsWith("sid", StringComparison.Ordinal)
            || lower.Contains("token", StringComparison.Ordinal) || lower.Contains("auth", StringComparison.Ordinal)
            // WordPress's wordpress_logged_in_<hash> and wordpress_sec_<hash>, CSRF cookies (_xsrf, XSRF-TOKEN): tied to a session
            || lower.Contains("logged_in", StringComparison.Ordinal) || lower.StartsWith("wordpress_sec", StringComparison.Ordinal)
            || lower.Contains("xsrf", StringComparison.Ordinal) || lower.Contains("csrf", StringComparison.Ordinal)
            // "remember me" cookies (remember_me, remember_web_<hash>, rememberMe) sign the user in again: a credential
            || lower.Contains("remember", StringComparison.Ordinal) || LooksLikeSecretValue(value);
    }

    /// <summary>
    /// A Cookie header's text with each credential-like cookie's value (<see cref="IsSecretCookie"/>) given by
    /// <paramref name="secret"/> (its name, its value) and the rest, separators included, by <paramref name="plain"/>; null
    /// when no cookie holds a credential.
    /// </summary>
    public static string? CookieHeaderWithSecrets(string header, Func<string, string, string> secret, Func<string, string> plain)
    {
        var pieces = header.Split(';');
        var any = false;
        var sent = new System.Text.StringBuilder(header.Length + 16);
        for (var i = 0; i < pieces.Length; i++)
        {
            var piece = pieces[i];
            var eq = piece.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && piece[..eq].Trim() is { Length: > 0 } name && piece[(eq + 1)..] is var raw && raw.Trim() is { Length: > 0 } value && IsSecretCookie(name, value))
            {
                sent.Append(plain(piece[..(eq + 1)])).Append(secret(name, value)).Append(raw[raw.TrimEnd().Length..]);
                any = true;
            }
            else
            {
                sent.Append(plain(piece));
            }
            if (i < pieces.Length - 1)
            {
                sent.Append(';');
            }
        }
        return any ? sent.ToString() : null;
    }

    /// <summary>
    /// True for headers that carry credentials: Authorization, and X-API-Key, X-Auth-Token, PRIVATE-TOKEN and the like, in any
    /// case (a header's name has none: x-API-kEy is X-API-Key).
    /// </summary>
    public static bool IsCredentialHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || (!name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) && (IsSecretName(name, anyWord: true) || IsSecretName(name.ToLowerInvariant(), anyWord: true)));

    /// <summary>
    /// True for a header that carries a credential by its name (<see cref="IsCredentialHeader(string)"/>) or by its value: a
    /// token of a well-known or long random shape, or a vendor's prefixed key in a header of the vendor's own
    /// (<c>X-Honeycomb-Team: hcaik_01…</c>), unless the header names an id (<c>X-Request-Id: req_…</c>).
    /// </summary>
    public static bool IsCredentialHeader(string name, string value) =>
        IsCredentialHeader(name) || (!name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) && !value.Contains("{{", StringComparison.Ordinal)
            && (LooksLikeSecretValue(value) || (IsPrefixedKey(value.Trim()) && !NamesAnIdOrTrace(name))));

    /// <summary>A vendor's key: a short lower-case prefix, <c>_</c> or <c>-</c>, then 12+ letters and digits mixed (<c>hcaik_01hqk…</c>, <c>xkeysib-3a…</c>).</summary>
    private static bool IsPrefixedKey(string v)
    {
        var cut = v.IndexOfAny(['_', '-']);
        return cut is >= 2 and <= 10 && v.Length - cut - 1 >= 12 && v[..cut].All(char.IsAsciiLetterLower)
            && v[(cut + 1)..] is var rest && rest.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            && rest.Any(char.IsAsciiDigit) && rest.Any(char.IsAsciiLetter);
    }

    private static bool NamesAnIdOrTrace(string name) =>
        Words(name) is var words && words.Length > 0 && (words[^1] is "id" or "ids" or "uuid" or "guid" or "version" || words.Any(static w => w is "request" or "correlation" or "trace" or "span" or "idempotency" or "tracking" or "etag" or "match"));

    /// <summary>Splits an Authorization value into its scheme ("Bearer") and credential; the scheme is empty when there is none.</summary>
    public static (string Scheme, string Credential) SplitAuthorization(string value)
    {
        var v = value.Trim();
        var space = v.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && v[..space].All(static c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return (v[..space], v[(space + 1)..].Trim());
        }
        return ("", v);
    }

    /// <summary>
    /// The user information of a URL (<c>https://USER:PASSWORD@host/…</c>, or without a scheme, <c>USER:PASSWORD@host/…</c>),
    /// which curl, Postman, REST Client and httpyac send as Basic authentication: the URL without it, and the user and password
    /// percent-decoded (the password null when there is no colon). False when the URL names none; an <c>@</c> inside a
    /// <c>{{…}}</c> reference is not one.
    /// </summary>
    public static bool TakeUserInfo(string url, out string withoutUserInfo, out string user, out string? password)
    {
        (withoutUserInfo, user, password) = (url, "", null);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var start = scheme > 0 && url[..scheme].All(static c => char.IsAsciiLetter(c)) ? scheme + 3 : 0;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        var authority = end < 0 ? url[start..] : url[start..end];
        var at = authority.LastIndexOf('@');
        if (at <= 0 || authority.LastIndexOf("{{", at, StringComparison.Ordinal) > authority.LastIndexOf("}}", at, StringComparison.Ordinal))
        {
            return false;
        }
        var info = authority[..at];
        var colon = info.IndexOf(':', StringComparison.Ordinal);
        user = Uri.UnescapeDataString(colon < 0 ? info : info[..colon]);
        password = colon < 0 ? null : Uri.UnescapeDataString(info[(colon + 1)..]);
        withoutUserInfo = url[..start] + authority[(at + 1)..] + (end < 0 ? "" : url[end..]);
        return true;
    }

    /// <summary>
    /// Shell text as a message may show it (the words a paste left to the shell): a credential header's value, a user's
    /// password after <c>-u</c>, a <c>name=value</c> that holds a credential and a word shaped like a key written as <c>…</c>.
    /// </summary>
    public static string HiddenIn(string text)
    {
        var shown = CredentialHeaderInText().Replace(text, m => m.Groups["lead"].Value + "…");
        var words = shown.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i].Trim('\'', '"');
            var eq = w.IndexOf('=', StringComparison.Ordinal);
            var colon = w.IndexOf(':', StringComparison.Ordinal);
            if (LooksLikeSecretValue(w) || IsPrefixedKey(w)
                || (eq > 0 && IsCredentialField(w[..eq], w[(eq + 1)..]))
                || (i > 0 && words[i - 1] is "-u" or "--user" && colon > 0))
            {
                words[i] = eq > 0 ? w[..(eq + 1)] + "…" : colon > 0 && i > 0 && words[i - 1] is "-u" or "--user" ? w[..(colon + 1)] + "…" : "…";
            }
        }
        return string.Join(' ', words);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<lead>\b(?:proxy-)?authorization\s*:\s*(?:[A-Za-z][\w-]*\s+)?|\b(?:x-)?(?:api[-_]?key|auth[-_]?token|access[-_]?token|token|cookie)\s*:\s*)[^'""\s;]+", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CredentialHeaderInText();

    /// <summary>The URL as it may be shown (in a warning, a description): without its user information.</summary>
    public static string WithoutUserInfo(string url) => TakeUserInfo(url, out var shown, out _, out _) ? shown : url;

    /// <summary>
    /// A URL as a name or a message may show it: without user information, and with the value of each query parameter that
    /// holds a credential (<see cref="IsCredentialField(string, string)"/>) written as <c>…</c>.
    /// </summary>
    public static string Shown(string url) => InQuery(WithoutUserInfo(url), static (_, _) => "…");

    /// <summary>
    /// The URL with the value of each query parameter that holds a credential (<see cref="IsCredentialField(string, string)"/>, name and value
    /// decoded) given by <paramref name="instead"/> (its name, its decoded value); the rest, and a #fragment, as written.
    /// </summary>
    public static string InQuery(string url, Func<string, string, string> instead)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return url;
        }
        var hash = url.IndexOf('#', q);
        var pairs = (hash < 0 ? url[(q + 1)..] : url[(q + 1)..hash]).Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var eq = pairs[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && FormText.Decode(pairs[i][..eq]) is var name && FormText.Decode(pairs[i][(eq + 1)..]) is var value && IsCredentialField(name, value))
            {
                pairs[i] = pairs[i][..(eq + 1)] + instead(name, value);
            }
        }
        return url[..(q + 1)] + string.Join('&', pairs) + (hash < 0 ? "" : url[hash..]);
    }
}
