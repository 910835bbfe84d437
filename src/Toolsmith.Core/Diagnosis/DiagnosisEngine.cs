using Toolsmith.Core.Diagnosis.Catalog;
using Toolsmith.Core.Diagnosis.Reading;
using Toolsmith.Core.Diagnosis.Rules.Common;
using Toolsmith.Core.Diagnosis.Rules.Providers;
using Toolsmith.Core.Diagnosis.Rules.Standards;
using static Toolsmith.Core.Diagnosis.DiagnosisKinds;

namespace Toolsmith.Core.Diagnosis;

/// <summary>Reads a whole exchange (status, headers, body) and says why it failed, in plain words.</summary>
/// <remarks>
/// The status gives a first guess; rules for standards, common shapes and providers then read headers and body and replace it
/// when they know better (a 404 with GitHub's scope headers is a missing scope; a 200 with <c>ok:false</c> is a failure).
/// </remarks>
public static class DiagnosisEngine
{
    private const int MaxSuccessParseBytes = 1 << 20;

    /// <summary>The rules, providers first: a provider's documented quirk beats what the generic rules infer.</summary>
    private static readonly DiagnosisRule[] Rules =
    [
        new GitHubRule(),
        new SlackRule(),
        new GoogleRule(),
        new MicrosoftGraphRule(),
        new AtlassianRule(),
        new HubSpotRule(),
        new SalesforceRule(),
        new StripeRule(),
        new ShopifyRule(),
        new OpenAiRule(),
        new WwwAuthenticateRule(),
        new GrpcStatusRule(),
        new OAuthErrorRule(),
        new ProblemDetailsRule(),
        new JsonApiErrorsRule(),
        new GraphQlErrorsRule(),
        new JsonRpcErrorRule(),
        new RedfishMessageRule(),
        new GoogleApiErrorRule(),
        new RateLimitRule(),
        new ErrorFieldsRule(),
        new ErrorCodeRule(),
        new ScopeMembersRule(),
        new MessageTextRule(),
        new RequiredScopesRule(),
        new BatchEntriesRule(),
        new StandardCodeFieldRule(),
        new MentionedFieldsRule(),
    ];

    /// <summary>The diagnosis of a response, or null when the response reports success.</summary>
    public static Diagnosis? Diagnose(ResponseExchange exchange, TimeProvider? time = null) => Diagnose(exchange, time, null);

    /// <summary>
    /// As <see cref="Diagnose(ResponseExchange, TimeProvider?)"/>; a rule that throws is skipped (its findings lost), and
    /// <paramref name="ruleFailures"/>, when given, says which and why, so tests can hold every rule to never throwing.
    /// </summary>
    internal static Diagnosis? Diagnose(ResponseExchange exchange, TimeProvider? time, List<string>? ruleFailures)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        try
        {
            BodyReader.Result? read = null;
            if (exchange.Status < 400 && !GrpcStatusRule.Failed(exchange) && !SuccessBody.ReportsFailure(exchange, MaxSuccessParseBytes))
            {
                var action = SuccessBody.IsAction(exchange.Method);
                if (SuccessBody.MayReportNestedFailure(exchange))
                {
                    // A JSON answer whose failure is below its top (a result's status, JSON inside a string).
                    if (!SuccessBody.NestedReportsFailure(SuccessBody.ReadNested(exchange), action))
                    {
                        return Unnoticed(exchange, time, ruleFailures, null);
                    }
                }
                else if (!SuccessBody.MayReportFailureInTree(exchange))
                {
                    return Unnoticed(exchange, time, ruleFailures, null);
                }
                else
                {
                    // An XML or form answer is read as a tree and judged by its error elements, which no pattern lists.
                    read = BodyReader.Read(exchange, SuccessBody.MaxTreeBytes);
                    // every SOAP call is a POST: its operation says whether it asked for an action or read something
                    var asked = read.Value.SoapOperation is { } operation ? SuccessBody.IsActionOperation(operation) : action;
                    if (!SuccessBody.TreeReportsFailure(read.Value.Body) && !SuccessBody.MembersReportFailure(read.Value.Body, asked)
                        && !SuccessBody.NestedReportsFailure(read.Value.Body, asked))
                    {
                        return Unnoticed(exchange, time, ruleFailures, read);
                    }
                }
            }
            return Run(exchange, time ?? TimeProvider.System, ruleFailures, read);
        }
#pragma warning disable CA1031 // a diagnosis must never throw: any surprise in a rule falls back to the status alone
        catch (Exception)
#pragma warning restore CA1031
        {
            return exchange.Status < 400 ? null : StatusOnly(exchange);
        }
    }

    /// <summary>
    /// A short answer under 2xx the rules took for a success, which the word models are nearly sure reports a failure
    /// (<see cref="KindModel.FailureUnderSuccess"/>): diagnosed, with the models' kind where the rules find none; else null.
    /// </summary>
    private static Diagnosis? Unnoticed(ResponseExchange exchange, TimeProvider? time, List<string>? ruleFailures, BodyReader.Result? read)
    {
        var learned = Ask(static e => KindModel.FailureUnderSuccess(e), exchange, ruleFailures);
        return learned is null ? null : Run(exchange, time ?? TimeProvider.System, ruleFailures, read, learned);
    }

    /// <summary>The word models' answer, or null when they cannot give one: they are a second opinion, the rules' stands.</summary>
    private static T? Ask<T>(Func<ResponseExchange, T?> model, ResponseExchange exchange, List<string>? ruleFailures)
    {
        try
        {
            return model(exchange); // a static lambda: an ordinary success allocates nothing here
        }
#pragma warning disable CA1031 // a model that trips on a body gives no opinion; the rules' findings stand
        catch (Exception ex)
#pragma warning restore CA1031
        {
            ruleFailures?.Add($"{nameof(KindModel)}: {ex.GetType().Name}: {ex.Message}");
            return default;
        }
    }

    /// <summary>The diagnosis of a request that never got a response.</summary>
    public static Diagnosis ForTransport(string kind, string detail) => kind switch
    {
        DiagnosisKinds.Timeout => Make(kind, "The call timed out",
            $"No complete response arrived in time: {detail}",
            "Raise the step's timeout if the API is slow, or check that the server is up."),
        DnsFailure => Make(kind, "The host name could not be found",
            $"DNS could not resolve the host: {detail}",
            "Check the host name in the URL for typos, and that this machine can resolve it (VPN, proxy, internal DNS)."),
        TlsError => Make(kind, "The secure connection failed",
            $"The TLS handshake failed: {detail}",
            "Check that the URL's scheme and port are right and that the server's certificate is valid for its name and trusted on this machine."),
        BlockedByPolicy => Make(kind, "Toolsmith refused to call this address",
            detail,
            "Ask the administrator to add the host to the allow-list (TOOLSMITH_ALLOWED_HOSTS), or call a public address."),
        InvalidRequest => Make(kind, "The request could not be sent as configured",
            detail,
            "Fix the step as the message says; nothing was sent."),
        _ => Make(ConnectionFailed, "Could not connect to the server",
            $"The connection failed: {detail}",
            "Check that the server is running and reachable at this host and port, and that no firewall or proxy blocks it."),
    };

    private static Diagnosis Run(ResponseExchange exchange, TimeProvider time, List<string>? ruleFailures, BodyReader.Result? alreadyRead, string? learnedKind = null)
    {
        var read = alreadyRead ?? BodyReader.Read(exchange);
        var context = new DiagnosisContext(exchange, read.Body, read.Text, time) { StatusSaysNothing = read.SoapFault };
        if (exchange.Status >= 400)
        {
            context.Propose(StatusKind(exchange.Status), Evidence.Status);
        }
        else if (StatedStatus.In(read.Body) is { } meant)
        {
            // {"code": 429, "message": "…", "status": "error"} under 200: the HTTP status the API meant is the first guess.
            context.StatedStatus = meant;
            context.Propose(StatusKind(meant), Evidence.Status);
        }
        foreach (var rule in Rules)
        {
            try
            {
                rule.Apply(context);
            }
#pragma warning disable CA1031 // one rule's surprise must not cost the others' findings
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // The rule found nothing usable in this body.
                ruleFailures?.Add($"{rule.GetType().Name}: {ex.GetType().Name}: {ex.Message}");
            }
        }
        var kind = Refine(context, Learned(exchange, context, context.Kind ?? learnedKind ?? (context.FieldCount > 0 ? InvalidValue : RequestRejected), ruleFailures));
        var fields = context.MappedFields();
        var retry = kind is RateLimited or ServerError or DiagnosisKinds.Timeout ? context.RetryAfterSeconds : null;
        var (title, explanation, hint) = DiagnosisText.Build(kind, context, fields, retry);
        var required = kind is MissingScope or InsufficientPermission && exchange.RequiredScopes is { Count: > 0 } r ? r : null;
        var showScopes = kind is MissingScope or InsufficientPermission && (context.MissingScopes.Count > 0 || context.GrantedScopes is not null || required is not null);
        return new Diagnosis
        {
            Kind = kind,
            Title = title,
            Explanation = explanation,
            Hint = hint,
            Scopes = showScopes ? new ScopeInfo { Missing = [.. context.MissingScopes], Granted = context.GrantedScopes, Required = required } : null,
            Fields = fields,
            RetryAfterSeconds = retry,
            Provider = context.Provider,
            // the API's words: a sentence before a single word ("Missing privilege" before "Forbidden"), a word before a number
            ProviderMessage = Shorten(context.Message ?? context.Texts.FirstOrDefault(static t => t.Contains(' ', StringComparison.Ordinal))
                ?? context.Texts.FirstOrDefault(static t => t.Any(char.IsLetter)) ?? context.Texts.FirstOrDefault()),
        };
    }

    /// <summary>
    /// The rules' kind, or the word model's (<see cref="KindModel"/>) when it is nearly sure of another failure kind and the
    /// rules' evidence is no stronger than a code word: a standard's structured member or a provider's rule is never second-
    /// guessed; where the rules found no evidence at all, a less sure answer of the model is still taken
    /// (<see cref="KindModel.ThresholdWithoutEvidence"/>). Neither are the findings the model cannot weigh: a scope the words named (and no missing scope without one), a
    /// field named as invalid (it is not made a missing resource or a refusal), and a 401 about credentials (HTTP says that is
    /// what a 401 means, whatever the words add). Measured on the corpus halves neither was tuned to, it corrects more than it
    /// breaks (docs/diagnosis.md).
    /// </summary>
    private static string Learned(ResponseExchange exchange, DiagnosisContext context, string kind, List<string>? ruleFailures)
    {
        if (context.KindEvidence > Evidence.Code || kind == MissingScope)
        {
            return kind;
        }
        var learned = Ask(static e => KindModel.Predict(e), exchange, ruleFailures);
        if (learned is not { } l || l.Kind == kind || l.Probability < (context.Kind is null && SaysSomething(context) ? KindModel.ThresholdWithoutEvidence : KindModel.Threshold)
            || (l.Kind == MissingScope && !context.NamesScopes && !context.TextKinds.Contains(MissingScope))
            || (kind == InvalidValue && context.FieldCount > 0 && l.Kind is NotFound or RequestRejected)
            || (kind == BadCredentials && (context.Status == 401 || context.StatedStatus == 401))
            // a 408 or 504 is a timeout, whatever the words add ("vehicle is offline or asleep")
            || (kind == DiagnosisKinds.Timeout && context.Status is 408 or 504)
            // "the rate limit per month for your plan": a limit per day or month is a quota, whatever else the words say.
            || (kind == QuotaExceeded && l.Kind == RateLimited && context.Texts.Take(3).Any(ErrorVocabulary.NamesCalendarWindow)))
        {
            return kind;
        }
        return l.Kind;
    }

    /// <summary>Whether the answer holds words or a code word for the model to read: its guess from a bare <c>false</c> is no better than none.</summary>
    private static bool SaysSomething(DiagnosisContext context) => context.Texts.Concat(context.Codes).Any(static t => t.Any(char.IsLetter) && !bool.TryParse(t.Trim(), out _));

    /// <summary>The final kind: what the strongest evidence said, refined where weaker evidence is more precise.</summary>
    private static string Refine(DiagnosisContext c, string kind)
    {
        if (c.KindEvidence >= Evidence.Provider)
        {
            return kind;
        }
        // A generic "invalid argument" code with words that say exactly what is wrong ("payload size exceeds the limit").
        if (kind is InvalidValue or RequestRejected or InsufficientPermission && c.KindEvidence <= Evidence.Code)
        {
            // A generic code ("Forbidden", "invalid_request") with words naming a limit, a size, a scope, a duplicate or a missing
            // resource: the words say more ("BAD_REQUEST_ERROR: The id provided does not exist", "Name has already been taken").
            foreach (var specific in (ReadOnlySpan<string>)[PayloadTooLarge, MalformedBody, UnsupportedMediaType, QuotaExceeded, RateLimited, MissingScope, ExpiredCredentials, Conflict, NotFound])
            {
                if (c.TextKinds.Contains(specific) && (specific is not (MalformedBody or NotFound) || c.FieldCount == 0)
                    && (kind != InsufficientPermission || specific is QuotaExceeded or RateLimited))
                {
                    return specific;
                }
            }
        }
        if (kind == RateLimited && c.KindEvidence <= Evidence.Code && c.TextKinds.Contains(QuotaExceeded) && !c.TextKinds.Contains(RateLimited)
            && c.Texts.Take(3).Any(ErrorVocabulary.NamesCalendarWindow))
        {
            // A generic "too many requests" code or status whose words name a day's or a plan's limit ("Exceeded send limits
            // for today", "Budget has been exceeded"): waiting a minute does not help.
            return QuotaExceeded;
        }
        if (kind is InvalidValue && !c.TextKinds.Contains(InvalidValue) && ErrorVocabulary.BySpecificity(c.TextKinds).FirstOrDefault() is Conflict)
        {
            // A named field whose words only say it duplicates a record ("Name has already been taken"): the value is well
            // formed, another record holds it.
            return Conflict;
        }
        if (kind is ExpiredCredentials && !c.TextKinds.Contains(ExpiredCredentials) && c.Codes.Any(static code => ErrorVocabulary.Compact(code) == "invalidgrant")
            && ((c.TextKinds.Contains(BadCredentials) && !c.Texts.Any(ErrorVocabulary.SaysExpired)) || c.Codes.Any(static code => ErrorVocabulary.ClassifyCode(code) == BadCredentials)))
        {
            // invalid_grant whose words say the user name or password is wrong, not that a grant expired ("expired or invalid
            // refresh token" is the grant's own words).
            return BadCredentials;
        }
        if (kind is Conflict && c.KindEvidence == Evidence.Status && c.FieldCount > 0 && !c.TextKinds.Contains(Conflict))
        {
            // A 409 whose field messages say nothing of a duplicate or a state (CKAN answers validation errors with 409).
            return InvalidValue;
        }
        if (kind is BadCredentials && (c.TextKinds.Contains(ExpiredCredentials) || c.Codes.Any(code => ErrorVocabulary.ClassifyCode(code) == ExpiredCredentials)))
        {
            return ExpiredCredentials;
        }
        if (kind is InsufficientPermission or BadCredentials && c.NamesScopes)
        {
            return MissingScope;
        }
        if (kind is InsufficientPermission && c.KindEvidence <= Evidence.Code && c.Texts.Take(20).Any(TextExtract.RefusesTheCredential))
        {
            // A generic "permission denied" code whose words say what was refused is the key or the app ("Client does not have
            // sufficient permissions", "The API key is … not authorized for this action"): what it was granted falls short.
            return MissingScope;
        }
        if (kind is RequestRejected && c.Status < 400 && c.FieldCount > 0 && c.KindEvidence < Evidence.Structured && !c.TextKinds.Contains(RequestRejected))
        {
            return InvalidValue;
        }
        if (kind is InvalidValue && (c.KindEvidence <= Evidence.Text || (c.KindEvidence == Evidence.Code && c.TextKinds.Contains(InvalidValue))) && c.MappedFields() is { Count: > 0 } named && named.All(static f => IsCredentialName(f.Path) && !f.Path.StartsWith("body", StringComparison.Ordinal)))
        {
            // "Required parameter 'key' is missing", "invalid access_token": the credential is what is wrong (a password in a
            // body that creates a user is a value like any other).
            return BadCredentials;
        }
        return kind;
    }

    /// <summary>A field that holds a credential: its last name is key, api_key, token, access_token, secret, password, signature…</summary>
    private static bool IsCredentialName(string path)
    {
        var last = path[(path.LastIndexOfAny(['.', '[']) + 1)..].TrimEnd(']');
        var c = ErrorVocabulary.Compact(last);
        return c is "key" or "apikey" or "appkey" or "accesskey" or "secretkey" or "token" or "accesstoken" or "authtoken" or "apitoken" or "secret" or "clientsecret"
            or "signature" or "sign" or "sig" or "authorization" or "sessionid" or "sid" or "apisecret" or "appsecret" or "oauthtoken" or "bearer";
    }

    private static string StatusKind(int status) => status switch
    {
        401 => BadCredentials,
        403 => InsufficientPermission,
        404 or 410 => NotFound,
        405 => MethodNotAllowed,
        409 or 412 or 423 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        400 or 422 => InvalidValue,
        429 => RateLimited,
        408 or 504 => DiagnosisKinds.Timeout,
        507 => QuotaExceeded, // Insufficient Storage: the account's space is used up (WebDAV)
        >= 500 => ServerError,
        _ => RequestRejected,
    };

    /// <summary>The status-based diagnosis alone, for the (unexpected) case where reading the body failed.</summary>
    private static Diagnosis StatusOnly(ResponseExchange exchange)
    {
        var kind = exchange.Status >= 400 ? StatusKind(exchange.Status) : RequestRejected;
        var context = new DiagnosisContext(exchange, null, null, TimeProvider.System);
        var (title, explanation, hint) = DiagnosisText.Build(kind, context, null, null);
        return Make(kind, title, explanation, hint);
    }

    private static string? Shorten(string? text) => text is { Length: > 1000 } ? text[..1000] + "…" : text;

    private static Diagnosis Make(string kind, string title, string explanation, string hint) => new()
    {
        Kind = kind,
        Title = title,
        Explanation = explanation,
        Hint = hint,
    };
}
