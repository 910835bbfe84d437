using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Toolsmith.Core.Diagnosis;

/// <summary>Reads a whole exchange (status, headers, body) and says why it failed, in plain words.</summary>
public static class DiagnosisEngine
{
    /// <summary>The diagnosis of a response, or null when the response reports success.</summary>
    public static Diagnosis? Diagnose(ResponseExchange exchange, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var body = exchange.ParsedBody ?? TryParse(exchange.Body.Span);
        var message = ProviderMessage(body) ?? PlainText(exchange);
        var status = exchange.Status;

        if (status < 400)
        {
            return BodyReportedFailure(body, message);
        }

        var retryAfter = RetryAfter.Read(exchange.Headers, time ?? TimeProvider.System);
        return status switch
        {
            401 => Make(DiagnosisKinds.BadCredentials, "The credentials were not accepted",
                "The API did not accept the credentials sent with the request (401 Unauthorized): the token or key is missing, wrong, or revoked.",
                "Check the Authorization header or API key: that the secret is set, is the right one for this API, and is sent in the form the API expects (e.g. \"Bearer <token>\").", message),
            403 => Make(DiagnosisKinds.InsufficientPermission, "The credentials lack permission for this",
                "The API knows who is calling but refuses this action for them (403 Forbidden).",
                "Grant the account or token the permission this endpoint needs (for OAuth, the scope the endpoint's documentation names), then try again.", message),
            404 => Make(DiagnosisKinds.NotFound, "Nothing was found at this URL",
                "The API answered 404 Not Found: the path, or an id in it, does not exist (some APIs also say this when the token may not see the resource).",
                "Check the URL and the ids in it; if the resource exists, check that the credentials may see it.", message),
            405 => Make(DiagnosisKinds.MethodNotAllowed, $"{exchange.Method} is not allowed here",
                $"The API does not accept {exchange.Method} at this URL (405 Method Not Allowed).",
                exchange.Headers.TryGetValue("Allow", out var allow) ? $"Use one of the methods it allows: {allow}." : "Check the API's documentation for the method this endpoint takes.", message),
            409 => Make(DiagnosisKinds.Conflict, "The request conflicts with the current state",
                "The API refused the change because it conflicts with what exists (409 Conflict), e.g. a duplicate or a stale version.",
                "Fetch the current state, resolve the conflict (another name, the latest version), and send again.", message),
            413 => Make(DiagnosisKinds.PayloadTooLarge, "The request body is too large",
                "The API refused the body because it is larger than it accepts (413).",
                "Send less per request: split a bulk array into smaller batches.", message),
            415 => Make(DiagnosisKinds.UnsupportedMediaType, "The API does not accept this body type",
                "The API refused the Content-Type of the body (415 Unsupported Media Type).",
                "Set the body type (or Content-Type header) the API expects, e.g. application/json or form.", message),
            400 or 422 => Make(DiagnosisKinds.InvalidValue, "The API rejected values in the request",
                $"The API answered {status}: some value in the request is missing or not what it expects.",
                "Compare the body and parameters with the API's documentation; the API's message says which value.", message),
            429 => new Diagnosis
            {
                Kind = DiagnosisKinds.RateLimited,
                Title = "Too many requests",
                Explanation = "The API is limiting how fast you may call it (429 Too Many Requests).",
                Hint = retryAfter is { } s ? $"Wait {s.ToString("0.###", CultureInfo.InvariantCulture)} s and try again, or turn on retries for this step." : "Wait a little and try again, or turn on retries for this step.",
                RetryAfterSeconds = retryAfter,
                ProviderMessage = message,
            },
            408 or 504 => Make(DiagnosisKinds.Timeout, "The server timed out",
                $"The server (or a gateway in front of it) gave up waiting ({status}).",
                "Try again later; if it keeps happening, ask for less per request.", message, retryAfter),
            >= 500 => Make(DiagnosisKinds.ServerError, "The API failed on its side",
                $"The server answered {status}: the fault is on its side, not in your request.",
                "Try again later (turn on retries for this step); if it persists, contact the API's provider.", message, retryAfter),
            _ => Make(DiagnosisKinds.RequestRejected, $"The API refused the request ({status})",
                $"The API answered {status}.",
                "Read the API's message below and the API's documentation for this status.", message),
        };
    }

    /// <summary>A diagnosis for a response body that says it failed although the status is a success.</summary>
    private static Diagnosis? BodyReportedFailure(JsonNode? body, string? message)
    {
        if (body is not JsonObject obj)
        {
            return null;
        }
        if (obj.TryGetPropertyValue("ok", out var okNode) && okNode is JsonValue okValue
            && okValue.TryGetValue<bool>(out var ok) && !ok)
        {
            var error = obj["error"]?.GetValueKind() == JsonValueKind.String ? obj["error"]!.GetValue<string>() : null;
            return Make(DiagnosisKinds.RequestRejected, "The API reported a failure",
                $"The response status was a success, but the body says \"ok\": false{(error is null ? "" : $" with error \"{error}\"")}.",
                "Read the API's error code in its documentation; the request reached the API but was not carried out.", error ?? message);
        }
        if (obj["errors"] is JsonArray { Count: > 0 } errors)
        {
            var first = errors[0] is JsonObject e && e["message"]?.GetValueKind() == JsonValueKind.String
                ? e["message"]!.GetValue<string>() : message;
            return Make(DiagnosisKinds.RequestRejected, "The API reported errors",
                "The response status was a success, but the body holds an \"errors\" list.",
                "Read the errors below; fix the query or values they name and send again.", first);
        }
        return null;
    }

    /// <summary>The diagnosis of a request that never got a response.</summary>
    public static Diagnosis ForTransport(string kind, string detail) => kind switch
    {
        DiagnosisKinds.Timeout => Make(kind, "The call timed out",
            $"No complete response arrived in time: {detail}",
            "Raise the step's timeout if the API is slow, or check that the server is up.", null),
        DiagnosisKinds.DnsFailure => Make(kind, "The host name could not be found",
            $"DNS could not resolve the host: {detail}",
            "Check the host name in the URL for typos, and that this machine can resolve it.", null),
        DiagnosisKinds.TlsError => Make(kind, "The secure connection failed",
            $"The TLS handshake failed: {detail}",
            "Check that the URL's scheme and port are right and that the server's certificate is valid for its name.", null),
        DiagnosisKinds.BlockedByPolicy => Make(kind, "Toolsmith refused to call this address",
            detail,
            "Ask the administrator to add the host to the allow-list (TOOLSMITH_ALLOWED_HOSTS), or call a public address.", null),
        DiagnosisKinds.InvalidRequest => Make(kind, "The request could not be sent as configured",
            detail,
            "Fix the step as the message says; nothing was sent.", null),
        _ => Make(DiagnosisKinds.ConnectionFailed, "Could not connect to the server",
            $"The connection failed: {detail}",
            "Check that the server is running and reachable at this host and port, and that nothing blocks it.", null),
    };

    private static Diagnosis Make(string kind, string title, string explanation, string hint, string? message, double? retryAfter = null) => new()
    {
        Kind = kind,
        Title = title,
        Explanation = explanation,
        Hint = hint,
        ProviderMessage = message,
        RetryAfterSeconds = retryAfter,
    };

    private static JsonNode? TryParse(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || (trimmed[0] != (byte)'{' && trimmed[0] != (byte)'['))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(trimmed);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The API's own message from the common shapes: message, error, error.message, detail, title, errors[0].message.</summary>
    private static string? ProviderMessage(JsonNode? body)
    {
        if (body is JsonArray { Count: > 0 } array)
        {
            return ProviderMessage(array[0]);
        }
        if (body is not JsonObject obj)
        {
            return null;
        }
        foreach (var name in (ReadOnlySpan<string>)["message", "error_description", "detail", "error", "title", "msg", "description"])
        {
            switch (obj[name])
            {
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    return v.GetValue<string>();
                case JsonObject nested when ProviderMessage(nested) is { } inner:
                    return inner;
            }
        }
        return obj["errors"] is JsonArray { Count: > 0 } errors ? ProviderMessage(errors[0]) : null;
    }

    private static string? PlainText(ResponseExchange exchange)
    {
        if (exchange.Body.IsEmpty || exchange.ParsedBody is not null)
        {
            return null;
        }
        var span = exchange.Body.Span;
        if (span.Length > 500)
        {
            span = span[..500];
        }
        var text = Encoding.UTF8.GetString(span).Trim();
        return text.Length == 0 || text.StartsWith('<') ? null : text;
    }
}
