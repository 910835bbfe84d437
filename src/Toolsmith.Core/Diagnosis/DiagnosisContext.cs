using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis;

/// <summary>
/// One diagnosis in progress: the exchange as read once (body parsed, messages and codes collected),
/// and the findings the rules add (kind with its evidence, provider, scopes, fields, wait time, notes).
/// </summary>
internal sealed class DiagnosisContext
{
    private readonly List<string> _texts = [];
    private readonly List<string> _codes = [];
    private readonly List<(List<string> Segments, FieldLocation Location, string Message, string? Raw)> _fields = [];
    private readonly Dictionary<string, int> _fieldIndex = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _notes = [];
    private readonly List<string> _fieldReasons = [];
    private readonly List<JsonNode> _embedded = [];
    private Uri? _uri;
    private bool _uriRead;

    public DiagnosisContext(ResponseExchange exchange, JsonNode? body, string? bodyText, TimeProvider time)
    {
        Exchange = exchange;
        Body = body;
        BodyText = bodyText;
        Time = time;
        if (body is not null)
        {
            try
            {
                BodyScan.Collect(body, this);
            }
            catch (ArgumentException)
            {
                // Duplicate member names: JsonObject refuses to index them. The rules read what they can; the status still speaks.
            }
        }
        if (bodyText is not null)
        {
            AddText(bodyText);
            AddCode(BodyScan.LoneCode(bodyText)); // "badauth", "INVALID_API_KEY", "ERROR|INVALID_NUMBER": the answer's one code
        }
    }

    /// <summary>The exchange being diagnosed.</summary>
    public ResponseExchange Exchange { get; }

    /// <summary>The HTTP status.</summary>
    public int Status => Exchange.Status;

    /// <summary>The response headers (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Headers => Exchange.Headers;

    /// <summary>The body as JSON (a JSON string holding JSON already unwrapped), or null.</summary>
    public JsonNode? Body { get; }

    /// <summary>The body when it is an object.</summary>
    public JsonObject? BodyObject => Body as JsonObject;

    /// <summary>The body as text when it is not JSON (an HTML page's title), or null.</summary>
    public string? BodyText { get; }

    /// <summary>The clock, for HTTP-date and epoch reset values.</summary>
    public TimeProvider Time { get; }

    /// <summary>The request URL's host, lower case, or null.</summary>
    public string? Host
    {
        get
        {
            if (!_uriRead)
            {
                _uriRead = true;
                _ = Uri.TryCreate(Exchange.Url, UriKind.Absolute, out _uri);
            }
            return _uri?.Host.ToLowerInvariant();
        }
    }

    /// <summary>True when the request went to <paramref name="domain"/> or one of its subdomains.</summary>
    public bool HostIs(string domain) => Host is { } host
        && (host == domain || host.EndsWith("." + domain, StringComparison.Ordinal));

    /// <summary>A response header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Human messages found in the body (message, detail, title, error_description...), in body order.</summary>
    public IReadOnlyList<string> Texts => _texts;

    /// <summary>Machine codes found in the body (code, error, errorCode, reason, status...), in body order.</summary>
    public IReadOnlyList<string> Codes => _codes;

    /// <summary>The kinds the messages' words suggest, for the engine's refinements (a generic "invalid" code with "payload too large" words).</summary>
    public List<string> TextKinds { get; } = [];

    /// <summary>The reasons given for invalid fields, whose words count too ("has already been taken").</summary>
    public IReadOnlyList<string> FieldReasons => _fieldReasons;

    /// <summary>The kinds generic codes suggest (<c>InvalidArgument</c>): weighed with the words, not above them.</summary>
    public List<string> WeakCodeKinds { get; } = [];

    /// <summary>The API's main message: the first one found, unless a rule picked a better one.</summary>
    public string? Message { get; set; }

    /// <summary>The kind proposed so far.</summary>
    public string? Kind { get; private set; }

    /// <summary>How strong the evidence for <see cref="Kind"/> is.</summary>
    public Evidence KindEvidence { get; private set; }

    /// <summary>The provider, when a rule recognised it.</summary>
    public string? Provider { get; set; }

    /// <summary>Scopes the call needs that the token lacks.</summary>
    public List<string> MissingScopes { get; } = [];

    /// <summary>True when <see cref="MissingScopes"/> is a list of alternatives (any one is enough).</summary>
    public bool ScopesAreAlternatives { get; set; }

    /// <summary>Scopes the token has, when the response tells.</summary>
    public List<string>? GrantedScopes { get; set; }

    /// <summary>Seconds to wait, when known.</summary>
    public double? RetryAfterSeconds { get; set; }

    /// <summary>A provider-specific hint that replaces the generic one.</summary>
    public string? Hint { get; set; }

    /// <summary>Extra sentences for the explanation (what the API said in its own terms).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The invalid fields found so far, with their paths as the API gave them.</summary>
    public int FieldCount => _fields.Count;

    /// <summary>The most fields a diagnosis names; past it, readers stop looking for more (a 13,000-item <c>errors[]</c>).</summary>
    public const int MaxFields = 100;

    /// <summary>True when <see cref="MaxFields"/> fields are named: more would not be shown.</summary>
    public bool FieldsFull => _fields.Count >= MaxFields;

    /// <summary>Proposes a kind; it replaces the current one only with stronger evidence, and weak evidence must fit the status.</summary>
    public bool Propose(string kind, Evidence evidence)
    {
        if (evidence <= KindEvidence)
        {
            return false;
        }
        if (evidence < Evidence.Structured && !StatusAllows(kind, evidence))
        {
            return false;
        }
        Kind = kind;
        KindEvidence = evidence;
        return true;
    }

    /// <summary>Sets the kind whatever was proposed before (refinements such as bad → expired credentials).</summary>
    public void Refine(string kind) => Kind = kind;

    /// <summary>Adds a scope the call needs, once.</summary>
    public void AddMissingScope(string scope)
    {
        var s = scope.Trim().Trim('\'', '"', '`', '[', ']', '.', ',');
        _permissionsOnly.Remove(s);
        if (s.Length > 0 && s.Length <= 200 && !MissingScopes.Contains(s, StringComparer.Ordinal))
        {
            MissingScopes.Add(s);
        }
    }

    /// <summary>
    /// Adds a permission the caller lacks that the response names as a permission, privilege or action (an IAM action, a
    /// role's right), not as an OAuth scope: it is shown as what is missing, but does not make the kind <c>missing_scope</c>.
    /// </summary>
    public void AddMissingPermission(string permission)
    {
        var s = permission.Trim().Trim('\'', '"', '`', '.', ',');
        if (s.Length > 0 && s.Length <= 200 && !MissingScopes.Contains(s, StringComparer.Ordinal))
        {
            MissingScopes.Add(s);
            _permissionsOnly.Add(s);
        }
    }

    /// <summary>True when some missing name was given as an OAuth scope (not only as a permission or action).</summary>
    public bool NamesScopes => MissingScopes.Count > _permissionsOnly.Count;

    private readonly HashSet<string> _permissionsOnly = new(StringComparer.Ordinal);

    /// <summary>Adds an invalid field (deduplicated by path).</summary>
    public void AddField(List<string> segments, FieldLocation location, string? message) => AddField(segments, location, message, null);

    private void AddField(List<string> segments, FieldLocation location, string? message, string? raw)
    {
        if (FieldsFull)
        {
            return;
        }
        var text = string.IsNullOrWhiteSpace(message) ? "is invalid" : message.Trim();
        if (text.Length > 500)
        {
            text = text[..500] + "…";
        }
        if (_fieldIndex.TryGetValue(string.Join('\u001f', segments), out var i))
        {
            // The same path again (names compared ignoring case): keep the first, with words when it had none.
            if (_fields[i].Message == "is invalid" && text != "is invalid")
            {
                _fields[i] = (_fields[i].Segments, _fields[i].Location, text, _fields[i].Raw);
            }
            return;
        }
        _fieldIndex.Add(string.Join('\u001f', segments), _fields.Count);
        _fields.Add((segments, location, text, raw));
        if (text != "is invalid" && _fieldReasons.Count < 60 && !_fieldReasons.Contains(text, StringComparer.Ordinal))
        {
            _fieldReasons.Add(text); // a field's reason has words too ("has already been taken")
        }
    }

    /// <summary>
    /// Puts a field where it is more precisely: a field named by its last name alone (<c>Detail</c>) becomes
    /// <paramref name="precise"/> (<c>Entries[1].Detail</c>); with no such field, <paramref name="precise"/> is added.
    /// </summary>
    public void PlaceField(List<string> precise, FieldLocation location, string? message)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (_fields[i].Segments is [var only] && string.Equals(only, precise[^1], StringComparison.OrdinalIgnoreCase))
            {
                _fieldIndex.Remove(string.Join('\u001f', _fields[i].Segments));
                _fieldIndex[string.Join('\u001f', precise)] = i;
                _fields[i] = (precise, location, _fields[i].Message, null);
                return;
            }
        }
        AddField(precise, location, message, null);
    }

    /// <summary>Adds an invalid field from a path in any common spelling.</summary>
    public void AddField(string path, FieldLocation location, string? message)
    {
        if (!FieldsFull)
        {
            AddField(FieldPath.Parse(path), location, message, path.Trim());
        }
    }

    /// <summary>Adds an explanation sentence, once.</summary>
    public void AddNote(string note)
    {
        if (!_notes.Contains(note, StringComparer.Ordinal))
        {
            _notes.Add(note);
        }
    }

    /// <summary>Adds a human message found in the body or headers.</summary>
    public void AddText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || _texts.Count >= 60)
        {
            return;
        }
        var t = text.Trim();
        if (t.Length > 2000)
        {
            t = t[..2000];
        }
        if (!_texts.Contains(t, StringComparer.Ordinal))
        {
            _texts.Add(t);
        }
    }

    /// <summary>Adds a machine error code found in the body.</summary>
    public void AddCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 100 || _codes.Count >= 60
            || code.Trim().Equals("about:blank", StringComparison.OrdinalIgnoreCase))
        {
            return; // a problem document's "type": "about:blank" says it has no type of its own (RFC 9457)
        }
        if (!_codes.Contains(code, StringComparer.Ordinal))
        {
            _codes.Add(code.Trim());
        }
    }

    /// <summary>The fields, mapped to the step's body or parameters.</summary>
    public List<FieldProblem>? MappedFields()
    {
        if (_fields.Count == 0)
        {
            return null;
        }
        var list = new List<FieldProblem>(_fields.Count);
        foreach (var (segments, location, message, raw) in _fields)
        {
            var path = FieldPath.Map(segments, location, Exchange, raw, message);
            // "Missing scope: tweet.write" read as a field by the prose rules as well: a scope named is not a field.
            if (!list.Exists(f => f.Path == path) && !(location == FieldLocation.Unknown && IsScopeNamed(raw ?? path)))
            {
                list.Add(new FieldProblem(path, message));
            }
        }
        return list;
    }

    /// <summary>A name that is a named scope or its last part (<c>email</c> of <c>user:email</c>).</summary>
    private bool IsScopeNamed(string name) => MissingScopes.Exists(scope => scope == name
        || (scope.Length > name.Length + 1 && scope.EndsWith(name, StringComparison.Ordinal) && scope[^(name.Length + 1)] is ':' or '/' or '.'));

    /// <summary>JSON found inside message strings, for the shape rules to read as well.</summary>
    public IReadOnlyList<JsonNode> EmbeddedJson => _embedded;

    /// <summary>Records JSON found inside a message string.</summary>
    public void AddEmbedded(JsonNode node) => _embedded.Add(node);

    /// <summary>All human text: messages, then the plain-text body.</summary>
    public IEnumerable<string> AllText => _texts;

    /// <summary>
    /// True when the HTTP status tells nothing about the failure: a SOAP fault (SOAP 1.1 sends every fault as 500), or a failure
    /// reported under 2xx. Then the body's words and codes are all there is.
    /// </summary>
    public bool StatusSaysNothing { get; set; }

    /// <summary>The HTTP error status a 2xx body states as its own (<c>{"code": 401, …}</c>), or null.</summary>
    public int? StatedStatus { get; set; }

    /// <summary>
    /// Words and codes outrank the status, but weak evidence must not contradict a status that is itself specific: a 401 is
    /// about credentials whatever words its message uses; a message that merely says "invalid" does not make a 429 a bad value.
    /// A machine code may say more than words may (a 400 whose code is <c>ResourceNotFoundException</c> is not found).
    /// </summary>
    /// <summary>True when the words say it was the request (its body) that could not be read.</summary>
    private bool NamesTheRequest() =>
        _texts.Any(static t => t.Contains("request", StringComparison.OrdinalIgnoreCase) || t.Contains("payload", StringComparison.OrdinalIgnoreCase));

    private bool StatusAllows(string kind, Evidence evidence)
    {
        if (StatusSaysNothing || Status < 400)
        {
            return true;
        }
        var code = evidence >= Evidence.Code;
        return Status switch
        {
            401 => kind is DiagnosisKinds.BadCredentials or DiagnosisKinds.ExpiredCredentials or DiagnosisKinds.MissingScope or DiagnosisKinds.InsufficientPermission
                || (code && kind is DiagnosisKinds.RateLimited or DiagnosisKinds.QuotaExceeded),
            403 => kind is not (DiagnosisKinds.ServerError or DiagnosisKinds.Timeout) && (code || kind is not (DiagnosisKinds.InvalidValue or DiagnosisKinds.NotFound)),
            // A 404 whose words say the credential is invalid or expired ("Invalid Access Token"): some APIs answer so.
            404 or 410 => kind is DiagnosisKinds.NotFound or DiagnosisKinds.MissingScope or DiagnosisKinds.InsufficientPermission or DiagnosisKinds.BadCredentials or DiagnosisKinds.ExpiredCredentials
                || (code && kind is DiagnosisKinds.MethodNotAllowed),
            405 => kind is DiagnosisKinds.MethodNotAllowed || (code && kind is not DiagnosisKinds.ServerError),
            413 => kind is DiagnosisKinds.PayloadTooLarge || (code && kind is not DiagnosisKinds.ServerError),
            415 => kind is DiagnosisKinds.UnsupportedMediaType || (code && kind is not DiagnosisKinds.ServerError),
            429 => kind is DiagnosisKinds.RateLimited or DiagnosisKinds.QuotaExceeded,
            // Request Timeout: the server gave up waiting, whatever the words add ("vehicle is offline or asleep"); a code may say more.
            408 => kind is DiagnosisKinds.Timeout || (code && kind is not DiagnosisKinds.ServerError),
            // A plain 500 from APIs that answer every failure with it (Icinga, XML-RPC and SOAP services, Caddy): words of a
            // duplicate, a type refused, a missing object ("Merchant does not exist"), a named field's invalid value, or a
            // request body that could not be read ("decoding request body: …"; not "Unexpected token <", the server's own
            // reading of something else) say more than the status.
            500 when kind is DiagnosisKinds.Conflict or DiagnosisKinds.UnsupportedMediaType || (kind is DiagnosisKinds.NotFound && FieldCount == 0)
                || (kind is DiagnosisKinds.InvalidValue && FieldCount > 0) || (kind is DiagnosisKinds.MalformedBody && NamesTheRequest()) => true,
            >= 500 => kind is DiagnosisKinds.ServerError or DiagnosisKinds.Timeout or DiagnosisKinds.RateLimited or DiagnosisKinds.QuotaExceeded,
            // 400, 409, 422...: words that name a field are about its value, not a missing object or a permission.
            _ => kind is not (DiagnosisKinds.ServerError or DiagnosisKinds.Timeout)
                && (code || FieldCount == 0 || kind is not (DiagnosisKinds.NotFound or DiagnosisKinds.InsufficientPermission)),
        };
    }
}
