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
    public static string? ClassifyCode(string code) => Classify(code)?.Kind;

    /// <summary>
    /// The kind a machine error code means by the catalog's code words (the first matching rule), and whether the code is
    /// generic (<c>InvalidArgument</c>, <c>NotAllowed</c>: it counts like words, so a more specific message wins); null when unknown.
    /// </summary>
    public static (string Kind, bool Weak)? Classify(string code)
    {
        var c = Compact(NormalizeCode(code));
        if (c.Length == 0)
        {
            return null;
        }
        foreach (var rule in Catalog.DiagnosisCatalog.CodeRules)
        {
            if (rule.Matches(c))
            {
                return (rule.Kind, rule.Weak);
            }
        }
        return null;
    }

    /// <summary>
    /// A code without its wrapping: a type's namespace (<c>com.amazonaws.dynamodb.v20120810#ResourceNotFoundException</c>),
    /// an XML prefix (<c>soap:Client</c>, <c>a:ErrorSchemaValidation</c>), a trailing URL or sender (<c>X:http://...</c>, <c>X;Sender</c>).
    /// </summary>
    public static string NormalizeCode(string code)
    {
        var c = code.Trim();
        if (c.LastIndexOf('#') is var hash and >= 0 && hash < c.Length - 1)
        {
            c = c[(hash + 1)..];
        }
        if (c.IndexOf(";", StringComparison.Ordinal) is var semi and > 0)
        {
            c = c[..semi];
        }
        if (c.IndexOf(":http", StringComparison.OrdinalIgnoreCase) is var url and > 0)
        {
            c = c[..url];
        }
        if (c.IndexOf(':') is var colon and > 0 and <= 12 && colon < c.Length - 1 && c.AsSpan(0, colon).ContainsAnyExcept(LowerLetters) is false)
        {
            c = c[(colon + 1)..];
        }
        return c;
    }

    private static readonly System.Buffers.SearchValues<char> LowerLetters = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    /// <summary>The kinds a message's words suggest (several may fit; the caller picks by specificity and status).</summary>
    public static List<string> ClassifyText(string text) => RegexBudget.ReadTwice<List<string>>(TryClassifyText, text);

    private static bool TryClassifyText(string text, out List<string> kinds)
    {
        kinds = new List<string>(2);
        var t = text.Length > 1500 ? text[..1500] : text;
        try
        {
            // Machine names (Contoso.Billing/invoices/write, Billing::Invoices, api.example.com, s3:PutObject) are not words: "Billing" there says
            // nothing about a quota. And "over scope '/subscriptions/…'" names where a permission applies (Azure), not an OAuth scope.
            t = DottedName().Replace(t, " ");
            if (ScopeWords().IsMatch(ResourceScope().Replace(t, " ")))
            {
                kinds.Add(MissingScope);
            }
            if (ExpiredWords().IsMatch(t))
            {
                // "Invalid or expired API key": the API cannot say which; a new credential mends both, and expiry is one guess.
                kinds.Add(InvalidOrExpired().IsMatch(t) ? BadCredentials : ExpiredCredentials);
            }
            var payload = PayloadWords().IsMatch(t);
            if (!payload && LimitKind(t) is { } limit)
            {
                kinds.Add(limit); // "payload size exceeds the limit" is about size, not rate
            }
            if (payload)
            {
                kinds.Add(PayloadTooLarge);
            }
            if (MediaTypeWords().IsMatch(t))
            {
                kinds.Add(UnsupportedMediaType);
            }
            if (MalformedWords().IsMatch(t))
            {
                // "JSON parse error: Cannot deserialize value of type `LocalDate` from String …" (Jackson): the JSON was read,
                // one value in it has the wrong type.
                kinds.Add(TypeMismatch().IsMatch(t) ? InvalidValue : MalformedBody);
            }
            if (CredentialWords().IsMatch(t) || TokenVerdict().IsMatch(t))
            {
                kinds.Add(BadCredentials);
            }
            if (RejectedWords().IsMatch(t))
            {
                kinds.Add(RequestRejected);
            }
            if (NotFoundWords().IsMatch(t) && !NamedInputNotFound().IsMatch(t))
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
            if (IpNotAllowed().IsMatch(t))
            {
                // "IP not whitelisted", "Not allow ip": where the call comes from is not allowed, whatever else the words say.
                kinds.Remove(RequestRejected);
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
            if (TimeoutWords().IsMatch(t))
            {
                kinds.Add(DiagnosisKinds.Timeout);
            }
            if (RepeatedPost().IsMatch(t))
            {
                kinds.Add(Conflict); // "we're not able to post the same thing again so soon": a duplicate
            }
            if (FeatureOff().IsMatch(t))
            {
                kinds.Remove(InvalidValue); // "a business plan is required": the account's plan, not a field
                kinds.Add(RequestRejected);
            }
            if (UnknownRoute().IsMatch(t))
            {
                kinds.Remove(InvalidValue);
                kinds.Add(NotFound);
            }
            if (SessionEnded().IsMatch(t))
            {
                // "you have been logged out due to inactivity", "Session timeout": the session expired, not the call
                kinds.Remove(DiagnosisKinds.Timeout);
                kinds.Add(ExpiredCredentials);
            }
            if (SubscriptionEnded().IsMatch(t))
            {
                // "The trial for this account has expired": the account's plan, not a credential or a quota
                kinds.Remove(ExpiredCredentials);
                kinds.Remove(QuotaExceeded);
                kinds.Add(RequestRejected);
            }
            if (MethodWords().IsMatch(t) && kinds.TrueForAll(static k => k is InvalidValue or RequestRejected))
            {
                // "Use method POST instead": the method is what is wrong, unless the words name something more precise.
                kinds.Clear();
                kinds.Add(MethodNotAllowed);
            }
            if (!kinds.Contains(MissingScope) && Reauthorize().IsMatch(t) && (kinds.Contains(InsufficientPermission) || Privileges().IsMatch(t)))
            {
                // "request user re-authorization": what the user granted the token falls short, a scope.
                kinds.Add(MissingScope);
            }
            if (kinds.Count == 0 && Contraction().IsMatch(t))
            {
                // "Don't have access", "can't be found": the words in full, as the patterns spell them.
                return TryClassifyText(Contraction().Replace(t, static m => Expanded(m.Value)), out kinds);
            }
            if (kinds.Count == 0 && (t.Contains(' ', StringComparison.Ordinal) || !System.Text.Ascii.IsValid(t)))
            {
                // Other languages' words are many alternatives at every position: their first 500 characters say it (and a
                // text of one long token, neither words nor another script, says nothing).
                OtherLanguages(t.Length > 500 ? t[..500] : t, kinds);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological message (or a paused thread): what was found so far stands.
            return false;
        }
        return true;
    }

    private static string Expanded(string contraction)
    {
        var lower = contraction.ToLowerInvariant().Replace('\u2019', '\'');
        return lower switch
        {
            "can't" => "cannot",
            "won't" => "will not",
            "shan't" => "shall not",
            _ => lower[..^3] + " not",
        };
    }

    [GeneratedRegex(@"\b\w+n['\u2019]t\b", Options, TimeoutMs)]
    private static partial Regex Contraction();

    /// <summary>
    /// The same kinds in the words of other languages APIs answer in (German, French, Spanish, Portuguese, Italian, Dutch,
    /// the Nordic languages, Polish, Russian, Chinese, Japanese, Korean), read only when the English words said nothing.
    /// </summary>
    private static void OtherLanguages(string t, List<string> kinds)
    {
        if (ForeignCredentials().IsMatch(t))
        {
            kinds.Add(BadCredentials);
        }
        if (ForeignPermission().IsMatch(t))
        {
            kinds.Add(InsufficientPermission);
        }
        if (ForeignRate().IsMatch(t))
        {
            kinds.Add(RateLimited);
        }
        if (ForeignNotFound().IsMatch(t))
        {
            kinds.Add(NotFound);
        }
        if (ForeignQuota().IsMatch(t))
        {
            kinds.Add(QuotaExceeded);
        }
        if (ForeignConflict().IsMatch(t))
        {
            kinds.Add(Conflict);
        }
        if (ForeignInvalid().IsMatch(t))
        {
            kinds.Add(InvalidValue);
        }
        if (ForeignExpired().IsMatch(t))
        {
            kinds.Add(ExpiredCredentials);
        }
        if (ForeignServerError().IsMatch(t))
        {
            kinds.Add(ServerError);
        }
        if (ForeignFunds().IsMatch(t))
        {
            kinds.Add(RequestRejected);
        }
        if (ForeignCredentialNoun().IsMatch(t) && (kinds.Contains(InvalidValue) || kinds.Contains(NotFound)) && !kinds.Contains(BadCredentials) && !kinds.Contains(ExpiredCredentials))
        {
            // "API anahtarı geçersiz", "clave de API inválida", "签名无效": a credential that is invalid or unknown.
            kinds.Add(BadCredentials);
            kinds.Remove(InvalidValue);
            kinds.Remove(NotFound);
        }
        if (kinds.Contains(InsufficientPermission) && ForeignCredentialNoun().IsMatch(t))
        {
            // "API 키에 권한이 없습니다", "该API密钥没有权限": what the credential was granted, a scope.
            kinds.Remove(InsufficientPermission);
            kinds.Add(MissingScope);
        }
        if (kinds.Count == 0 && ForeignRejected().IsMatch(t))
        {
            // "Transacción rechazada", "İşlem onaylanmadı": refused, when nothing says why.
            kinds.Add(RequestRejected);
        }
    }

    [GeneratedRegex(@"api[ _-]?(key|anahtar\w*|schlüssel|sleutel|nyckel|klucz)|\bapikey|서비스 ?키|인증 ?키|api ?키|(clave|chave|llave|clé|cle|chiave|schlüssel|anahtar\w*|ключ\w*|klucz\w*) (de |da |do |d'|di )?(api|acceso|acesso|accès|zugriff|secreta|secreto|privada|erişim)|\btoken\b|\bjeton\b|firma|assinatura|signature|signatur|imza|подпис|签名|署名|서명|contraseña|senha|mot de passe|passwort|wachtwoord|lösenord|hasło|şifre|пароль|密码|パスワード|비밀번호|credencial|identifiant|zugangsdaten|kimlik bilgi|учетн\w* данн|密钥|秘钥|令牌|アクセスキー|api ?キー|トークン|액세스 ?키|인증 ?키|api ?키|토큰|app[ _-]?(key|secret|id)", Options, TimeoutMs)]
    private static partial Regex ForeignCredentialNoun();

    [GeneratedRegex(@"rechazad[oa]|rechazo|denegad[oa]|declinad[oa]|recusad[oa]|negad[oa]|refusée?|abgelehnt|rifiutat[oa]|geweigerd|afgewezen|avvisad|avvist|odrzucon|отклонен|отказан|被拒绝|拒绝|拒否|거절|거부|reddedildi|onaylanmadı|başarısız", Options, TimeoutMs)]
    private static partial Regex ForeignRejected();

    [GeneratedRegex(@"abgelaufen|a expiré|(token|jeton|clé|session|signature) expirée?|vencid[oa]|expirad[oa]|caducad[oa]|scadut[oa]|verlopen|har gått ut|utgått|utløpt|wygasł|исте[кч]|истёк|просрочен|过期|已失效|期限切れ|有効期限が切れ|만료|süresi dol", Options, TimeoutMs)]
    private static partial Regex ForeignExpired();

    [GeneratedRegex(@"interner (server)?fehler|erreur interne|error interno|erro interno|errore interno|interne (server)?fout|internt fel|wewnętrzny błąd|błąd wewnętrzny|внутренн\w* ошибк|ошибка сервера|系统错误|系统繁忙|系统异常|服务器错误|内部错误|服务异常|システムエラー|内部エラー|시스템 오류|내부 오류|서버 오류|서비스.{0,6}중지|점검 중|sistem hatası|sunucu hatası", Options, TimeoutMs)]
    private static partial Regex ForeignServerError();

    [GeneratedRegex(@"saldo insuficiente|fondos insuficientes|solde insuffisant|fonds insuffisants|nicht genügend guthaben|unzureichende deckung|fondi insufficienti|onvoldoende saldo|otillräckligt saldo|niewystarczające środki|недостаточно средств|余额不足|残高(が)?不足|잔고가 부족|잔액이 부족|잔액 부족|yetersiz bakiye", Options, TimeoutMs)]
    private static partial Regex ForeignFunds();

    [GeneratedRegex(@"(등록되지 않은|유효하지 않은|잘못된) (인증 ?|서비스 ?|api ?)?키|ungültige[rs]? (anmelde|zugangs)|nicht authentifiziert|identifiants? (invalides?|incorrects?)|non authentifié|credenciais? inválidas?|credenciales? (inválidas?|incorrectas?)|no autenticado|não autenticado|senha (inválida|incorreta)|contraseña (inválida|incorrecta)|credenziali non valide|ongeldige (inloggegevens|api-sleutel)|token (inválido|invalido|invalide|ungültig|non valido|ongeldig|nieprawidłowy)|неверн\w* (логин|пароль|токен|ключ)|не авторизован|认证失败|签名错误|令牌无效|未登录|認証(に)?失敗|トークンが無効|인증 ?(실패|오류|에러)|認証エラー|유효하지 않은 (토큰|키)|usuario o contraseña|nombre de usuario o contraseña|usuário ou senha|utilisateur ou mot de passe|benutzername oder passwort|no validó la firma|firma (digital )?(inválida|no válida|incorrecta)|assinatura (digital )?inválida|signature (invalide|incorrecte)|用户名或密码|密码错误|签名无效|签名验证失败|パスワードが(違|正しく)|署名が(無効|不正)|비밀번호가 (틀|올바르지)|서명이 (유효하지|올바르지)|неверн\w* подпис|şifre hatalı|kimlik doğrulama|(api ?(id|key)|apikey|app ?(id|key|secret)|token|密钥|秘钥)[^，。,.]{0,12}?(不正确|错误|无效)|(benutzer(name)?|nutzer|user(name)?|login)\s*/\s*(passwort|kennwort|password)[ -]?(fehler|falsch|ungültig)", Options, TimeoutMs)]
    private static partial Regex ForeignCredentials();

    [GeneratedRegex(@"keine berechtigung|nicht berechtigt|keine (zugriffs)?rechte|n'êtes pas autorisée?|pas autorisée? à|no (está|estás|tiene|tienes) (autorizad[oa]|permiso)|não (está|tem) (autorizad[oa]|permissão)|non (sei|è) autorizzat[oa]|niet gemachtigd|nie masz uprawnień|не имеете (прав|доступа)|zugriff verweigert|accès refusé|permission refusée|non autorisé|acceso denegado|sin permiso|no autorizado|acesso negado|sem permissão|não autorizado|accesso negato|non autorizzato|geen toegang|ingen behörighet|saknar behörighet|mangler tilgang|brak uprawnień|доступ запрещ|нет прав|无权限|没有权限|权限不足|権限がありません|アクセス拒否|권한이 없|접근 거부|没有.{0,40}权限|無権限|yetkiniz yok|yetkisiz|yetki yok|erişim reddedildi|доступ заборонено|немає прав", Options, TimeoutMs)]
    private static partial Regex ForeignPermission();

    [GeneratedRegex(@"aguarde \d+ (segundos|minutos)|tente novamente em \d+|espere \d+ (segundos|minutos)|(intente|inténtelo) (de nuevo |nuevamente )?en \d+|réessayez dans \d+|zu viele anfragen|trop de requêtes|demasiadas (solicitudes|peticiones)|muitas requisições|consumo indevido|excedido o n(ú|u)mero de (acessos|requisi(ç|c)(õ|o)es)|troppe richieste|te veel verzoeken|för många förfrågningar|zbyt wiele żądań|слишком много запросов|请求过于频繁|频率超|访问频繁|リクエストが多すぎ|요청이 너무 많|çok fazla istek|забагато запитів", Options, TimeoutMs)]
    private static partial Regex ForeignRate();

    [GeneratedRegex(@"nicht gefunden|existiert nicht|introuvable|n'existe pas|non trouvé|no encontrad[oa]|no se (encontr(ó|o)|ha encontrado|pudo encontrar)|non (è stato )?trovat[oa]|no existe|n(ã|a)o encontrad[oa]|n(ã|a)o localizad[oa]|no localizad[oa]|n(ã|a)o retornou (nenhum )?registros?|nenhum registro|n(ã|a)o existe|não consta|n(ã|a)o cadastrad[oa]|non trovat[oa]|non esiste|niet gevonden|bestaat niet|hittades inte|finnes ikke|nie znaleziono|nie istnieje|не найден|не существует|不存在|未找到|找不到|見つかりません|存在しません|찾을 수 없|존재하지 않|(데이[타터]|자료|결과|정보)(가|는) 없습니다|등록되지 않은|미등록|bulunamadı|bulunmamaktadır|mevcut değil|не знайдено|не існує|не знайден", Options, TimeoutMs)]
    private static partial Regex ForeignNotFound();

    /// <summary>A plan's or a day's call quota used up, in other languages ("호출가능건수 제한", "调用次数已达上限", "上限に達し").</summary>
    [GeneratedRegex(@"호출.{0,10}(제한|초과)|요청.{0,6}(제한|한도).{0,8}초과|한도.{0,6}(초과|제한)|사용량.{0,6}초과|일일.{0,10}(제한|초과)|调用次数.{0,8}(超|上限|用完|不足)|(已达|达到).{0,4}上限|配额.{0,4}(不足|用完|超)|上限に達し|利用上限|呼び出し回数.{0,8}(超|上限)|cuota (excedida|agotada)|quota (dépassé|épuisé|excedida|esgotada|superata|überschritten)|(espa(ç|c)o|cota|cr(é|e)ditos?|saldo) (da empresa |de la empresa |de armazenamento )?(esgotad[oa]s?|agotad[oa]s?)|kontingent (überschritten|erschöpft)|limite (diário|diario|mensal|mensual|quotidien|mensuel) (atingido|alcanzado|atteint)|превышен.{0,10}(лимит|квот)|лимит.{0,20}исчерпан", Options, TimeoutMs)]
    private static partial Regex ForeignQuota();

    [GeneratedRegex(@"existiert bereits|bereits vorhanden|existe déjà|déjà utilisé|ya existe|duplicad[oa]|duplicidade|já existe|già esistente|esiste già|bestaat al|finns redan|finnes allerede|już istnieje|уже существует|已存在|重复|既に存在|이미 존재|zaten (mevcut|var|kayıtlı|kullanılıyor)|вже існує|ya (fue|ha sido|está|se encuentra|posee)|já (foi|está)|est déjà|a déjà été|wurde bereits|ist bereits|è già|уже (отмен|обработан|оплачен|использ|подтвержд)|已(经)?(取消|处理|支付|使用)|既に|이미", Options, TimeoutMs)]
    private static partial Regex ForeignConflict();

    [GeneratedRegex(@"ungültig|fehlerhaft|erforderlich|invalide|obligatoire|incorrect[ea]?\b|inv(á|a)lid[oa]s?\b|obligatori[oa]|obrigatóri[oa]|rejei[cç][aã]o|non valid[oa]|obbligatori[oa]|ongeldig|verplicht|ogiltig|obligatorisk|ugyldig|nieprawidłow|wymagan|неверн|некорректн|обязательн|无效|不合法|不能为空|必填|格式错误|格式不正确|参数(错误|有误|不正确|非法|缺失|不能为空)|缺少(必要|必填)?参数|非法参数|無効|必須|不正な|유효하지 않|잘못된|올바르지 않|부적절한|필수|debe (tener|ser|contener|estar)|deve (ter|ser|conter|estar)|doit (être|contenir)|muss .{1,40} (sein|enthalten)|no coincide|não (confere|coincide|corresponde)|ne correspond pas|no válid[oa]|não válid[oa]|formato|nicht korrekt|ge(ç|c)ersiz|g(ö|o)nderilmedi|n'a pas été (transmis|fourni|renseigné|saisi|indiqué)e?s?|manquant|no (fue|ha sido) (enviad|informad|proporcionad)[oa]|não (foi|foram) (enviad|informad)[oa]s?|hatalı|zorunlu|boş olamaz|невірн|некоректн|обов'язков|недійсн", Options, TimeoutMs)]
    private static partial Regex ForeignInvalid();

    /// <summary>A value of the wrong type in well-formed JSON, as deserializers say it (Jackson, Newtonsoft, serde, Go).</summary>
    [GeneratedRegex(@"cannot deserialize (value|instance) of type|cannot coerce|not a valid representation|cannot construct instance of|could not convert (string|value) to|error converting value|invalid type: \w+ .{1,40}, expected|cannot unmarshal \w+ into (go struct field|go value)", Options, TimeoutMs)]
    private static partial Regex TypeMismatch();

    /// <summary>Rate limit (retrying later helps) or quota (it does not, until the period resets or the plan changes), from a message's words.</summary>
    public static string? LimitKind(string text)
    {
        var rate = RateWords().IsMatch(text);
        var quota = QuotaWords().IsMatch(text);
        if ((!rate && !quota) || (RangeLimit().IsMatch(text) && !CountedCalls().IsMatch(text)))
        {
            // "Limit of 93 days has been exceeded", "maximum of 100 items per request": a bound on what one request asks for.
            return null;
        }
        if (ShortWindow().IsMatch(text))
        {
            return RateLimited;
        }
        var longWindow = LongWindow().IsMatch(text);
        // "Message throttled out … exceeded your quota": throttling is a rate, unless the words name a day, a month or a plan.
        return longWindow || (quota && !Throttled().IsMatch(text)) ? QuotaExceeded : RateLimited;
    }

    [GeneratedRegex(@"\b(limit|maximum|max)( range| span| period| length| size)? (of|is) \d[\d,.]*\s*(days?|months?|years?|weeks?|items?|records?|rows?|results?|entries|elements?|ids?|characters?|chars?|symbols?|bytes?|objects?|lines?|points?)\b(?! per\b)", Options, TimeoutMs)]
    private static partial Regex RangeLimit();

    [GeneratedRegex(@"\b(requests?|calls?|queries|messages|api|hits|attempts)\b|\bper (second|minute|hour|day|month)\b|\b(daily|monthly|hourly)\b|\bplan\b|\bquota\b|\brate\b", Options, TimeoutMs)]
    private static partial Regex CountedCalls();

    /// <summary>True when the words name a limit's window of a day or a month ("per month", "daily", "this month", "for today"), or a budget.</summary>
    public static bool NamesCalendarWindow(string text)
    {
        try
        {
            return CalendarWindow().IsMatch(text.Length > 1500 ? text[..1500] : text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\bper (day|month)\b|\bdaily\b|\bmonthly\b|\b(this|each|a|per) (calendar )?(day|month)\b|\b(for|until) today\b|\bbudget\b", Options, TimeoutMs)]
    private static partial Regex CalendarWindow();

    /// <summary>
    /// True when the words name a permission precisely and say nothing of credentials but a bare "unauthorized" ("User does
    /// not have the permissions required for this action [error-unauthorized]").
    /// </summary>
    public static bool PermissionBesideBareUnauthorized(string text)
    {
        var t = text.Length > 1500 ? text[..1500] : text;
        try
        {
            return PreciseP().IsMatch(t) && BareUnauthorized().IsMatch(t) && !CredentialWords().IsMatch(BareUnauthorized().Replace(t, " "));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when the words name a permission precisely ("not allowed to create", "does not have permission to"): only then do
    /// they turn a 401 (about credentials) into a permission problem; "Forbidden" or "not authorized to access" do not.
    /// </summary>
    public static bool SaysPermissionPrecisely(string text) => PreciseP().IsMatch(text.Length > 1500 ? text[..1500] : text);

    [GeneratedRegex(@"\bip( address)?\b[^:;]{0,30}?\b(not (whitelisted|permitted|authori[sz]ed|in (the |your )?(white|allow) ?list)|(?<!method )not allowed\b(?! in\b)|is (blocked|restricted|denied)|blacklisted)|\bnot allow(ed)? ip\b", Options, TimeoutMs)]
    private static partial Regex IpNotAllowed();

    [GeneratedRegex(@"\bunauthori[sz]ed\b", Options, TimeoutMs)]
    private static partial Regex BareUnauthorized();

    [GeneratedRegex(@"not allowed to \w+|permission to \w+|permission denied|insufficient (permissions|privileges)|does not have (the )?(required )?(permission|rights|privileges)|missing (the )?.{0,40}\b(permission|privilege)\b|not authori[sz]ed to perform|perform (this )?action|\bonly (the )?(admin(istrator)?s?|administrative users|(account |project |workspace )?owners?|super ?users?|moderators?)\b.{0,30}\b(can|may|are allowed|is allowed|have access|are permitted)\b", Options, TimeoutMs)]
    private static partial Regex PreciseP();

    /// <summary>True when the text says a credential expired.</summary>
    public static bool SaysExpired(string text) => ExpiredWords().IsMatch(text.Length > 1500 ? text[..1500] : text);

    /// <summary>
    /// True when a short text says the call failed in words no success uses: a rate limit or quota, credentials that are
    /// wrong or missing, access denied (a plain-text answer under 200).
    /// </summary>
    public static bool SaysCallFailed(string text) =>
        text.Length <= 300 && (RateWords().IsMatch(text) || QuotaWords().IsMatch(text) || CredentialWords().IsMatch(text) || AccessDenied().IsMatch(text));

    [GeneratedRegex(@"^\W*(access denied|permission denied|forbidden|not authori[sz]ed|unauthori[sz]ed)\b", Options, TimeoutMs)]
    private static partial Regex AccessDenied();

    /// <summary>
    /// True when the text says something was not sent: missing, required, empty, not present ("Field payment is required",
    /// "name field missing", "Required int parameter 'id' is not present", "No comment content.", "Zorunlu alan …").
    /// </summary>
    public static bool SaysAbsent(string text) => AbsentWords().IsMatch(text.Length > 1500 ? text[..1500] : text);

    [GeneratedRegex(@"\bmissing\b|\brequired\b|\bmandatory\b|\bobligatory\b|\bnot (been )?(present|provided|specified|supplied|given|set|sent|passed)\b|\b(is|are|was|were) (empty|blank|null)\b|\b(can'?t|cannot|can not|may not|must not) be (blank|empty|null|omitted)\b|\bno \w+ (content|value|given|provided|specified)\b|\bplease (add|provide|specify|supply|include|enter|pass)\b|\byou must (specify|provide|supply|include|enter|pass|set|give)\b|\b(need|needs|have|has) to (specify|provide|supply|include|enter|pass|give)\b|\bneeds? to be (set|provided|specified|given|supplied|filled)\b|\bis not an? (string|number|integer|int|boolean|bool|array|list|object|float|decimal|date)\b|\bobligat[oó]ri[oa]\b|\bobrigat[oó]ri[oa]\b|\berforderlich\b|\bfehlt\b|\brequis[e]?\b|\bmanquant[e]?\b|\bzorunlu\b|\bfalta\b", Options, TimeoutMs)]
    private static partial Regex AbsentWords();

    /// <summary>True when the text speaks of a header or cookie ("Missing header: X-On-Behalf-Of"): a name there is not a body member.</summary>
    public static bool NamesAHeader(string text) => HeaderWords().IsMatch(text.Length > 1500 ? text[..1500] : text);

    [GeneratedRegex(@"\b(headers?|cookies?)\b", Options, TimeoutMs)]
    private static partial Regex HeaderWords();

    /// <summary>True when the text says a scope is missing.</summary>
    public static bool SaysScope(string text) => ScopeWords().IsMatch(ResourceScope().Replace(text.Length > 1500 ? text[..1500] : text, " "));

    [GeneratedRegex(@"\b[\w\-]+(?:(?:[./]|::)[\w\-*]+)+", Options, TimeoutMs)]
    private static partial Regex DottedName();

    [GeneratedRegex(@"\b(?:over|at|within|on|for)\s+(?:the\s+)?scope\s+['""`]?/[^\s'""`]*['""`]?", Options, TimeoutMs)]
    private static partial Regex ResourceScope();

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

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const int TimeoutMs = RegexBudget.Milliseconds;

    [GeneratedRegex(@"\bscopes?\b.{0,60}?\b(missing|insufficient|not (been )?granted|required|requires?|does ?n[o']t match|lacks?|needs?|not sufficient|mismatch)\b|\b(does not|doesn't) (contain|have|include)\b.{0,40}?\bscopes?\b|\b(missing|insufficient|lacks?|requires?|required|needs?|not granted|approval for)\b.{0,80}?\bscopes?\b|\bscopes? (is |are )?not (allowed|permitted)\b|\boutside (of )?(the |your |its )?(authori[sz]ed|granted|allowed|permitted) scopes?\b", Options, TimeoutMs)]
    private static partial Regex ScopeWords();

    [GeneratedRegex(@"\bjwt ?expired\b|\bsession (has been |was |is )?(terminated|timed out)\b|\bre-?log ?in\b|\btoken_?expired\b|\b(tokens?|session|credentials?|jwt|api[ _-]?key|key|signature|login|authentication|certificate|grant|password|(?<!\b(verif\w*|otp|sms|confirmation|security|one[- ]time|promo|coupon|discount|gift|voucher|activation|reset|invite|invitation) )code|consent|ticket)\b.{0,60}?\b(has |have |is |was )?expired\b|\bexpired\b.{0,30}?\b(tokens?|session|credentials?|jwt|grant)\b|\binvalid_grant\b|\bexpired_(token|session|credentials?|jwt|key)\b", Options, TimeoutMs)]
    private static partial Regex ExpiredWords();

    [GeneratedRegex(@"\b(invalid|incorrect|wrong|bad|unknown|missing|revoked|not found|malformed)\s+or\s+(has\s+(been\s+)?)?expired\b|\binvalid\s+(token|session|key|credentials?)\s+or\s+(token|session|key|credentials?)\s+(has\s+)?(expired|timed out)\b|\bexpired\s+or\s+(is\s+|was\s+|has\s+been\s+|been\s+)?(invalid|incorrect|revoked|not found|missing|unknown|malformed|does not exist|deleted)\b", Options, TimeoutMs)]
    private static partial Regex InvalidOrExpired();

    [GeneratedRegex(@"rate[ _-]?limit|too many (requests|calls|attempts|visits|tries)|throttl|too frequent|too often|request frequency|frequency limit|flow control|slow down|rate exceeded|budget (is )?(exhausted|exceeded)|reached (the|your|its) .{0,30}\blimit\b|exceed(ed|ing|s)? .{0,40}\blimit|requests? per (second|minute|min)\b|\b(rpm|tpm|rps)\b|secondly limit|(?<!\btime ?)limits? (is |are |has been |have been |was |were )?(exceeded|reached)|\brate restrict|\bone request\b.{0,60}\bat a time\b|\b(run|try|call|used?|requested|sent) again\b.{0,30}?\b(in|for|after) (another |the next )?\d+\s*(seconds?|secs?|s|minutes?|mins?)\b|exceeded .{0,30}\blimit\b|(?<!\btime ?)\blimit\b.{0,30}\bexceeded|\btoo (fast|quickly)\b|\bexceed(ed|ing|s)? (the |your )?(access |request |call |api |calling )?rate\b|\b(maximum|max|limit|number) (number )?of (simultaneous|concurrent|parallel) (connections|requests|calls|sessions)\b|\b(times|messages|queries) (per|a|each) (second|minute|min|hour)\b|\b(maximum|max|number of)\b[^.]{0,30}\b(attempts|tries|retries)\b[^.]{0,20}\b(exceeded|reached)\b", Options, TimeoutMs)]
    private static partial Regex RateWords();

    [GeneratedRegex(@"\bquota|\boverage\b|\b(api |request |query )?(units?|credits?|points?|requests?|calls?|quer(y|ies)) balance (is |has been )?(zero|0|exhausted|empty|depleted|used up)\b|\b(used (up )?all|exhausted|ran out of|run out of)\b[^.]{0,50}?\b(for|this) (today|the day|this month|the month)\b|\bbudget (has been |was |is )?(exhausted|exceeded|reached|used up)|\b(exceeded|reached|over) (your |the |its |their )?(\w+ )?budget\b|\b(storage|database|db|mailbox) (space|size|storage) (limit )?exceeded\b|\btrial( period)?\b.{0,40}?\b(is over|has ended|has expired|expired|ended)\b|no credits? (left|remaining)|\bcredits? (is |are )?(low|exhausted|insufficient|depleted)\b|\bno (more )?credits\b|daily limit|monthly limit|usage cap|\bcap exceeded|\bper (day|month)\b|billing(?! (address|pin|post|zip|city|country|state|name|e-?mail|phone|street|first|last|line|company|contact|roles?|permissions?|admin|administrator|manager|settings|access))|exceeded your current|credit balance|out of (api )?credits|insufficient credits|not enough credits|\b(no|not|insufficient)\b[^.]{0,24}\benough (api |account )?credits?\b|\b(used (up )?all|exhausted|depleted|ran out of|run out of|no more)( of)? (your |the |its |all )?(available )?(api |request |call )?(credits?|quota|allowance|units)\b|maximum number of (daily|monthly)\b|(daily|monthly) (result |request |call |api )?(records|requests|calls|allowance)|plan limit|upgrade your plan|TotalRequests|\b(request|usage|monthly|daily|api|call) cap (reached|exceeded|hit)\b|\b(reached|exceeded|hit) (the|your) (maximum|max|limit) (number )?of \w+(?: \w+)? (allowed|permitted|available|included)\b|\bexceeded the (maximum )?number of (allowed|permitted|available|licensed)\b|\ballowance (is |has been |was )?(exhausted|used up|exceeded|depleted)\b|\bincluded (in|with) your (\w+ )?(plan|subscription|tier)\b|(?<!\b(rate|size|length) )\b(maximum|max|limit|reached|exceeded)\b(?! (file |upload |request |payload |body )?size\b)(?![^.]{0,60}\brate limit)[^.]{0,60}\b(for|on|in|of|under|allowed by) (your|this|the|the current|your current) (\w+ )?(plan|subscription|tier|licen[cs]e|edition)\b", Options, TimeoutMs)]
    private static partial Regex QuotaWords();

    [GeneratedRegex(@"\bper (second|minute|min|hour)\b|\b(rpm|tpm|rps)\b|secondly|hourly|per \d+ seconds|burst|concurrent|try again in \d|retry (again )?(after|in) \d|requests per min|reset in \d+ seconds|in a short (time|period|space)|please wait|per-(second|minute)|queries-per-second|\bper \d*\s*(s|sec|m|min|h)\b|\b(current|this|next|each|a|the) (second|minute)\b|momentarily", Options, TimeoutMs)]
    private static partial Regex ShortWindow();

    [GeneratedRegex(@"\bper (day|week|month|year)\b|\b(for the|next|each|this) (day|week|month|year)\b|\b(weekly|yearly|annual)\b|\b(for|until) today\b|\btoday'?s\b|\bbudget\b|daily|monthly|/ ?month\b|\bday limit|billing(?! (address|pin|post|zip|city|country|state|name|e-?mail|phone|street|first|last|line|company|contact|roles?|permissions?|admin|administrator|manager|settings|access))|\bplans?\b|credits?\b|insufficient_quota|current quota|subscription|\btrial\b|usage cap|\b(resource|instance|account|storage|droplet|project|seat|feed|device|user|member|contact|list|file|upload|site|domain|workspace|repository|repo|webhook|integration|campaign|subscriber|dashboard|team|bucket|collection|index|api key|key|token|app|application)s? limit|limits? for (your|this) (account|client|project)|\busage limits?\b|increase (your|the) limit|contact (us|support)|contact (the|your) (\w+ )?administrator", Options, TimeoutMs)]
    private static partial Regex LongWindow();

    [GeneratedRegex(@"\bre-?(authori[sz](e|ation|ing)|consent|grant)\b", Options, TimeoutMs)]
    private static partial Regex Reauthorize();

    [GeneratedRegex(@"\bprivileges?\b|\bscopes?\b", Options, TimeoutMs)]
    private static partial Regex Privileges();

    [GeneratedRegex(@"throttl", Options, TimeoutMs)]
    private static partial Regex Throttled();

    [GeneratedRegex(@"payload (size )?(exceeds|is too (large|big)|too large)|\b(content|request|body|file|upload|message|document|data) size exceeds\b|request entity too large|(request|body|payload|content|upload|file) (is |was )?too (large|big)|request too long|exceeds the (maximum )?(request|payload|body|upload) size|maximum (request|payload|body) size|\bsize\b.{0,15}?\btoo (large|big)\b|\b(message|signal|attachment|image|document|entity|data|batch) (size )?(is |was )?too (large|big)\b|\b(file|upload|attachment|image|document|payload|body|request) (size )?(is|was) (larger|bigger) than \d[\d.,]*\s*(bytes?|[kmgt]i?b)\b", Options, TimeoutMs)]
    private static partial Regex PayloadWords();

    [GeneratedRegex(@"unsupported media type|(unsupported|unacceptable|invalid|wrong) content[- ]type|\b(invalid|missing|wrong|unsupported)\b[\w ]{0,20}?\bheader\s+['""`]?content[- ]type\b|\bonly\b.{0,40}\bcontent[- ]type\b.{0,20}\b(is |are )?(supported|accepted|allowed)|\baccept header\b.{0,30}?\b(missing|invalid|not supported|unsupported|must)|(?<!\b(is|are|was|were|be|seems) )not acceptable|content[- ]type\b.{0,40}?\b(is )?(not supported|unsupported|not allowed|must be|expected|invalid)|\b(file ?type|media[- ]?type|mime[- ]?type)\b.{0,60}?\b(isn't|is not|not) (supported|accepted|allowed)", Options, TimeoutMs)]
    private static partial Regex MediaTypeWords();

    [GeneratedRegex(@"problems? parsing|\bdecoding (the )?(request )?body\b|invalid character '.{1,4}' (looking for|after|in)|unexpected end of json input|(error|fail(ed|ure)?|unable|could not|couldn't|cannot|can't) (to )?(parse|decode|deserialize|read) (the |your |this )?(json|body|request|payload|input)|(invalid|malformed|bad|unparsable|unparseable) (utf-8 )?(json|xml|request body|body)|could not be (parsed|decoded|deserialized)( as (json|xml))?|\bparser? error\b|not well[- ]formed|unexpected input|error in xml document|json (parse|parsing|syntax|decode) error|not (a )?valid json|unexpected (token|end of (json|input)|character)|body should be a json|request body (is )?(malformed|missing|empty|not valid)|invalid start of a value|syntax error|\b(json|xml)\b (object |body |payload |document |string |data |request )?(you sent |sent |provided |supplied |given )?(is|was) (invalid|malformed|not valid)|(error|fail(ed|ure)?|unable|could not|couldn't|cannot|can't) (to )?(parse|decode|deserialize|read) (the )?(xml|xml-rpc|soap|json-rpc|yaml|csv|graphql)\b|premature end of (file|input|stream|document)", Options, TimeoutMs)]
    private static partial Regex MalformedWords();

    [GeneratedRegex(@"\b(api[ _-]?key|apikey|access[ _-]?token|auth[ _-]?token|credentials|authentication|login and password|username and password)s? (is |are )?(required|missing|needed)\b|\bmissing (an? |the )?(api[ _-]?key|apikey|access[ _-]?token|credentials)\b|invalid api[ _-]?key|\b(apikey|(api|integration|secret|app|merchant|access|private|client|partner|account|auth|license|subscription)[ _-]?(key|token)|access[ _-]?token|auth[ _-]?token)\b.{0,30}?\b(has not been set|is not set|not registered|is not registered|not recogni[sz]ed|is missing|not provided|not found|(has )?not (been )?generated)|(wrong|incorrect|invalid|bad) (user |login |account )?credentials|(?<!(card|payment|transaction|charge|capture|pre) )\bauthori[sz]ation fail(ing|ed|s)?\b(?![^.]{0,40}\b(funds|card|declined|payment|amount))|invalid (api )?key\b|\b(incorrect|wrong) (api |access |secret )?key\b(?! ?['""`:])|api[ _-]?key (is |was )?(invalid|not valid|incorrect|missing)|bad credentials|\bsign[ -]?in\b|authentication information|authorization failure|username and/or password|password is incorrect|incorrect password|\b(incorrect|invalid|wrong|bad) (user ?name|login|e-?mail|account) ?(or|and|/) ?password\b|token not found|credentials (are |is )?(missing|invalid)|(authorization|security) header|signature .{0,30}(not valid|invalid|does not match)|invalid client\b|invalid ((access|auth|bearer|oauth|authentication|api|refresh|id)[ _-]?){0,2}token|(?<!\b(page|next|prev|previous|continuation|cursor|sync|pagination|resume|upload|idempotency)[ _-]?)(token|credentials?) (is |are |was )?(invalid|revoked|not valid|malformed)|\bunauthori[sz]ed\b(?! (to|for|operation|action|access))|not authenticated|authentication (failed|required|credentials were not provided|is required)|invalid (authentication |user )?credentials?\b|invalid signature|(missing|no) (api key|authorization header|credentials|auth(entication)? token)|session (is )?(invalid|not valid)|invalid authentication|invalid session|authentication error|\blog ?in (failed|required)\b|failed to authenticate|not properly authenticated|authentication key|\blog ?in first\b|\b(must|need to) (first )?log ?in\b|\b(must|need to|have to) be (logged|signed) ?in\b|\b(invalid|incorrect|wrong)\s+(\w+\s+){0,2}(login|api[ _-]?key|password)\b|\b(incorrect|invalid|wrong|unrecogni[sz]ed|unknown|bad)\s+[`'""]?(app|auth|client|secret|private|session|refresh|user)[ _-]?(key|token|secret|password)\b|\b(not|no longer) (logged|signed) in\b|\b(invalid|incorrect|wrong|bad|unrecogni[sz]ed|unknown)\s+[`'""]?[a-z]{0,12}_?(api|access|auth|secret|app|dev|client)_[a-z_]{0,12}(key|token|secret)\b|\b(api[ _-]?key|apikey|api[ _-]?token|access[ _-]?token|auth[ _-]?token|client[ _-]?secret|login credentials|(licen[cs]e|subscription|secret|access|developer|merchant)[ _-]?key|access licen[cs]e( number| key)?)\b[^.]{0,40}?\b(incorrect|not recogni[sz]ed|wrong|is unknown|not valid|invalid|has the wrong length)\b|\b(invalid|incorrect|wrong|unknown)\s+access\s+licen[cs]e\b|\b(incorrect|invalid|wrong|unrecogni[sz]ed|unknown|bad)\s+[`'""]?(api[ _-]?key|apikey|access[ _-]?token|api[ _-]?token|login credentials|credentials)\b|recogni[sz]e your (api )?key|could not be authenticated|failed authentication|\bsign invalid\b|\bincorrect (login )?credentials|\b(app|client|merchant|partner|consumer)[ _-]?(id|key|secret)\b.{0,20}?\b(invalid|incorrect|wrong|unknown|not (exist|valid|found|recogni[sz]ed))|\b(invalid|incorrect|wrong|unknown)\s+(app|client|merchant|partner|consumer)[ _-]?(id|key|secret)\b|\bsign(ature)?\b.{0,20}?\b(error|mismatch|failed|failure|incorrect|wrong)\b|\b(verify|check|verification|validate|validation)\w* (of )?(the )?sign(ature)?\b.{0,20}?(fail|error)|\bauth(entication|orization)? (error|failure|fail|failed)\b|\bnot logged (on|in)\b|\b(missing|no) (request )?signature\b|\bsignature (is |was )?(missing|required|not (provided|supplied|given|present))\b|\b(checksum|hmac)\b.{0,30}?\b(fail\w*|mismatch|error|invalid|incorrect|wrong|(did|does) not match)\b|\bdid not pass the (\w+ ){0,2}(security|checksum|signature|authentication|auth) check\b|\b(token|api[ _-]?key|access[ _-]?key|app[ _-]?key|credentials?)\b (is |does |do )?not exists?\b|\binvalid\s+(subscribe|publish|secret|public|access|app|application|developer|consumer|license|licence|account|merchant|partner|master|server|signing|webhook)\s+key\b|\b(not|never) (supplied|provided|passed|sent|given|included)\b.{0,20}?\b(api|access|app|auth|secret|private)([ _-]?access)?[ _-]?(key|token)\b|\bfailed (to )?log ?in\b|\bfailed login\b|\b(unable to|could not|couldn't|cannot|can ?not|can't) (log ?in|sign ?in|authenticate)\b|\bauthori[sz]ation has been denied for this request\b|\b(invalid|incorrect|wrong|bad|missing) (\w+ )?authori[sz]ation( header| token| key| string)?\b(?! (code|request|hold|amount|number|for (this|the) (card|payment|transaction)))", Options, TimeoutMs)]
    private static partial Regex CredentialWords();

    /// <summary>
    /// A token said to be wrong, unknown or missing ("bad token", "Token Required", "The login token ID is invalid", "Invalid
    /// push token"), not a page's, a form's or a device's token.
    /// </summary>
    [GeneratedRegex(@"\b(?:invalid|bad|wrong|incorrect|unknown|unrecogni[sz]ed)\s+(?!(?:page|next|prev|previous|continuation|cursor|sync|pagination|resume|upload|idempotency|csrf|xsrf|captcha|reset|verification|confirmation|invite|invitation|device|registration|fcm|apns|card|payment|mfa|otp|2fa|totp|sms)\b)(?:[a-z]+\s+)?token\b|(?<!\b(?:page|next|continuation|cursor|sync|pagination|csrf|xsrf|captcha|device|card|payment|reset|mfa|otp|2fa|totp|sms)\s+)\btoken(?:\s+id)?\s+(?:is\s+)?(?:invalid|required|missing|unknown)\b", Options, TimeoutMs)]
    private static partial Regex TokenVerdict();

    [GeneratedRegex(@"\b(?:cannot|can ?not|unable to|not able to)\s+(?:be\s+)?(?:add|post|create|submit|insert|register|send)(?:ed)?\b.{0,40}?\b(?:again|repeatedly|twice|more than once)\b|\bhas\s+(?:already\s+)?existed\b", Options, TimeoutMs)]
    private static partial Regex RepeatedPost();

    [GeneratedRegex(@"\b(?:function|feature|functionality|method|service|module|integration|option|api|endpoint)\s+(?:is\s+|has\s+been\s+)?(?:disabled|not\s+enabled|turned\s+off|deactivated)\b|\bmust\s+be\s+enabled\b|\b(?:premium|paid|pro|business|enterprise)\s+(?:account|plan|subscription|membership|tier)\s+(?:is\s+)?(?:required|needed)\b", Options, TimeoutMs)]
    private static partial Regex FeatureOff();

    [GeneratedRegex(@"\binvalid\s+request\s+(?:path|url|uri)\b|\b(?:unknown|invalid|unsupported|unrecogni[sz]ed)\s+(?:api\s+)?(?:endpoint|route)\b(?!\s*(?:key|param|parameter|variable|name|id|value)\b)|\bno\s+(?:such\s+)?(?:route|endpoint)\b", Options, TimeoutMs)]
    private static partial Regex UnknownRoute();

    [GeneratedRegex(@"\blogged\s+out\b.{0,30}?\b(?:inactivity|idle|timeout|timed\s+out)\b|\bsession\s+(?:has\s+)?(?:timed?\s*-?\s*out|timeout)\b", Options, TimeoutMs)]
    private static partial Regex SessionEnded();

    [GeneratedRegex(@"\b(?:subscription|trial|membership)\b.{0,30}?\b(?:has\s+)?(?:lapsed|expired|ended|been\s+cancel+ed)\b", Options, TimeoutMs)]
    private static partial Regex SubscriptionEnded();

    [GeneratedRegex(@"\b[cx]srf\b|\bcrumb\b|cross[- ]site request forgery|cloudflare|\bincapsula\b|^just a moment\.\.\.|enable javascript and cookies to continue|request blocked|web application firewall|\bwaf\b|request could not be satisfied|bot protection|captcha|invalid (request |client |source )?ip\b|unregistered ip\b|\bip (address )?(is )?not (allowed|whitelisted|allowlisted|authori[sz]ed|permitted)|not (in|on) (the |your )?(ip )?(whitelist|allowlist)|request time too skewed|clock skew|insufficient (funds|balance|margin)|(balance|funds) (is )?(insufficient|not enough)|not enough (funds|balance|money)|time (difference|skew)\b.{0,60}\btoo (large|big)|\b(card|payment|transaction|charge|purchase|authori[sz]ation(?! has been denied for this request)|capture|refund|transfer|withdrawal|deposit|order)s?\b.{0,30}?\b(was |has been |is |were )?(declined|rejected|denied|not (approved|authori[sz]ed))\b|\bdeclined\b|do not honou?r|\b(recipient|contact|subscriber|number|address|user)s?\b.{0,30}\b(has |have |is |are )?(unsubscribed|opted[ -]out)\b|\b(recipient|contact|subscriber|e-?mail address|phone number)s?\b.{0,30}\b(is |are |has been |have been |was )?(blocked|blacklisted|blocklisted|suppressed|bounced)\b|\b(was |has been |is )?blocked by the (user|recipient|member|contact|customer|subscriber|chat)\b|\b(user|recipient|member|contact|customer|subscriber) (has )?blocked (the |this |your )?(bot|app|application|sender|account)\b|\bdue to (previous |prior |earlier |repeated )?(complaints?|bounces?|spam reports?)\b|\b(on|in) (the |a |your )?suppression list\b|inappropriate content|\bcontent (moderation|management|safety) (policy|system|filter)|flagged by (our|the) (content|moderation|safety)|\bsafety system\b|\bcontent[_ ]filter\b|\bfraud|\b(card|account|merchant|terminal|user|customer|application|app|company|organi[sz]ation|partner|store|shop|tenant|workspace) (is |has been |was )?(suspended|disabled|blocked|frozen|closed|deactivated|inactive|restricted|banned|locked|cancell?ed)\b|\byou('re| are| have been) (banned|blocked|suspended)\b|\b(api )?access (is |has been )?disabled\b|\bnot (\w+ )?(enabled|activated|supported) (for|on) (your|this|the) (account|merchant|terminal|plan|card|subscription|tier|package)\b|\brequires? (a |an )?(higher|paid|premium|upgraded|different|enterprise|pro|business) (tier|plan|subscription|package|account|license|licence)\b|\b(domain|sender|number|account|e-?mail) (verification|validation) is required\b|\bexceeds? (the )?(available |remaining |original )?(amount|balance|limit)\b", Options, TimeoutMs)]
    private static partial Regex RejectedWords();

    [GeneratedRegex(@"(?<!\b(?:field|param|parameter|argument|attribute|property|column|key)\s)\bnot found\b|does not exist|doesn't exist|\bnot exists?\b|\bresource\b.{0,60}\bnot available\b|no longer exists|\bno such\b(?! (column|field|param|parameter|attribute|property|key|option|argument)s?\b)|could not be found|cannot be found|(could not|couldn't|unable to|cannot|can't) find\b(?! (a |an |any |the )?(way|route|match|matching|valid|suitable|end|start|beginning))|unknown (resource|object|endpoint|operation|method|command|procedure|function|action|api)\b|\bno such (command|method|procedure|function|endpoint|action)\b|\bunknown (table|database|bucket|index|collection|queue|topic)\b|\bunknown \w+ (id|identifier)\b|\b(method|command|procedure|function|action|endpoint)( name)? (was |is )?not (recogni[sz]ed|known|found)|did not recognize the value of http header soapaction|contractfilter mismatch|\bno (data|records?|entries|matches|matching (records?|entries|items|results))( (were |was )?found)?\b(?! (to|in the request))|\bno (?!(errors?|problems?|issues?|warnings?|changes?)\b)(\w+ ){1,2}(were |was |is |are |could be |can be )?found\b|\bnothing (was )?found\b", Options, TimeoutMs)]
    private static partial Regex NotFoundWords();

    /// <summary>
    /// "Mandatory argument username is not found", "required parameter 'id' not found in the request": an input the request
    /// lacks (a value missing), not a thing that does not exist.
    /// </summary>
    [GeneratedRegex(@"\b(mandatory|required|obligatory|missing)\s+(query\s+|request\s+|body\s+)?(argument|parameter|param|field|attribute|property|header|key|value)\s+['""`]?[\w.\-\[\]]{1,60}['""`]?\s+(is\s+|was\s+)?not\s+found\b", Options, TimeoutMs)]
    private static partial Regex NamedInputNotFound();

    [GeneratedRegex(@"already exists|please use another|\b(domain|name|username|user name|e-?mail|handle|slug|subdomain|nickname)( name)? (is )?(already )?(taken|in use)\b|no longer available|(already|been) booked|(taken|booked|reserved) by another|has been (paid and )?utili[sz]ed|already have (a|an)\b|already (been )?(assigned|used|registered)|\bduplicat(e|ed|es)\b|\bconflict|version mismatch|has been modified|already (been )?taken|must be unique|\bunique (value|constraint)|uniqueness|previously (used|published)|publish over|already in (use|the database|database)|\bis already (a|an|in|the)\b|stale object|at the same time|\b(page|file|document|record|resource|item|object|entry|row|table|node|article|issue|ticket|repository|branch)s? (is |are |was )?(currently |already )?locked\b|cannot be (deleted|removed) because|\b(cannot|can'?t|can not|unable to) (delete|remove) .{1,60}\bbecause\b|\b((is|are) (still )?)?referenced by\b|\b(is|are) (still )?(in use|used) by\b|\breferences? from\b|\bhas (dependent|child|associated|linked) (records|objects|items|resources)|\b(that|which|because it|it) still (has|have|contains?|holds?) (active |existing |open |running |attached |linked )?\w+|\blocked by (another|someone|a different)|\balready (been )?(added|created|exists?|registered|subscribed|submitted|processed|completed|cancel+ed|confirmed|approved|deleted|removed|paid|refunded|captured|voided|activated|linked|connected|joined|verified|accepted|revoked|imported|uploaded|used)\b|\b(current|invalid|illegal|wrong|unexpected) state\b|\bin (the |its |their |this |that )?(current |present )?state\b|\bstate transition|\bcannot (be )?transition|\b(was |been |has been )?modified (since|by another)|\bhas (status|state) \w+ and (cannot|can't|can not)|\bcannot (\w+ )?(a |an |the )?(running|active|locked|pending|processing|published|archived|closed) \w+|\b(is|are) (currently )?(running|in progress|being (processed|modified|updated|deleted))\b", Options, TimeoutMs)]
    private static partial Regex ConflictWords();

    [GeneratedRegex(@"\bpermissions?\b|\bforbidden\b|unauthori[sz]ed for\b|not authori[sz]ed for\b|not allowed to|access (is )?denied|insufficient (\w+ )?privileges|not authori[sz]ed to|n't authori[sz]ed to|unauthori[sz]ed to|does not have access|do(es)? not have (the |sufficient |enough )?(required )?(access|rights|privileges|feature)|request not authori[sz]ed|not permitted|not accessible|\b(admin|write|read|owner) (rights|access|role)\b|\bno access (to|for)\b|\bno (privilege|permission|right)s? (to|for)\b|\bnot entitled\b|^\W*unauthori[sz]ed (operation|action)\b|\bfor (subscribers|members|premium (users|members|subscribers)) only\b|\bonly (the )?(admin(istrator)?s?|administrative users|(account |project |workspace )?owners?|super ?users?|moderators?)\b.{0,30}\b(can|may|are allowed|is allowed|have access|are permitted)\b|\b(admin(istrator)?|owner|super ?user)s? only\b", Options, TimeoutMs)]
    private static partial Regex PermissionWords();

    [GeneratedRegex(@"\binvalid\b|is required|\bno such (column|field|param|parameter|attribute|property|key|option|argument)s?\b|not supplied|\b(less|lower|smaller|greater|more|higher) than the (minimum|maximum|allowed)|\bbelow the minimum|\babove the maximum|missing required|\b(param(eter)?|field|argument|value)s? (is |are )?(missing|not present)\b|\bmissing\b.{0,20}\b(param|parameter|field|argument|value|input)s?\b|\bmust (be|not|have|contain)\b|should be|can'?t be blank|cannot be blank|is not (a )?valid|not a valid|expected type|wrong type|\bwrong (field|param|parameter|value|format|argument|input|date|number)s?\b|out of range|too (long|short)|validation|not the correct type|\b(enter|provide|specify|supply) (a |an |the )?valid\b|\bexpects? (exactly |at least )?(a|an|one|two|three|\d+) (more )?(parameter|argument|value)s?\b|\byou must (specify|provide|supply|include|enter|pass|set|give)\b|\b(need|needs|have|has) to (specify|provide|supply|include|enter|pass|give)\b|\bneeds? to be (set|provided|specified|given|supplied|filled)\b|\bis not an? (string|number|integer|int|boolean|bool|array|list|object|float|decimal|date)\b|\bplease (specify|provide|supply|include|enter)\b|\b(param(eter)?|argument|field|format|input) (format )?error\b|\berror in (the )?(param(eter)?|argument|field|format|input)s?\b|\btoo (few|many) (param(eter)?s|arguments|values|fields|items)\b|\b(unknown|unrecogni[sz]ed|unexpected|unsupported|unpermitted|unallowed|illegal) (query |request |body |input )?(param(eter)?|field|argument|attribute|property|option|key|column|input)s?\b", Options, TimeoutMs)]
    private static partial Regex InvalidWords();

    [GeneratedRegex(@"internal (server |application |system |service )?error|\bserver error\b|something went wrong|unexpected (error|exception)|service (is )?unavailable|temporarily unavailable|bad gateway|\bsystem (error|failure|exception|is busy|busy)\b|\bgeneral (system )?(error|failure)\b|\bunknown (error|exception)\b|\bbackend (error|failure|exception)\b|\bdatabase (error|exception|failure)\b|\b(unable|failed|could ?n[o']t|cannot|can't) (to )?(connect|communicate|talk) (to|with) (the )?(database|db|backend|upstream|server|storage)\b|\btechnical (error|problem|issue|difficult)|\b(service|server|system) (is )?(temporarily |too |very )?(down|overloaded|busy)\b|\b(is|are) (currently |temporarily )?down\b(?! to\b)|\bunder maintenance\b|\berror (has )?(happened|occurred|occured) (while|when|during)\b|object reference not set to an instance|\bnull ?(pointer|reference) ?exception\b|\bcannot read propert(y|ies) of (undefined|null)\b|\bcall to (a member function|undefined (function|method))\b|\bundefined (method|local variable or method)\b|\bnomethoderror\b|\bsegmentation fault\b|\btraceback \(most recent call last\)|\b\w+ object has no attribute\b|\bstack ?overflow ?(error|exception)\b", Options, TimeoutMs)]
    private static partial Regex ServerWords();

    [GeneratedRegex(@"\btimed? ?out\b|\btime-out\b|\btimeout (exceeded|expired|reached|elapsed)|deadline exceeded|took too long|(execution|query|statement|request) time(out)? (limit )?(exceeded|reached)|exceeded (the )?(maximum |max |allowed )?(execution|query|statement|processing) time|\btime ?limit (exceeded|reached|expired)|\bexceed(ed|s)? (the |its |your )?(\w+ )?time ?limit\b|\b(did ?n[o']t|failed to|could ?n[o']t|unable to) (respond|reply|answer|complete|finish) (in time|within)\b", Options, TimeoutMs)]
    private static partial Regex TimeoutWords();

    /// <summary>
    /// "Use method POST instead", "HTTP method GET is not allowed", "method not allowed", "accepts POST requests only", "only GET
    /// is allowed": the HTTP method is wrong.
    /// </summary>
    [GeneratedRegex(@"\bmethod not allowed\b|\b(wrong|invalid|incorrect|unsupported|bad) (http |request |https? request )?method\b|\buse (the )?(http[- ])?(method |verb )?(get|post|put|patch|delete)( method| verb)? instead\b|\b(http[- ])?(method|verb) ['""]?(get|post|put|patch|delete|head)['""]? (is )?not (allowed|supported|safe|permitted)|\bnot safe\b.{0,40}\bhttp[- ]method\b|\b(get|post|put|patch|delete|head) (method |requests? )?(is |are )?not (allowed|supported|permitted)\b|\b(accepts?|allows?|supports?) (only )?(http )?(get|post|put|patch|delete)( method| requests?| calls?)? only\b|\bonly (http )?(get|post|put|patch|delete)( method| requests?| calls?)? (is |are )?(allowed|accepted|supported|permitted)\b", Options, TimeoutMs)]
    private static partial Regex MethodWords();
}
