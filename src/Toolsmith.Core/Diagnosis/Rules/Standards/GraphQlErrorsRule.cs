using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Standards;

/// <summary>
/// GraphQL responses (often HTTP 200): <c>errors[]</c> with <c>message</c>, <c>locations</c>, <c>path</c> and <c>extensions.code</c>
/// (Apollo's UNAUTHENTICATED/FORBIDDEN/BAD_USER_INPUT..., Shopify's THROTTLED, GitHub's <c>type</c> INSUFFICIENT_SCOPES).
/// An error with a <c>path</c> and no known code is a field that failed on the server; one without is a request error. A
/// <c>path</c> alone does not make a body GraphQL's: an execution error always comes with <c>data</c>, and validators such as
/// Zod and Joi give <c>{"errors":[{"path":["user","email"],"message":…}]}</c> for a request's field.
/// </summary>
internal sealed class GraphQlErrorsRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } body || JsonRead.Get(body, "errors") is not JsonArray { Count: > 0 } errors || !IsGraphQl(context, body, errors))
        {
            return;
        }
        var kinds = new List<string>();
        foreach (var error in errors.Take(50))
        {
            if (error is not JsonObject item)
            {
                continue;
            }
            var message = JsonRead.Str(item, "message");
            if (context.Message is null && message is not null)
            {
                context.Message = message;
            }
            var extensions = JsonRead.Get(item, "extensions") as JsonObject;
            var code = JsonRead.Str(extensions, "code") ?? JsonRead.Str(extensions, "classification") ?? JsonRead.Str(extensions, "type")
                ?? JsonRead.Str(extensions, "errorType") ?? JsonRead.Str(item, "type");
            // A server's default code for any error its resolver threw (Apollo's INTERNAL_SERVER_ERROR, graphql-java's
            // DataFetchingException) says only that something failed: the words, when they say what, come first.
            var fallback = code is not null && IsDefaultCode(code);
            var kind = code is null || fallback ? null : FromCode(code);
            var path = JsonRead.Get(item, "path") as JsonArray;
            if (kind is null && message is not null && ErrorVocabulary.ClassifyText(message) is { Count: > 0 } said
                && ErrorVocabulary.BySpecificity(said).First() is var saidKind
                && (saidKind != DiagnosisKinds.NotFound || path is { Count: > 0 }))
            {
                // No code: the words say what went wrong, before any default. "Field 'x' doesn't exist on type 'Query'",
                // without a path, is the query's own mistake, not a missing record.
                kind = saidKind;
            }
            foreach (var key in ArgumentKeys)
            {
                // The argument the error is about, as servers put it beside the code (Apollo's invalidArgs, a field name).
                switch (JsonRead.Get(extensions, key))
                {
                    case JsonValue v when v.TryGetValue<string>(out var name) && name.Length is > 0 and < 200:
                        context.AddField(name, FieldLocation.Unknown, message);
                        break;
                    case JsonArray names:
                        foreach (var n in names.Take(20))
                        {
                            if (n is JsonValue nv && nv.TryGetValue<string>(out var one) && one.Length is > 0 and < 200)
                            {
                                context.AddField(one, FieldLocation.Unknown, message);
                            }
                        }
                        break;
                }
            }
            if (code is not null)
            {
                context.AddNote($"The GraphQL error code is {code}.");
            }
            if (path is { Count: > 0 })
            {
                context.AddField(["data", .. FieldPath.FromArray(path)], FieldLocation.Response, message);
            }
            kind ??= fallback || path is { Count: > 0 } ? DiagnosisKinds.ServerError
                : message is not null && message.StartsWith("Syntax Error", StringComparison.OrdinalIgnoreCase) ? DiagnosisKinds.MalformedBody
                : DiagnosisKinds.InvalidValue;
            kinds.Add(kind);
        }
        foreach (var kind in ErrorVocabulary.BySpecificity(kinds))
        {
            if (context.Propose(kind, Evidence.Structured))
            {
                break;
            }
        }
    }

    /// <summary>Members of <c>extensions</c> that name the request's argument or input field the error is about.</summary>
    private static readonly string[] ArgumentKeys = ["field", "fieldName", "argumentName", "argument", "invalidArgs", "invalidField", "param", "parameter", "inputField"];

    private static bool IsGraphQl(DiagnosisContext context, JsonObject body, JsonArray errors)
    {
        if (body.ContainsKey("data") || (context.Exchange.RequestBody is JsonObject request && request.ContainsKey("query")))
        {
            return true;
        }
        return errors[0] is JsonObject first && JsonRead.Str(first, "message") is not null
            && (first.ContainsKey("locations") || first.ContainsKey("extensions"));
    }

    private static bool IsDefaultCode(string code) => ErrorVocabulary.Compact(code) is "internalservererror" or "internal" or "datafetchingexception";

    private static string? FromCode(string code) => ErrorVocabulary.Compact(code) switch
    {
        "unauthenticated" => DiagnosisKinds.BadCredentials,
        "forbidden" or "unauthorized" => DiagnosisKinds.InsufficientPermission,
        "baduserinput" or "graphqlvalidationfailed" or "validationerror" or "argumenterror" or "invalidinput" => DiagnosisKinds.InvalidValue,
        "graphqlparsefailed" or "invalidsyntax" or "parseerror" => DiagnosisKinds.MalformedBody,
        "throttled" or "ratelimited" or "ratelimit" => DiagnosisKinds.RateLimited,
        "maxcomplexityexceeded" or "maxcostexceeded" or "querycomplexity" or "querytoocomplex" => DiagnosisKinds.RequestRejected,
        "persistedquerynotfound" => DiagnosisKinds.InvalidValue,
        var other => ErrorVocabulary.ClassifyCode(other),
    };
}
