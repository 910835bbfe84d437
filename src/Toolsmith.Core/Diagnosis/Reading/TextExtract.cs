using System.Text.RegularExpressions;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>Scope and field names that APIs only give inside their message text.</summary>
internal static partial class TextExtract
{
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "and", "or", "this", "that", "it", "its", "your", "following", "required", "scope", "scopes", "value",
        "request", "body", "field", "parameter", "input", "token", "one", "of", "any", "all", "these", "those", "which",
        "is", "are", "was", "were", "be", "for", "in", "on", "at", "by", "with", "not", "no", "must", "should", "has", "have",
        "provided", "given", "passed", "supplied", "specified", "sufficient", "enough", "necessary", "proper", "valid", "invalid",
        "missing", "unknown", "you", "we", "please", "mandatory", "optional", "higher", "more", "additional", "elevated", "extra",
        "greater", "appropriate", "correct", "special", "certain", "some", "other", "different", "adequate", "insufficient", "specific", "new", "same", "broader", "wider", "right", "needed", "oauth", "api", "access", "user", "full", "admin-level",
    };

    // Nouns that an unquoted capture ("parameter value is…", "Invalid request") may take for a name; a quoted name is trusted.
    private static readonly HashSet<string> NotFieldWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "value", "values", "format", "json", "xml", "data", "payload", "query", "syntax", "arguments", "argument",
        "parameters", "params", "param", "fields", "properties", "property", "attribute", "attributes", "credentials", "credential",
        "signature", "api", "key", "access", "permission", "permissions", "privilege", "privileges", "action", "operation", "resource",
        "user", "account", "client", "application", "app", "method", "endpoint", "url", "path", "header", "headers", "content", "type",
        "error", "errors", "type", "object", "entity", "record", "item", "items", "to", "from", "request", "body", "field", "parameter",
        "input", "token", "scope", "scopes", "required", "gateway", "response", "responses",
    };

    // Names a sentence may start with that are not fields ("Request must be…", "Access denied", "Something went wrong").
    private static readonly HashSet<string> NotSubjects = new(StringComparer.OrdinalIgnoreCase)
    {
        "request", "requests", "access", "something", "this", "that", "it", "there", "user", "users", "account", "resource", "method",
        "token", "signature", "authentication", "authorization", "operation", "action", "server", "service unavailable", "internal",
        "input", "data", "body", "payload", "query", "entity", "record", "object", "item", "you", "we", "your", "the", "a", "an", "one",
        "client", "application", "app", "api", "key", "credentials", "session", "permission", "limit", "rate", "quota", "error",
        "validation", "parameter", "parameters", "field", "fields", "value", "values", "json", "xml", "content", "file", "page", "url",
    };

    /// <summary>Scopes the message says are needed (any one of them, when it lists several).</summary>
    public static List<string> MissingScopes(string text) => RegexBudget.ReadTwice<List<string>>(TryMissingScopes, text);

    private static bool TryMissingScopes(string text, out List<string> scopes)
    {
        scopes = new List<string>();
        if (!text.Contains("scope", StringComparison.OrdinalIgnoreCase) && !text.Contains("permission", StringComparison.OrdinalIgnoreCase) && !text.Contains("privilege", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        try
        {
            foreach (Match m in ScopeList().Matches(text))
            {
                AddList(scopes, m.Groups["list"].Value);
            }
            foreach (Match m in ScopeColonList().Matches(text))
            {
                AddList(scopes, m.Groups["list"].Value);
            }
            foreach (Match m in ScopeBefore().Matches(text))
            {
                AddList(scopes, m.Groups["one"].Value);
            }
            foreach (Match m in ScopeQuotedAfter().Matches(text))
            {
                AddList(scopes, m.Groups["one"].Value);
            }
            foreach (Match m in ScopeExpected().Matches(text))
            {
                AddList(scopes, m.Groups["list"].Value);
            }
            foreach (Match m in ScopeRequiredName().Matches(text))
            {
                AddList(scopes, m.Groups["one"].Value);
            }
            foreach (Match m in ScopesBracket().Matches(text))
            {
                AddList(scopes, m.Groups["list"].Value);
            }
            foreach (Match m in RequiredBracketList().Matches(text))
            {
                AddList(scopes, m.Groups["list"].Value);
            }
            foreach (Match m in ScopeParenthesized().Matches(text))
            {
                AddList(scopes, m.Groups["list"].Value);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // what was found so far stands, unless a second reading finishes
        }
        return true;
    }

    /// <summary>
    /// Permissions, privileges and actions the message says the caller lacks ("not authorized to perform: s3:PutObject",
    /// "does not have storage.buckets.list access", "is missing the Job/Build permission"): not OAuth scopes.
    /// </summary>
    public static List<string> MissingPermissions(string text)
    {
        var names = new List<string>();
        if (!PermissionHint().IsMatch(text))
        {
            return names;
        }
        try
        {
            foreach (Match m in QuotedPermissionsRequired().Matches(text))
            {
                // "The 'create files' permission is required.", "The following permissions are required: 'a' OR 'b'.": names that may hold spaces.
                foreach (Match q in Quoted().Matches(m.Value))
                {
                    var name = q.Groups["q"].Value.Trim();
                    if (name.Length is > 1 and <= 120 && !NotNames.Contains(name) && !names.Contains(name))
                    {
                        names.Add(name);
                    }
                }
            }
            foreach (var regex in (ReadOnlySpan<Regex>)[PerformAction(), PermissionQuoted(), LacksPermission(), ActionBracket(), RequiresPrivilege(), NotAuthorizedList(), HaveTheGrant(), NoPermissionsFor(), BracketPrivilegeRequired(), OnlyHoldersOf()])
            {
                foreach (Match m in regex.Matches(text))
                {
                    if (m.Groups["list"].Success)
                    {
                        AddList(names, m.Groups["list"].Value);
                        continue;
                    }
                    var name = m.Groups["one"].Value.Trim().Trim('\'', '"', '`', '.', ',', ';');
                    if (name.Length is > 1 and <= 200 && !NotNames.Contains(name) && !names.Contains(name))
                    {
                        names.Add(name);
                    }
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found.
        }
        return names;
    }

    /// <summary>
    /// True when what lacks a permission is the credential itself — the app, API key, access token, consent or integration ("The API key is
    /// missing the following permission", "application needs to have [Meetings] permission", "re-authenticate … with the
    /// read_odometer permission") — so the permission is granted when the credential is issued: an OAuth-like scope.
    /// </summary>
    public static bool CredentialLacks(string text) => CredentialSubject().IsMatch(text.Length > 1500 ? text[..1500] : text);

    /// <summary>"Insufficient app permissions", "re-authorize the app": words about what the credential was granted as a whole.</summary>
    public static bool SaysCredentialGrants(string text) => CredentialGrants().IsMatch(text.Length > 1500 ? text[..1500] : text);

    [GeneratedRegex(@"\binsufficient\s+(?:app|application|token|client|api\s+key)\s+(?:permissions|scopes|privileges)\b|\bre-?(?:authenticat|authori[sz]|consent)", Options, TimeoutMs)]
    private static partial Regex CredentialGrants();

    /// <summary>
    /// A refusal whose subject is the credential rather than the user ("Access is denied for this API key", "The provided API key
    /// does not have permission", "key not allowed to access model", "Client does not have sufficient permissions", "cannot be
    /// accessed through this application", "Insufficient API permissions"): what the key or app was granted falls short, a scope.
    /// </summary>
    public static bool RefusesTheCredential(string text)
    {
        var head = text.Length > 1500 ? text[..1500] : text;
        // where the call comes from ("IP address is not whitelisted for this key") is a permission of the account, not a grant
        return CredentialRefused().IsMatch(head) && !FromWhere().IsMatch(head);
    }

    [GeneratedRegex(@"\b(?:ip|ips|address|addresses|whitelist\w*|allowlist\w*|white[ -]list\w*|allow[ -]list\w*|origin|referr?er|domain)\b", Options, TimeoutMs)]
    private static partial Regex FromWhere();

    [GeneratedRegex(@"\b(?:denied|forbidden|refused|not\s+(?:allowed|permitted|authori[sz]ed))\s+(?:for|to|with|by)\s+(?:this|the|your|that)\s+(?:api[ _-]?key|key|(?:api|access|oauth)[ _-]?token|client|application|app|integration)\b(?![ _-]?(?:id|name|owner|user))|\bthrough\s+(?:this|the|your)\s+(?:application|app|client|integration)\b|\b(?:api[ _-]?key|(?:api|access|oauth|user)?[ _-]?token|key|client|application|app|app[ _-]?id|integration)\b(?:\s+\w+){0,3}?\s+(?:does\s+not\s+have|doesn't\s+have|has\s+no)\s+(?:the\s+|sufficient\s+|enough\s+|required\s+|necessary\s+)?(?:permissions?|privileges?|scopes?|rights?)\b|\b(?:api[ _-]?key|(?:api|access|oauth|user)?[ _-]?token|key|application|app|app[ _-]?id|integration)\b(?:\s+\w+){0,3}?\s+has\s+no\s+access\s+to\s+(?!(?:the\s+)?(?:requested|this|that|these|those)\b)|\b(?:api[ _-]?key|(?:api|access|oauth|user)?[ _-]?token|key|client|application|app|app[ _-]?id|integration)\b(?:\s+\w+){0,3}?\s+(?:(?:is\s+)?not\s+(?:allowed|permitted|authori[sz]ed)|is\s+forbidden|(?:can|may)\s+only\s+access|has\s+insufficient|(?:does\s+not|doesn't)\s+(?:allow|grant)\s+access)\b|\b(?:use|create|generate)\s+an?\s+(?:api[ _-]?key|key|(?:api|access)[ _-]?token|token)\s+with\b|\b(?:insufficient|invalid|incorrect|wrong)\s+(?:api|key|token)\s+(?:permissions?|privileges?|scopes?|rights?)\b", Options, TimeoutMs)]
    private static partial Regex CredentialRefused();

    [GeneratedRegex(@"\b(?:permission|privilege|scope|grant)s?\s+(?:for|of|on)\s+(?:your|the|this)\s+(?:oauth\s+)?(?:app|application|token|integration|client)\b|\btoken\s+(?:lacks?|is\s+missing|does\s+not\s+(?:have|include)|doesn't\s+(?:have|include))\s+(?:the\s+)?(?!permission)\S|\b(?:application|app|api[ _-]?key|(?:api|access|oauth)[ _-]?token|consent|integration)\b[^.]{0,60}?\b(?:does\s+not\s+(?:have|include|grant)|doesn't\s+(?:have|include)|is\s+missing|lacks?|needs?\s+to\s+have|has\s+insufficient|not\s+granted)\b|\b(?:api[ _-]?key|(?:api|access|oauth)[ _-]?token)\s+is\s+not\s+(?:authori[sz]ed|permitted|allowed)\s+to\b|\bre-?(?:authenticat|authori[sz]|consent)|\brequired\s+application\s+permission|\binsufficient\s+(?:app|application|token|api\s+key|client)\s+(?:permissions?|scopes?|privileges?)\b|\b(?:granted|given|assigned|enabled)\s+(?:to|for)\s+(?:the\s+|your\s+|this\s+)?(?:app|application|api[ _-]?key|(?:api|access|oauth)[ _-]?token|token|integration)\b", Options, TimeoutMs)]
    private static partial Regex CredentialSubject();

    /// <summary>Scopes the message says the token has.</summary>
    public static List<string> GrantedScopes(string text)
    {
        var scopes = new List<string>();
        try
        {
            foreach (Match m in GrantedList().Matches(text))
            {
                AddList(scopes, m.Groups["list"].Value);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found.
        }
        return scopes;
    }

    /// <summary>Splits a scope list ("'a', 'b'", "a b", "a, b") into names.</summary>
    public static void AddList(List<string> scopes, string list)
    {
        foreach (var raw in list.Split([',', ' ', '\t', '\n', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var s = raw.Trim().Trim('\'', '"', '`', '[', ']', '(', ')', '.', ',');
            if (s.Length is > 1 and <= 200 && !NotNames.Contains(s) && ScopeName().IsMatch(s) && !scopes.Contains(s))
            {
                scopes.Add(s);
            }
        }
    }

    /// <summary>Field paths the message names, each with the message as the reason.</summary>
    public static List<(string Path, FieldLocation Location, string Message)> Fields(string text) =>
        RegexBudget.ReadTwice<List<(string Path, FieldLocation Location, string Message)>>(TryFields, text);

    private static bool TryFields(string text, out List<(string Path, FieldLocation Location, string Message)> fields)
    {
        fields = new List<(string, FieldLocation, string)>();
        // "The property name 'Quantity' specified…" names Quantity, not "name": read as "The property 'Quantity'"
        text = NameWordBeforeQuote().Replace(text, "$1 ");
        try
        {
            foreach (Match m in JsonPointerTag().Matches(text))
            {
                var reason = JsonPointerTag().Replace(text, "").Replace("[ERROR]", "", StringComparison.OrdinalIgnoreCase).Trim();
                fields.Add((m.Groups["path"].Value, FieldLocation.Body, reason));
            }
            foreach (Match m in LabelledPointer().Matches(text))
            {
                // "ERROR :: /author :: is an invalid URN", "/data/attributes/email: is not an email": a JSON pointer as a label
                if (!m.Groups["path"].Value.StartsWith("/v", StringComparison.OrdinalIgnoreCase) || !char.IsAsciiDigit(m.Groups["path"].Value.ElementAtOrDefault(2)))
                {
                    fields.Add((m.Groups["path"].Value, FieldLocation.Body, text));
                }
            }
            foreach (Match m in SerializerPath().Matches(text))
            {
                // .NET's JSON readers name where in the request body they stopped: "Path 'items[0].price', line 1, position 40."
                // (Json.NET), "Path: $.items[0].price | LineNumber: 0 | BytePositionInLine: 40." (System.Text.Json).
                if (m.Groups["path"].Value.TrimStart('$').TrimStart('.') is { Length: > 0 } at)
                {
                    fields.Add((at, FieldLocation.Body, text));
                }
            }
            foreach (Match m in ReferenceChain().Matches(text))
            {
                // Jackson names the field it could not read by the chain of objects down to it:
                // "through reference chain: com.example.Order["items"]->java.util.ArrayList[0]->com.example.Item["sku"]".
                var path = new System.Text.StringBuilder();
                foreach (Match segment in ChainSegment().Matches(m.Groups["chain"].Value))
                {
                    path.Append(segment.Groups["name"].Success ? (path.Length > 0 ? "." : "") + segment.Groups["name"].Value : "[" + segment.Groups["index"].Value + "]");
                }
                if (path.Length > 0 && path[0] != '[')
                {
                    fields.Add((path.ToString(), FieldLocation.Body, text));
                }
            }
            foreach (Match m in GoStructField().Matches(text))
            {
                // Go's encoding/json: "json: cannot unmarshal string into Go struct field User.profile.age of type int".
                fields.Add((m.Groups["path"].Value, FieldLocation.Body, text));
            }
            // Quoted or bracketed names are names whatever the word.
            foreach (var regex in (ReadOnlySpan<Regex>)[NamedField(), QuotedField(), ValueForName(), InvalidValueAt(), AtFailedConstraint(), UnknownFieldQuoted(),
                TheQuotedColumn(), FieldBracket(), TagName(), QuotedThing(), QuotedLeading(), MissingQuoted(), ValidatorWords(), PathQuotedIs(), QuotedRequired()])
            {
                foreach (Match m in regex.Matches(text))
                {
                    if (m.Groups["path"].Value.Trim() is { Length: > 0 } path)
                    {
                        fields.Add((path, FieldLocation.Unknown, text));
                    }
                }
            }
            // Unquoted names must not be words of the sentence ("parameter value is invalid").
            foreach (var regex in (ReadOnlySpan<Regex>)[MissingRequired(), InvalidPath(), PropertyInPayload(), RootedPath(), ParameterName(), MissingNamed(), LonelyInvalid(), NounNameState(), NameThenNoun(), MissingNoun(), InvalidNameSentence(), RootPath(), InvalidValueFor(), FieldNounOtherLanguage(), IdentifierNotValid(), XmlSchemaElement(), InvalidIdentifierColon(), IsAnInvalidNoun(), SpringBindingField(), IdentifierInvalidOrMissing()])
            {
                foreach (Match m in regex.Matches(text))
                {
                    var path = m.Groups["path"].Value.Trim();
                    // "Missing to param": a word labelled as a parameter between "missing" and the label is that parameter's name,
                    // even an everyday word such as "to" or "from" (messaging APIs' recipient and sender).
                    // So is a word such as "format" or "type" that requests often name a parameter ("Invalid format parameter").
                    var labelled = (ReferenceEquals(regex, MissingNamed()) || ReferenceEquals(regex, MissingNoun()) || ReferenceEquals(regex, NameThenNoun()) || ReferenceEquals(regex, InvalidNameSentence()))
                        && path is "to" or "from" or "format" or "type" or "key" or "url" or "path" or "method" or "action" or "scope" or "content" or "fields" or "token";
                    if (path.Length > 0 && !NotNames.Contains(path) && (labelled || !NotFieldWords.Contains(path)))
                    {
                        fields.Add((path, FieldLocation.Unknown, text));
                    }
                }
            }
            foreach (Match m in NamesAfterColon().Matches(text))
            {
                foreach (var name in m.Groups["list"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var n = name.Trim('\'', '"', '`', '.', '[', ']');
                    if (n.Length > 0 && !NotNames.Contains(n) && !NotFieldWords.Contains(n))
                    {
                        fields.Add((n, FieldLocation.Unknown, text));
                    }
                }
            }
            foreach (Match m in RequiredFieldsList().Matches(text))
            {
                foreach (var name in m.Groups["list"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    fields.Add((name, FieldLocation.Body, "is required but missing"));
                }
            }
            foreach (Match m in UnknownName().Matches(text))
            {
                var at = m.Groups["at"].Success ? m.Groups["at"].Value + "." : "";
                fields.Add((at + m.Groups["path"].Value, FieldLocation.Body, "is not a field the API knows"));
            }
            if (GraphQlVariable().Match(text) is { Success: true } v)
            {
                var sub = GraphQlVariableAt().Match(text) is { Success: true } at
                    && (at.Groups["head"].Value == "value" || at.Groups["head"].Value == v.Groups["var"].Value) ? "." + at.Groups["sub"].Value : "";
                fields.Add(("variables." + v.Groups["var"].Value + sub, FieldLocation.Body, text));
            }
            foreach (Match m in GraphQlArgument().Matches(text))
            {
                fields.Add((m.Groups["path"].Value, FieldLocation.Body, text));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return false; // what was found so far stands, unless a second reading finishes
        }
        return true;
    }

    /// <summary>
    /// True for a name that can only be an identifier (<c>max_tokens</c>, <c>startDate</c>, <c>event.start</c>), not an
    /// English word that starts a sentence: a leading name of that shape is trusted without the request.
    /// </summary>
    public static bool LooksLikeFieldName(string name) =>
        !NotNames.Contains(name) && !NotFieldWords.Contains(name) && name.Length > 1
        && (name.Contains('_', StringComparison.Ordinal) || name.Contains('.', StringComparison.Ordinal) || name.Contains('[', StringComparison.Ordinal)
            || char.IsLower(name[0]) || IsCompoundIdentifier(name));

    /// <summary>The last words of a PascalCase identifier that make it a record's attribute (<c>CustomerId</c>, <c>HotelCode</c>).</summary>
    private static readonly string[] AttributeEndings =
    [
        "Id", "Ids", "ID", "IDs", "Code", "Codes", "Type", "Name", "Number", "No", "Date", "Time", "Url", "Uri", "Amount", "Count",
        "Email", "Address", "Ref", "Reference", "Value", "Values", "Status", "Price", "Quantity", "Qty", "Currency", "Phone",
    ];

    /// <summary>
    /// A PascalCase name of two or more words whose last word is an attribute's (<c>MarketplaceIds</c>, <c>OrderID</c>,
    /// <c>TxnType</c>): SOAP and .NET APIs spell their fields so. A product word with a hump ("JavaScript", "PostgreSQL") ends
    /// in no such word.
    /// </summary>
    private static bool IsCompoundIdentifier(string name)
    {
        if (name.Length < 4 || !char.IsUpper(name[0]) || !name.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }
        foreach (var ending in AttributeEndings)
        {
            if (name.Length > ending.Length + 1 && name.EndsWith(ending, StringComparison.Ordinal) && char.IsLower(name[^(ending.Length + 1)]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The attribute a Rails-style full message is about ("Name must be a valid hostname.", "Service can't be blank.",
    /// "Content for A record is invalid"), lower-cased, or null when the sentence does not read as one.
    /// </summary>
    public static string? SentenceSubject(string text)
    {
        try
        {
            if ((LaravelSentence().Match(text) is { Success: true } laravel ? laravel : SubjectSentence().Match(text)) is { Success: true } m)
            {
                var subject = m.Groups["subject"].Value;
                if (subject.LastIndexOf(' ') is var space and > 0 && subject[(space + 1)..].ToLowerInvariant() is "length" or "size" or "format" or "value" or "provided" or "given" or "supplied" or "specified" or "entered" or "sent")
                {
                    subject = subject[..space]; // "Password length must be…", "The email provided is invalid": the attribute is the name before
                }
                var first = subject.Split(' ')[0];
                return NotSubjects.Contains(first) || NotNames.Contains(first) || NotFieldWords.Contains(first) || NotSubjects.Contains(subject)
                    ? null
                    : subject.ToLowerInvariant();
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // None.
        }
        return null;
    }

    /// <summary>
    /// The words after an error's label ("Validation failed: customerId is required", "Bad Request: email must be set"), where
    /// the name a validation message leads with is; the line itself when it has no such label.
    /// </summary>
    public static string AfterErrorLabel(string line)
    {
        try
        {
            return ErrorLabel().Match(line) is { Success: true } m ? m.Groups["rest"].Value : line;
        }
        catch (RegexMatchTimeoutException)
        {
            return line;
        }
    }

    [GeneratedRegex(@"^[\w .\-]{0,40}?\b(?:errors?|failed|failure|invalid|exception|bad request|invalid request|malformed request|validation)\s*:\s*(?<rest>\S.*)$", Options, TimeoutMs)]
    private static partial Regex ErrorLabel();

    /// <summary>
    /// A leading name such as "title is required", "Title can't be blank" or "email: must be a valid address". A name before a
    /// colon whose words say no more about a value (<paramref name="onlyColon"/>: "etcdserver: permission denied", Go's
    /// "component: message") is only a field when the request sent one of that name.
    /// </summary>
    public static string? LeadingName(string text, out bool onlyColon)
    {
        onlyColon = false;
        try
        {
            if (LeadingField().Match(text) is not { Success: true } m || NotNames.Contains(m.Groups["path"].Value))
            {
                return null;
            }
            onlyColon = m.Groups["rest"].Success && !ValueProblem().IsMatch(m.Groups["rest"].Value);
            return m.Groups["path"].Value;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const int TimeoutMs = RegexBudget.Milliseconds;

    [GeneratedRegex(@"^(?:https?://\S+|[A-Za-z][\w.:/\-]*(?:\*[\w.:/\-]*)*)$", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex ScopeName();

    // "requires one of the following scopes: ['read:project']"
    [GeneratedRegex(@"\b(?:missing|required|requires?|needs?|needed|following|insufficient|lacks?|expects?|expected|accepts?)\b[^.\[\]]{0,60}?\bscopes?\b[^\[\].]{0,20}?\[(?<list>[^\]]{1,400})\]", Options, TimeoutMs)]
    private static partial Regex ScopeList();

    // "Missing scopes: api.responses.write, api.model.read.", "Missing required permission: read_products"
    [GeneratedRegex(@"\b(?:missing|required|needed|insufficient|requires?)\s+(?:\w+\s+){0,3}?(?:scopes?|permissions?)(?:\s+(?:for|on|of|to)\s+[^:.]{1,40}?)?\s*(?:is|are)?\s*:\s*(?<list>[\w.:/*\-]+(?:\s*,\s*(?:and\s+|or\s+)?[\w.:/*\-]+)*)", Options, TimeoutMs)]
    private static partial Regex ScopeColonList();

    // "requires merchant approval for read_orders scope", "requires the 'repo' scope"
    // "was not granted the offline_access scope"; "Token scopes [contacts.read] do not include contacts.write"
    [GeneratedRegex(@"\b(?:(?:does|do)\s+not|doesn't|don't)\s+have\s+(?:the\s+)?(?:required\s+)?scopes?\s*:?\s+(?!(?:to|for|in|on|of|and|or|the|a|an|this|that|which|needed|required)\b)['""`]?(?<one>[A-Za-z][\w.:/\-]*\w)|\bscopes?\b(?:[^.]|\.(?=\S)){0,60}?\b(?:do|does)\s+not\s+(?:include|contain)\s+(?:the\s+)?['""`]?(?<one>[A-Za-z][\w.:/\-]*[\w])|\b(?:for|requires?|needs?|missing|lacks?|grant|add|with|without|not\s+(?:been\s+)?granted|(?:does\s+not|doesn't|do\s+not|don't)\s+have)\s+(?:the\s+|a\s+)?(?:['""`](?<one>[^'""`\s]{2,100})['""`]|(?<one>[A-Za-z][\w.\-]*[:._/][\w.:/\-]*))\s+(?:oauth\s+|access\s+|permission\s+|api\s+)?scopes?\b|\b(?:requires?|needs?|missing|lacks?)\s+(?:the\s+)?(?<one>[a-z][a-z_]{1,30})\s+(?:oauth\s+)?scope\b|['""`](?<one>[^'""`\s]{2,100})['""`]\s+(?:oauth\s+|access\s+|api\s+)?scopes?\s+(?:(?:is|are)\s+)?(?:required|needed|missing)\b", Options, TimeoutMs)]
    private static partial Regex ScopeBefore();

    // "missing scope 'files:write'", "required scope: \"a b\""
    [GeneratedRegex(@"\b(?:missing|insufficient|required|requires?|needs?)\b[^.'""`]{0,40}?\bscopes?\s*[=:]?\s*['""`](?<one>[^'""`]{2,300})['""`]", Options, TimeoutMs)]
    private static partial Regex ScopeQuotedAfter();

    // "your token has only been granted the: ['repo'] scopes"
    [GeneratedRegex(@"\b(?:granted|provided|has|have)\b[^.\[\]]{0,40}?\[(?<list>[^\]]{0,400})\]\s*scopes?|\b(?:granted|current|token'?s?)\s+scopes?\s*(?:are|is)?\s*:\s*\[?(?<list>[\w.:/\-]+(?:\s*,\s*[\w.:/\-]+)*)", Options, TimeoutMs)]
    private static partial Regex GrantedList();

    // Slack: "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
    [GeneratedRegex(@"(?:^|::\s*|[\s(\[])(?<path>/[A-Za-z_][\w\-]*(?:/[\w\-~]+){0,8})\s*(?:::|:(?=\s))", Options, TimeoutMs)]
    private static partial Regex LabelledPointer();

    [GeneratedRegex(@"\[json-pointer:(?<path>[^\]]+)\]", Options, TimeoutMs)]
    private static partial Regex JsonPointerTag();

    // "for the field 'project'", "in parameter \"limit\""
    [GeneratedRegex(@"\b(field|parameter|param|property|attribute|argument|column|key)\s+name\s+(?=['""`])", Options, TimeoutMs)]
    private static partial Regex NameWordBeforeQuote();

    [GeneratedRegex(@"\b(?:for|in|of|on|to)\s+(?:the\s+)?(?:field|parameter|param|property|attribute|argument|column|key)\s+['""`](?<path>[^'""`\s]{1,100})['""`]", Options, TimeoutMs)]
    private static partial Regex NamedField();

    // "Parameter 'limit' must be...", "Unrecognized variable=\"zztop\"", "property: order.id, message: must not be null"
    [GeneratedRegex(@"\b(?:field|parameter|param|property|attribute|argument|variable)\s*[=:]?\s*\\?['""`](?<path>[^'""`\s$\\]{1,100})\\?['""`]|\b(?:field|param(?:eter)?|property|attribute|argument)\s*[:=]\s*(?<path>[A-Za-z_][\w.\[\]\-]{0,99})\s*[,;]\s*(?:message|msg|error|reason|description)\s*[:=]", Options, TimeoutMs)]
    private static partial Regex QuotedField();

    // Confluence: "Provided value {...} for 'id' is not the correct type"
    // and "The value '2026-02-30' is not valid for OrderDate.": an identifier's shape (a hump, an underscore), not a word
    [GeneratedRegex(@"(?i:\bvalue\b[^.]{0,200}?\bfor\s+)['""`](?<path>[\w.\[\]\-/$]{1,100})['""`]|(?i:\bnot\s+(?:a\s+)?valid\s+(?:value\s+)?for\s+(?:the\s+)?)(?<path>[a-z]+[A-Z]\w*|[A-Z][a-z0-9]+[A-Z]\w*|[A-Za-z][A-Za-z0-9]*_\w+)(?=\s*(?:[.;,)]|$))", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex ValueForName();

    // Stripe, OpenAI: "Missing required param: amount.", "Missing required parameter: 'input[79].id'.", "Missing required parameter - file"
    // "Missing required query parameter: q": where it goes between, and a name of one letter.
    // "Mandatory argument username is not found.", "Required parameter 'limit' not found": the name, then what is wrong with it.
    // "Required phoneNumber is missing.": the name alone after "required".
    [GeneratedRegex(@"\bmiss(?:ing)? required (?:(?:query|path|header|body|url|form|request|string|integer|boolean|numeric|number)\s+)?(?:param(?:eter)?|field|property|argument|attribute|value)(?:\(s\)|s\b|\b)\s*[:\-(;]?\s*['""`]?(?<path>[A-Za-z_$](?:[\w.\[\]\-]*[\w\]])?)(?![\w.\[\]\-])|\b(?:mandatory|required|obligatory)\s+(?:(?:query|body|request)\s+)?(?:param(?:eter)?|field|property|argument|attribute)\s+['""`]?(?<path>[A-Za-z_$][\w.\[\]\-]{0,60}?)['""`]?\s+(?:is\s+|was\s+)?(?:not\s+found|missing|not\s+(?:provided|specified|supplied|given|present|set))\b|\brequired\s+['""`]?(?!(?:fields?|param(?:eter)?s?|values?|arguments?|propert(?:y|ies)|attributes?|headers?|data|information|input|parts?|items?|scopes?|permissions?)\b)(?<path>[A-Za-z_$][\w.\[\]\-]{0,60}?)['""`]?\s+(?:is|was)\s+(?:missing|not\s+(?:provided|specified|supplied|given|present|set))\b", Options, TimeoutMs)]
    private static partial Regex MissingRequired();

    // An XML Schema validator's message (Xerces' cvc-* codes, which Java SOAP and XML services pass on): "cvc-complex-type.2.4.a:
    // Invalid content was found starting with element 'ns2:amount'", "cvc-type.3.1.3: The value 'abc' of element 'quantity' is
    // not valid": the element or attribute it names, without its namespace prefix.
    [GeneratedRegex(@"\bcvc-[\w.\-]+:[^'\n]{0,120}?\b(?:element|attribute)\s+'(?:[\w\-]+:)?(?<path>[A-Za-z_][\w.\-]{0,60})'", Options, TimeoutMs)]
    private static partial Regex XmlSchemaElement();

    // "Invalid pageSize: 3000", "Invalid start_date: 2024-13-01": an identifier a program wrote (camelCase or snake_case, not a
    // word such as "request" or "input") before the value it refused.
    [GeneratedRegex(@"^\s*(?i:invalid)\s+['""`]?(?<path>[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)['""`]?\s*:\s*\S", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex InvalidIdentifierColon();

    // "killI is an invalid parameter", "mobile is an invalid field": a name, then a verdict on it as a parameter or field
    [GeneratedRegex(@"(?<![\w.\-'""`])(?<path>[A-Za-z_][\w.\[\]\-]{0,60})\s+is\s+an?\s+(?:invalid|unknown|unrecogni[sz]ed|unsupported|unexpected|unallowed)\s+(?:param(?:eter)?|field|argument|property|attribute|option)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex IsAnInvalidNoun();

    // "`content` Required", "'search' query parameter is mandatory", "No value for required field 'zip_code'": a quoted name
    // that is required
    [GeneratedRegex(@"['""`](?<path>[A-Za-z_$][\w.\[\]\-$]{0,60})['""`]\s+(?:(?:query|body|form|path|header|url)\s+)?(?:(?:param(?:eter)?|field|property|argument|attribute)\s+)?(?:is\s+)?(?:required|mandatory)\b|\brequired\s+(?:(?:query|body|form|path|header)\s+)?(?:field|param(?:eter)?|property|argument|attribute)\s+['""`](?<path>[^'""`\s]{1,100})['""`]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeoutMs)]
    private static partial Regex QuotedRequired();

    // "Field subId of checklistBySubIdCmd: subId is invalid." and "Field error in object 'user' on field 'email': rejected value
    // [x]": the field a Spring application's binding refused
    [GeneratedRegex(@"\bField\s+(?<path>[A-Za-z_][\w.\[\]]{0,60})\s+of\s+\w+\s*:|\bon\s+field\s+'(?<path>[^'\s]{1,100})'", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex SpringBindingField();

    // "Invalid or missing bookmark_id", "Missing or empty apiVersion", "Both podcast_id and episode_id options are required": an
    // identifier a program wrote (snake_case or camelCase, not a word of the sentence), the first one named
    [GeneratedRegex(@"\b(?i:invalid|missing)\s+(?i:or)\s+(?i:invalid|missing|empty|malformed)\s+(?:(?i:param(?:eter)?|field|value|argument)\s+)?['""`]?(?<path>[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)\b|\b(?i:both)\s+['""`]?(?<path>[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+|[a-z][a-z0-9]*(?:_[a-z0-9]+)+)['""`]?\s+(?i:and)\s+['""`]?[A-Za-z_][\w.]*['""`]?\s+(?:(?i:options|parameters|params|fields|arguments|values)\s+)?(?i:are)\s+(?i:required|missing|mandatory|needed)", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex IdentifierInvalidOrMissing();

    // "El campo email es obligatorio", "O campo cpf é inválido", "Le champ montant est requis", "Das Feld plz ist ungültig",
    // "Il campo nome è obbligatorio", "Parámetro fecha inválido": the word for "field" or "parameter" before the name, in the
    // languages APIs answer in. The name is an identifier, not a word of the sentence.
    [GeneratedRegex(@"\b(?:campo|champ|feld|parámetro|parametro|parâmetro|paramètre|atributo|attribut|propiedad|propriedade|propriété)\s+['""`«]?(?!(?:es|est|ist|é|è|del|de|da|do|du|des|der|die|das|que|con|com|avec|mit|obligatorio|obrigatório|requerido|requis|requise)\b)(?<path>[A-Za-z_][\w.\[\]\-]{1,60})", Options, TimeoutMs)]
    private static partial Regex FieldNounOtherLanguage();

    // Google Sheets: "Invalid values[1][1]: struct_value"
    [GeneratedRegex(@"\binvalid\s+['""`]?(?<path>[A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_]\w*)+)['""`]?\s*:", Options, TimeoutMs)]
    private static partial Regex InvalidPath();

    // Google: "Invalid value at 'start_time' (type.googleapis.com/...)"
    [GeneratedRegex(@"\binvalid value at\s+['""`](?<path>[^'""`]{1,200})['""`]", Options, TimeoutMs)]
    private static partial Regex InvalidValueAt();

    // Microsoft Graph: "Property body in payload has a value that does not match schema."
    [GeneratedRegex(@"\bproperty\s+['""`]?(?<path>[\w.\[\]]{1,100})['""`]?\s+in (?:the )?payload", Options, TimeoutMs)]
    private static partial Regex PropertyInPayload();

    // Notion: "body failed validation: body.parent.page_id should be defined"
    [GeneratedRegex(@"\b(?<path>(?:body|params|query)(?:\.[A-Za-z_$][\w$]*|\[\d+\])+)\s+(?:should|must|is|was|has|needs?)\b", Options, TimeoutMs)]
    private static partial Regex RootedPath();

    // Salesforce: "Required fields are missing: [LastName, FirstName]"
    [GeneratedRegex(@"\brequired fields? (?:are|is) missing\s*:?\s*\[(?<list>[^\]]{1,400})\]", Options, TimeoutMs)]
    private static partial Regex RequiredFieldsList();

    // Google: "Invalid JSON payload received. Unknown name \"foo\" at 'bar': Cannot find field."
    [GeneratedRegex(@"\bunknown name\s+""(?<path>[^""]{1,100})""(?:\s+at\s+'(?<at>[^']{1,200})')?", Options, TimeoutMs)]
    private static partial Regex UnknownName();

    // GraphQL: "Variable \"$input\" got invalid value ...", "Variable \"$id\" of required type \"ID!\" was not provided."
    [GeneratedRegex(@"\bvariable\s+""\$(?<var>\w+)""\s+(?:got invalid value|of (?:required|non-null) type|has invalid value|is not defined)", Options, TimeoutMs)]
    private static partial Regex GraphQlVariable();

    // graphql-js 14 "at value.age", 15 and later "at \"input.age\"" (the path from the variable)
    [GeneratedRegex(@"\bat\s+""?(?<head>\w+)\.(?<sub>[\w\]](?:[\w.\[\]]*[\w\]])?)", Options, TimeoutMs)]
    private static partial Regex GraphQlVariableAt();

    // GraphQL: "Argument \"first\" has invalid value", "Unknown argument \"x\"", "Field \"x\" of required type"
    [GeneratedRegex(@"\b(?:argument|unknown argument|field)\s+""(?<path>[\w.]{1,100})""\s*(?:has invalid value|of required type|is not defined|on field|$)", Options, TimeoutMs)]
    private static partial Regex GraphQlArgument();

    // "Insufficient scope, expected any of: read:users", "scopes required: a, b"
    [GeneratedRegex(@"\bscopes?\b(?:[^.:]|\.\s){0,40}?\b(?:expected|requires?|required|needs?|needed|missing)\b\s*(?:(?:any|one|all)\s+of\s*)?(?:the\s+following\s*)?(?:(?:by|for)\s+[^:.]{1,40}?)?[:\-]\s*(?<list>[\w.:/\-]+(?:\s*,\s*(?:and\s+|or\s+)?[\w.:/\-]+)*)|\b(?:following|these)\s+scope(?:s|\(s\))?\s*(?:are|is)?\s*(?:required|missing|needed)?\s*[:\-]\s*(?<list>[\w.:/\-]+(?:\s*,\s*(?:and\s+|or\s+)?[\w.:/\-]+)*)|\b(?:required|missing|needed)\s+scope\(s\)\s*:\s*(?<list>[\w.:/\-]+(?:\s*,\s*[\w.:/\-]+)*)|\bscopes?\b[^.:]{0,60}?\bto\s+perform\s+this\s+(?:action|operation|request)\s*:\s*(?<list>[\w.:/\-]+(?:\s*,\s*[\w.:/\-]+)*)|\bscopes?\b[^:]{0,40}?\b(?:use|needs?|requires?)\s+(?:any|one)\s+of\s*:\s*(?<list>[\w.:/\-]+(?:\s*,\s*(?:and\s+|or\s+)?[\w.:/\-]+)*)|\b(?:not\s+have|no|lacks?|without)\s+access\s+to\s+(?:this|the)\s+scopes?\s*:\s*(?<list>[\w.:/\-]+(?:\s*,\s*[\w.:/\-]+)*)", Options, TimeoutMs)]
    private static partial Regex ScopeExpected();

    // "does not have the required scope vso.work_write", "missing scope files:write"
    [GeneratedRegex(@"\b(?:required|missing|needs?|requires?|lacks?)\s+(?:the\s+)?(?:oauth\s+|api\s+)?scope\s+(?<one>[A-Za-z][\w\-]*[:._/][\w.:/\-]*[\w])|\bscope\s+['""`]?(?<one>[A-Za-z][\w\-]*[:._/][\w.:/\-]*[\w])['""`]?\s+(?:is\s+|was\s+)?(?:not\s+granted|missing|required|needed)\b|\b(?:does\s+not|doesn't|do\s+not|don't)\s+have\s+the\s+(?!(?:required|necessary|needed|right|correct|appropriate|proper|sufficient|requested|following)\b)(?<one>[a-z][a-z_\-]{2,40})\s+scope\b", Options, TimeoutMs)]
    private static partial Regex ScopeRequiredName();

    // "missing scope (databases.write)", "requires scopes (a, b)"
    [GeneratedRegex(@"\b(?:missing|required|requires?|needs?|lacks?|insufficient)\s+(?:the\s+)?scopes?\s*\((?<list>[^)]{1,300})\)", Options, TimeoutMs)]
    private static partial Regex ScopeParenthesized();

    // Zoom: "does not contain scopes:[user:read:list_users:admin]" (not a granted list)
    /// <summary>
    /// The names a sentence asks for ("Please enter a valid URL to shorten", "You must specify a meeting ID"): the word after
    /// the verb, and that word with the next one.
    /// </summary>
    public static IEnumerable<string> AskedFor(string text)
    {
        Match m;
        try
        {
            m = AskedForWords().Match(text.Length > 300 ? text[..300] : text);
        }
        catch (RegexMatchTimeoutException)
        {
            yield break;
        }
        if (m.Success)
        {
            yield return m.Groups["one"].Value;
            if (m.Groups["two"].Success)
            {
                yield return m.Groups["one"].Value + " " + m.Groups["two"].Value;
            }
        }
    }

    [GeneratedRegex(@"\b(?:enter|provide|specify|supply|pass|include|give)\s+(?:a |an |the |your )?(?:valid |correct |proper )?(?<one>[A-Za-z][\w-]{0,40})(?:\s(?<two>[A-Za-z][\w-]{0,20}))?", Options, TimeoutMs)]
    private static partial Regex AskedForWords();

    /// <summary>
    /// The one name a sentence ends by asking for ("You need to provide a issueid", "You must specify a nzbname."), whether or
    /// not the request sent it: a missing parameter's name, when it looks like one.
    /// </summary>
    public static string? AskedForLast(string text)
    {
        if (text.Length > 300)
        {
            return null;
        }
        try
        {
            return AskedForLastWord().Match(text) is { Success: true } m && m.Groups["one"].Value is var name && LooksLikeFieldName(name) ? name : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\b(?:(?:need|needs|have|has)\s+to|must|please)\s+(?:enter|provide|specify|supply|pass|include|give|send|set)\s+(?:a |an |the |your )?(?<one>[A-Za-z][\w-]{1,40})\s*[.!]?\s*$", Options, TimeoutMs)]
    private static partial Regex AskedForLastWord();

    /// <summary>"required one of these privileges under the user identity: [a, b, c]": a list in brackets after the words that ask for it.</summary>
    [GeneratedRegex(@"\b(?:required|requires?|needs?|missing)\b[^.\[\]]{0,40}?\b(?:privileges?|permissions?|scopes?)\b[^:\[\].]{0,60}:\s*\[(?<list>[^\]]{1,400})\]", Options, TimeoutMs)]
    private static partial Regex RequiredBracketList();

    [GeneratedRegex(@"(?<!granted\s|current\s|has\s|have\s|token'?s\s)\bscopes?\s*[:=]\s*\[(?<list>[^\]]{1,400})\]", Options, TimeoutMs)]
    private static partial Regex ScopesBracket();

    // AWS: "is not authorized to perform: dynamodb:PutItem on resource", Azure: "does not have authorization to perform action 'Microsoft.Compute/virtualMachines/read'"
    // Tencent: "not authorized to perform operation (cvm:RunInstances)", Magento: "isn't authorized to access Magento_Catalog::products"
    [GeneratedRegex(@"(?:\bnot\s+|n't\s+)(?:authori[sz]ed|allowed|permitted)\s+to\s+(?:perform|access|call|invoke)(?:\s+(?:the\s+)?(?:action|operation|method|api))?\s*:?\s*[(\['""`]?(?<one>[A-Za-z][\w.:/*\-]*[:/.][\w.:/*\-]*[\w*])['""`]?|\b(?:authorization|permission)\s+to\s+(?:perform|access|call|invoke)(?:\s+(?:the\s+)?(?:action|operation|method|api))?\s*:?\s*[(\['""`]?(?<one>[A-Za-z][\w.:/*\-]*[:/.][\w.:/*\-]*[\w*])['""`]?", Options, TimeoutMs)]
    private static partial Regex PerformAction();

    // Databend, ClickHouse-style: "privilege [Insert] is required on …"; MWS-style: "Access to Orders.ListOrders is denied"
    [GeneratedRegex(@"\b(?:privilege|permission|right|grant)s?\s+\[(?<one>[^\]\s,]{1,100})\]\s+(?:is\s+|are\s+)?(?:required|needed|missing)\b|\baccess\s+to\s+(?<one>[A-Za-z][\w]*(?:[.:/][\w*]+)+)\s+(?:is\s+|was\s+|has\s+been\s+)?(?:denied|forbidden|not\s+allowed)\b", Options, TimeoutMs)]
    private static partial Regex BracketPrivilegeRequired();

    // Google: "Permission 'storage.buckets.list' denied", "You need the 'Lists -> Items' permission", "requires the 'admin' privilege"
    [GeneratedRegex(@"\bpermission\s+['""`](?<one>[^'""`]{2,120})['""`]\s+(?:denied|is\s+required|required|missing|needed)|\b(?:lacks?|missing|needs?|requires?|(?:do|does)\s+not\s+have|don't\s+have|doesn't\s+have|haven't|hasn't)\s+(?:the\s+)?(?:required\s+|necessary\s+|needed\s+)?(?:permission|privilege|capability|right|role)\s+['""`](?<one>[^'""`]{2,120})['""`]|\b(?:need|needs|require|requires|missing|lacks?|must\s+have|(?:do|does)\s+not\s+have|don't\s+have|doesn't\s+have|with\s+the)\s+(?:the\s+)?['""`](?<one>[^'""`]{2,120})['""`]\s+(?:permission|privilege|right|role|capability)s?\b|\b(?:(?:do|does)\s+not|don't|doesn't)\s+have\s+the\s+(?:feature|permission|privilege|right|role|capability)\s+[“‘'""`](?<one>[^”’'""`]{2,120})[”’'""`]|\b(?:not\s+authori[sz]ed|unauthori[sz]ed|not\s+allowed|not\s+permitted)\s+(?:for|to\s+(?:perform|run|execute))\s+(?:the\s+)?(?:action|operation)\s+[“‘'""`](?<one>[^”’'""`]{2,120})[”’'""`]", Options, TimeoutMs)]
    private static partial Regex PermissionQuoted();

    [GeneratedRegex(@"\bthe\s+(?:['‘`][^'’`]{2,120}['’`]\s*)(?:(?:,|or|and)\s*['‘`][^'’`]{2,120}['’`]\s*)*(?:permission|privilege|right|role)s?\s+(?:is|are)\s+(?:required|needed|missing)|\b(?:permission|privilege|right|role)s?\s+(?:is|are)\s+required\s*:\s*['‘`][^'’`]{2,120}['’`](?:\s*(?:,|\bor\b|\band\b|OR|AND)\s*['‘`][^'’`]{2,120}['’`])*", Options, TimeoutMs)]
    private static partial Regex QuotedPermissionsRequired();

    [GeneratedRegex(@"['‘`](?<q>[^'’`]{2,120})['’`]", Options, TimeoutMs)]
    private static partial Regex Quoted();

    // "does not have storage.objects.get access", "does not have secrets get permission", "is missing prvCreateAccount privilege", "alice is missing the Job/Build permission"
    [GeneratedRegex(@"\b(?:does\s+not|doesn't|do\s+not|don't)\s+have\s+(?:the\s+)?(?<one>[A-Za-z][\w.:/\-]*(?:\s+(?:get|list|set|read|write|delete|create|update|purge|backup|restore|recover|import))?)\s+(?:permissions?|privileges?|access|rights?)\b|\bmissing\s+(?:the\s+)?(?<one>[A-Za-z][\w.:/\-]*[\w])\s+(?:permissions?|privileges?|rights?)\b|\b(?:does\s+not|doesn't)\s+(?:include|contain|grant)\s+(?:the\s+)?(?<one>[A-Za-z][\w.:/\-]*[\w])\s+(?:permission|privilege|scope)\b|\bwith\s+the\s+(?<one>[A-Za-z][\w\-]*[_.:/][\w.:/\-]*[\w])\s+permission\b|\bmust\s+have\s+(?:the\s+)?['""`]?(?<one>[A-Za-z][\w.:/\-]*[\w])['""`]?\s+(?:permission|privilege|scope|right)\b|\b(?:(?:does\s+not|doesn't|do\s+not|don't)\s+have|haven't|hasn't|missing)\s+(?:the\s+)?(?:required\s+)?(?:permission|privilege|right)s?\s*:?\s+(?-i:(?<one>[A-Za-z][A-Za-z0-9]*(?:[A-Z]\w*|[._:/][\w.:/\-]*\w)))|\b(?:lacks?|missing|requires?|needs?)\s+(?:the\s+)?['""`]?(?<one>[A-Za-z][\w\-]*[.:/][\w.:/\-]*\w)['""`]?\s+grant\b", Options, TimeoutMs)]
    private static partial Regex LacksPermission();

    // Elasticsearch: "action [indices:data/write/bulk[s]] is unauthorized for user"
    [GeneratedRegex(@"\baction\s+\[(?<one>[^\s\]]+(?:\[\w+\])?)\]\s+is\s+(?:unauthorized|not\s+authorized|forbidden|denied|not\s+allowed)", Options, TimeoutMs)]
    private static partial Regex ActionBracket();

    // Flickr: "Method requires write privileges; read granted."
    [GeneratedRegex(@"\brequires?\s+the\s+(?<one>[A-Za-z][\w\-]*[.:/][\w.:/\-]*\w)\s+(?:privileges?|permissions?|grant)\b|\brequires?\s+(?<one>[a-z][\w.:/\-]*)\s+(?:privileges?|permissions?|access\s+rights?|access\s+(?:to|on|for)\b|capability\b)|\bpermissions?\s+(?:needed|required|missing)\s*:\s*(?<list>[\w.:/\-]+(?:\s*,\s*[\w.:/\-]+)*)", Options, TimeoutMs)]
    private static partial Regex RequiresPrivilege();

    // Plaid: "client is not authorized to access the following products: [\"identity\"]"
    // SQL servers: "it's necessary to have the grant INSERT(id, name) ON default.users", "you need the privilege SELECT ON db.t"
    [GeneratedRegex(@"\b(?:necessary|required|need|needs)\s+(?:to\s+have\s+)?(?:the\s+)?(?:grant|privilege)\s+(?<one>[A-Z][A-Z_ ]*(?:\([^)]{0,100}\))?\s+ON\s+[\w.`""*]+)", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex HaveTheGrant();

    // "no permissions for [indices:data/read/search]", "needs to have [Meetings] permission", "add role query_select on b"
    [GeneratedRegex(@"\bno\s+permissions?\s+for\s+\[(?<list>[^\]]{1,300})\]|\b(?:needs?|requires?)\s+(?:to\s+have\s+)?\[(?<list>[^\]]{1,200})\]\s+(?:permissions?|privileges?)|\bpermissions?\s+\[(?<list>[^\]]{1,200})\]\s+is\s+missing|\badd\s+(?:the\s+)?role\s+(?<one>[\w.:\-]+)", Options, TimeoutMs)]
    private static partial Regex NoPermissionsFor();

    [GeneratedRegex(@"\bnot\s+(?:authorized|permitted|allowed|enabled)\b[^.\[]{0,60}[:\-]\s*\[(?<list>[^\]]{1,300})\]", Options, TimeoutMs)]
    private static partial Regex NotAuthorizedList();

    [GeneratedRegex(@"permi|privil|authori|access|action|\bneed|\brequire|\brole\b|\black|capabilit|\bfeature\b|\ballowed\b|\bperform", Options, TimeoutMs)]
    private static partial Regex PermissionHint();

    // "Only users with the Owner role can delete this workspace", "only members with 'admin' access may …"
    [GeneratedRegex(@"\bonly\s+(?:users?|members?|accounts?|people|collaborators?|roles?)\s+with\s+(?:the\s+|an?\s+)?['""`]?(?<one>[A-Za-z][\w.:\-]{1,40})['""`]?\s+(?:role|permission|privilege|access|rights?)\b|\bmust\s+be\s+(?:an?\s+|the\s+)?(?-i:(?<one>[A-Z][a-z]+))\s+(?:of|in|on|for)\s+(?:this|the|that|your)\b", Options, TimeoutMs)]
    private static partial Regex OnlyHoldersOf();

    // "**apikey** parameter is incorrect", "src parameter not present", "email field is required", "'to' parameter is not a valid address"
    [GeneratedRegex(@"(?:^|[\s(,;:])[*'""`]*(?<path>[A-Za-z_$](?:[\w.\[\]\-$]|->)*[\w\]$])[*'""`]*\s+(?:query\s+|request\s+)?(?:param(?:eter)?|field|argument|attribute|property|header|key)\s+(?:is\s+|was\s+|has\s+been\s+)?(?:incorrect|invalid|missing|required|needed|not\s+specified|not\s+present|not\s+provided|not\s+supplied|not\s+(?:a\s+)?valid|empty|malformed|mandatory)\b|(?:^|[\s(,;:])(?:the\s+)[*'""`]*(?<path>[A-Za-z_$](?:[\w.\[\]\-$]|->)*[\w\]$])[*'""`]*\s+(?:param(?:eter)?|field|argument|attribute|property|header)\s+(?:may\s+not\s+be|cannot\s+be|can'?t\s+be|must\s+(?:be|not|contain|have)|should\s+be)\b", Options, TimeoutMs)]
    private static partial Regex NameThenNoun();

    // 46elks: "Invalid from. Must be a valid phone number…": a one-word name, then the sentence saying why.
    [GeneratedRegex(@"^\s*(?:invalid|missing|unknown|bad|wrong)\s+(?<path>[a-z_][\w]*)\s*\.\s+\S", Options, TimeoutMs)]
    private static partial Regex InvalidNameSentence();

    // JSON Schema validators: "[(root).properties.cores] Attribute is required", "(root).name: Invalid type"
    [GeneratedRegex(@"\(root\)\.(?<path>[A-Za-z_$](?:[\w$\-]|\.(?=[A-Za-z_$\d])|\[\d+\])*)", Options, TimeoutMs)]
    private static partial Regex RootPath();

    // "Invalid value for metadata default.language: xx", "invalid value for limit: -1"; and the name that ends the sentence:
    // "Value 'abc' is not valid for amount", "Invalid value for quantity"
    [GeneratedRegex(@"\binvalid value for (?:the )?(?:[a-z]+\s+)?(?<path>[A-Za-z_$][\w.\[\]\-$]*[\w\]$])\s*:|\b(?:value\b[^.]{0,60}?\b(?:is\s+)?(?:not\s+(?:a\s+)?valid|invalid|not\s+allowed|not\s+supported|not\s+accepted)|invalid\s+(?:(?:querystring|query(?:\s+string)?|url|parameter|field|input)\s+)?value)\s+for\s+(?:the\s+)?(?<path>[a-z][a-z0-9_]{1,40})\s*[.!]?\s*$", Options, TimeoutMs)]
    private static partial Regex InvalidValueFor();

    // "Missing header: On-Behalf-Of", "Missing key to", "Missing parameter - limit"
    [GeneratedRegex(@"\bmissing\s+(?:required\s+)?(?:header|key|param(?:eter)?|field|argument|attribute|property)\s*[:\-]?\s+['""`]?(?<path>[A-Za-z_$][\w.\[\]\-$]*[\w\]$])", Options, TimeoutMs)]
    private static partial Regex MissingNoun();

    // AWS: "Value null at 'tableName' failed to satisfy constraint"
    [GeneratedRegex(@"\bat\s+['""`](?<path>[^'""`]{1,200})['""`]\s+failed\s+to\s+satisfy", Options, TimeoutMs)]
    private static partial Regex AtFailedConstraint();

    // "parameter \"firstname\" required", "param image not exist", "Argument \"serch\" is not supported"
    // "extraneous key [max_tokens] is not permitted"; OData's "Could not find a property named 'x' on type 'y'"
    [GeneratedRegex(@"\b(?:param(?:eter)?|argument|attribute|field|variable|key|property)\s+(?:\[(?<path>[A-Za-z_$][\w.\-$]*)\]|['""`]?(?<path>[A-Za-z_$][\w.\[\]\-$]*[\w\]$])['""`]?)\s+(?:is\s+|was\s+|are\s+|has\s+)?(?:required|missing|invalid|not\s+present|not\s+provided|not\s+supplied|not\s+valid|not\s+supported|not\s+allowed|not\s+permitted|not\s+exists?|does\s+not\s+exist|unknown|empty|not\s+been\s+set|not\s+set|not\s+registered|must\s+(?:be|not|have|contain)|should\s+(?:be|not|have)|cannot\s+be|can't\s+be|may\s+not\s+be)\b|\b(?:property|field|parameter|column|attribute|member)\s+named\s+['""`](?<path>[A-Za-z_$][\w.\-$]{0,100})['""`]", Options, TimeoutMs)]
    private static partial Regex NounNameState();

    // "Value (t2.mega) for parameter instanceType is invalid", "The request must contain the parameter ImageId", "The value of parameter a.b is invalid"
    [GeneratedRegex(@"\b(?:for|of|contain|the|missing|required|invalid|unknown|unsupported|undefined|unrecogni[sz]ed)\s+(?:the\s+)?(?:query\s+|request\s+|body\s+|path\s+)?(?:param(?:eter)?|argument|field|property|attribute|option|variable|column|message\s+part)\s+(?<path>[A-Za-z_$][\w.\[\]\-$]*[\w\]$])(?=[\s.,;:)'""`]|$)", Options, TimeoutMs)]
    private static partial Regex ParameterName();

    // "Missing to param", "missing title field"
    [GeneratedRegex(@"\b(?:unrecogni[sz]ed|unknown|unexpected|invalid|unsupported|extra)\s+(?:request\s+|query\s+|body\s+)?(?:argument|parameter|param|field|property|attribute|option)s?(?:\s+(?:supplied|given|provided|passed|received|found))?\s*:\s*['""`]?(?<path>[A-Za-z_][\w.\[\]\-]*)|\b(?:missing|invalid|unknown|unsupported|unrecogni[sz]ed)\s+(?<path>[A-Za-z_][\w.]*)\s+(?:param(?:eter)?|field|argument|property|attribute|filter)\b|\b(?:invalid|missing)(?:\s+or\s+(?:invalid|missing))?\s+['""`]?(?<path>[A-Za-z_][\w.]*_[\w.]*|[a-z]+[A-Z][\w.]*)['""`]?\s+(?:in|from)\s+(?:the\s+)?(?:request|body|query|url|payload)\b|\b(?:is\s+missing|is\s+required|is\s+empty|missing|required)\b[^:.]{0,40}:\s*['""`]?(?<path>[A-Za-z_][\w.\[\]]*[\w\]])['""`]?\s*\.?\s*$", Options, TimeoutMs)]
    private static partial Regex MissingNamed();

    // Airtable: "Unknown field name: \"Nmae\"", "Unrecognized parameter 'foo'"
    [GeneratedRegex(@"\b(?:unknown|invalid|unrecognized|unrecognised|unexpected|unsupported|duplicate)\s+(?:field|param(?:eter)?|property|attribute|argument|column|key|option)(?:\s+name)?s?\s*:?\s*['""`](?<path>[^'""`]{1,100})['""`]", Options, TimeoutMs)]
    private static partial Regex UnknownFieldQuoted();

    // Mongoose: "Path `title` is required.", "Path `age` (-1) is less than minimum allowed value (0)."
    [GeneratedRegex(@"\bpath\s+[`'""](?<path>[A-Za-z_$][\w.\[\]$]{0,100})[`'""]\s+(?:\([^)]{0,60}\)\s+)?(?:is|must|should|was|has)\b", Options, TimeoutMs)]
    private static partial Regex PathQuotedIs();

    // "user_id is not a valid UUID", "webhookUrl is not a valid URL": a leading name spelled as only an identifier is (not a
    // value such as "in_progress is not a valid status")
    [GeneratedRegex(@"^\W{0,2}(?<path>[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+)\s+is\s+not\s+an?\s+(?:valid|correct|proper)\b(?!\s+(?:\w+\s+)?(?:status|state|type|kind|value|option|choice|enum|mode|category|role|level|event|scope|action)\b)", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex IdentifierNotValid();

    // PostgREST: "Could not find the 'titel' column of 'todos'"
    [GeneratedRegex(@"\bthe\s+['""`](?<path>[^'""`\s]{1,100})['""`]\s+(?:(?:query|path|body|form|header|request|url|input)\s+)?(?:column|field|property|attribute|parameter|param|argument|key)\b", Options, TimeoutMs)]
    private static partial Regex TheQuotedColumn();

    // Elasticsearch: "failed to parse field [age] of type [long]"
    [GeneratedRegex(@"\b(?:field|parameter|param|property|attribute|argument|tag|campo|champ|feld|veld|parametro|parâmetro|parámetro|paramètre)\s*(?:\[(?<path>[^\]\s]{1,100})\]|\{(?<path>[A-Za-z_][\w.\-]{0,100})\})|(?:参数|字段|パラメータ|パラメーター|項目|파라미터|매개변수|필드|параметр\w*|пол[ея])\s*[\[【(（「『""'«<]\s*(?<path>[A-Za-z_][\w.\-]{0,100})\s*[\]】)）」』""'»>]|\b(?:campo|champ|feld|veld|parametro|parâmetro|parámetro|paramètre)\s+[<'""«„](?<path>[A-Za-z_][\w.\-]{0,100})[>'""»“]|\brequires?\s+(?:an?\s+|the\s+)?['""`](?<path>[A-Za-z_$][\w.\-$]{0,100})['""`]\s+(?:argument|parameter|param|field|value|property|attribute)\b", Options, TimeoutMs)]
    private static partial Regex FieldBracket();

    // eBay: "Input data for tag <Item.StartPrice> is invalid or missing"
    [GeneratedRegex(@"\b(?:tag|element|field)\s+<(?<path>[\w.:\-]{1,100})>|(?:^|[\s(])(?:el|la|los|las|o|a|os|as|le|les|der|die|das|il|lo)\s+<(?<path>[A-Za-z_][\w.:\-]{2,100})>", Options, TimeoutMs)]
    private static partial Regex TagName();

    // Twilio, Postmark: "A 'To' phone number is required", "Invalid 'To' address", "The 'From' address you supplied"
    [GeneratedRegex(@"\b(?:a|an|the|invalid|missing|required|unknown|bad|wrong)\s+['""`](?<path>[A-Za-z_][\w.\-]{0,60})['""`]\s+(?:address|phone\s+number|number|field|value|param(?:eter)?|property|attribute|argument|header|column|key|option|date|email|is\s+required|is\s+missing|is\s+invalid|is\s+not)", Options, TimeoutMs)]
    private static partial Regex QuotedThing();

    // "'routing_key' is missing or blank", "\"email\" is required"
    [GeneratedRegex(@"(?:^|[\s(\[,;:])(?<!\bvalues?\s+)(?<!(?<![\w.:])(?!(?:column|field|param|parameter|property|attribute|argument|key|option|header|variable|input|element|tag)s?\s)(?-i:[A-Z])[a-z]+\s+)['""`](?<path>[A-Za-z_$][\w.\[\]\-$]{0,100})['""`]\s+(?:(?:value|field|param(?:eter)?|argument|property|attribute)\s+)?(?:is\s+required|is\s+a\s+required\b|is\s+missing|is\s+invalid|is\s+not\s+(?:valid|allowed|a\s+valid|one\s+of|supported)|must\b|should\b|can'?t\s+be|cannot\s+be|may\s+not\s+be|is\s+too\s+(?:long|short|large|small)|has\s+already\s+been\s+taken|is\s+empty|is\s+blank)", Options, TimeoutMs)]
    private static partial Regex QuotedLeading();

    // Json.NET and System.Text.Json name the path where a request body could not be read
    [GeneratedRegex(@"\bPath\s*'(?<path>[^'\r\n]{1,200})',\s*line\s+\d+,\s*position\s+\d+|\bPath:\s*(?<path>\$[^\s|]{0,200})\s*\|\s*LineNumber:", Options, TimeoutMs)]
    private static partial Regex SerializerPath();

    [GeneratedRegex(@"reference chain:\s*(?<chain>(?:[\w.$]{0,200}(?:\[""[^""\]]{1,100}""\]|\[\d{1,6}\])(?:->)?){1,20})", Options, TimeoutMs)]
    private static partial Regex ReferenceChain();

    [GeneratedRegex(@"\[""(?<name>[^""\]]{1,100})""\]|\[(?<index>\d{1,6})\]", Options, TimeoutMs)]
    private static partial Regex ChainSegment();

    [GeneratedRegex(@"cannot unmarshal \w+ into Go struct field \w+\.(?<path>[\w.\[\]]{1,200}) of type", Options, TimeoutMs)]
    private static partial Regex GoStructField();

    // What frameworks' validators say in their own words: go-playground's "Field validation for 'Email' failed on the 'required'
    // tag", Python jsonschema's "Additional properties are not allowed ('foo' was unexpected)", PostgreSQL's "Key (email)=(a@b.c)
    // already exists.", ASP.NET's "The value 'abc' is not valid for Age."
    [GeneratedRegex(@"\bfield\s+validation\s+for\s+'(?<path>[^'\s]{1,100})'\s+failed|\(\s*'(?<path>[^'\s]{1,100})'(?:\s*,\s*'[^'\s]{1,100}')*\s+(?:was|were)\s+unexpected\s*\)|\bKey\s+\((?<path>[A-Za-z_][\w]{0,100})\)=\(|^\s*The\s+value\s+'[^']{0,200}'\s+is\s+not\s+valid\s+for\s+(?<path>[A-Za-z_][\w.]{0,100}?)\.?\s*$", Options, TimeoutMs)]
    private static partial Regex ValidatorWords();

    // Datadog: "Missing 'from' in query params"
    [GeneratedRegex(@"\b(?:missing|required|invalid|unknown)\s+['""`](?<path>[A-Za-z_$][\w.\[\]\-$]{0,100})['""`](?:\s+(?:in|from|for)\b|\s*$|[.,;])", Options, TimeoutMs)]
    private static partial Regex MissingQuoted();

    // Binance: "Invalid symbol.", "Missing email"
    [GeneratedRegex(@"^\s*(?:invalid|missing|unknown|bad|wrong)\s+(?<path>[a-z_][\w]*)\s*\.?\s*$", Options, TimeoutMs)]
    private static partial Regex LonelyInvalid();

    // "Invalid parameter(s): status", "Missing parameter(s): title", "Invalid arguments:volume", "Api validation failed: password",
    // "the following required fields are missing: client_id"
    [GeneratedRegex(@"\b(?:invalid|missing|unknown|unrecognized|required|bad)\s+(?:request\s+)?(?:arguments?|argument\(s\)|param(?:eter)?s?|param(?:eter)?\(s\)|fields?|field\(s\)|properties|property|attributes?)\s*:\s*['""`]?(?<list>[A-Za-z_$][\w.\[\]\-$]*(?:\s*,\s*['""`]?[A-Za-z_$][\w.\[\]\-$]*)*)|\bvalidation\s+failed\s*:\s*(?<list>[A-Za-z_$][\w.\[\]\-$]*)\s*$|\bfollowing\s+(?:required\s+)?(?:fields?|param(?:eter)?s?|properties|attributes|arguments)\s+(?:are|is)\s+(?:missing|required|invalid|unknown)\s*:\s*(?<list>[A-Za-z_$][\w.\[\]\-$]*(?:\s*,\s*[A-Za-z_$][\w.\[\]\-$]*)*)", Options, TimeoutMs)]
    private static partial Regex NamesAfterColon();

    // Rails full messages: "Name must be a valid hostname.", "Service can't be blank.", "Title must be given.", "Content for A record is invalid"
    [GeneratedRegex(@"^\s*(?<subject>[A-Z][a-z]+(?:\s[a-z]+)?)\s+(?:for\s+[^.]{1,40}\s+)?(?:can'?t\s+be\s+(?:blank|empty|null)|cannot\s+be\s+(?:blank|empty|null)|is\s+required|is\s+missing|is\s+invalid|is\s+not\s+(?:valid|a\s+valid|a\s+number|included|allowed)|must\s+(?:be|contain|have|not)\b|has\s+already\s+been\s+taken|is\s+too\s+(?:long|short)|is\s+reserved|doesn'?t\s+match)", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex SubjectSentence();

    // Laravel's messages: "The quantity must be an integer.", "The start date field is required.", "The selected plan is invalid."
    [GeneratedRegex(@"^\s*The\s+(?:selected\s+)?(?<subject>[A-Za-z][a-z0-9_]*(?:\s(?!field\b)[a-z][a-z0-9_]*){0,2}?)\s+(?:field\s+)?(?:is\s+required|is\s+invalid|must\s+(?:be|contain|have|not|match)\b|may\s+not\b|has\s+already\s+been\s+taken|format\s+is\s+invalid|is\s+not\s+a\s+valid\b|is\s+missing\b|is\s+empty\b|cannot\s+be\s+(?:empty|blank|null)\b)", RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex LaravelSentence();

    // "title is required", "Title can't be blank", "'email' must be a valid email", "messages: roles must alternate"
    // (Fastify/ajv name where the value was: "body/name must NOT have fewer than 3 characters")
    [GeneratedRegex(@"^['""`]?(?:(?:body|querystring|query|params|headers)/)?(?<path>[A-Za-z_][\w.\[\]]{0,60})['""`]?(?:\s+(?:is required|is a required (?:field|property|parameter|attribute|value|argument)\b|is missing|is invalid|invalid\.?$|is not valid|must\b|should\b|can'?t be|cannot be|may not be|is not allowed|is too (long|short|large|small|big|high|low)|has already been taken|(?:is\s+|was\s+)?not\s+(?:specified|given|provided|supplied|set|present)\b|is\s+(?:mandatory|obligatory|empty|blank|malformed)\b|has\s+an?\s+invalid\b|(?:is\s+)?out\s+of\s+range\b|needs?\s+to\s+be\s+(?:set|provided|specified|given|supplied|filled)\b|is\s+not\s+an?\s+(?:string|number|integer|int|boolean|bool|array|list|object|float|decimal|date)\b)|:\s+(?<rest>\S.{0,80}))", Options, TimeoutMs)]
    private static partial Regex LeadingField();

    // What a message after "name:" says about a value: "is required", "must be …", "invalid", "not a valid email", "roles must
    // alternate" (a word or two first); not another "component:" of a chain of them.
    [GeneratedRegex(@"^(?![\w.\-]+:\s)(?:(?:this\s+)?(?:field|value|input|parameter)\s+|[\w'\-]+\s+(?:[\w'\-]+\s+)?)?(?:is\s+|are\s+)?(?:required|missing|must|should|invalid|not\s+(?:a\s+)?valid|not\s+allowed|not\s+supported|cannot|can'?t|may\s+not|expected|too\s+(?:long|short)|(?:has\s+)?already\s+(?:been\s+taken|exists?|in\s+use)|unknown|empty|blank|null|does\s+not\s+match|doesn'?t\s+match|ensure|enter|please|value|a\s+valid|an?\s+\w+\s+is\s+required|out\s+of\s+range|wrong|bad|malformed|unexpected|incorrect)\b", Options, TimeoutMs)]
    private static partial Regex ValueProblem();
}
