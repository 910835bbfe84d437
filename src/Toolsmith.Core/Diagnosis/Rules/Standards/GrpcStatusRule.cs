using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Standards;

/// <summary>
/// gRPC over HTTP (gRPC, gRPC-Web, Connect's unary errors sent as a "trailers-only" answer): the HTTP status is 200 and the outcome is
/// the <c>grpc-status</c> header, a code of the gRPC standard (0 is OK), with <c>grpc-message</c> percent-encoded beside it.
/// </summary>
internal sealed class GrpcStatusRule : DiagnosisRule
{
    /// <summary>True when the answer carries a gRPC status other than OK: a failure whatever its HTTP status.</summary>
    public static bool Failed(ResponseExchange exchange) =>
        exchange.Headers.TryGetValue("grpc-status", out var value) && Code(value) is > 0;

    public override void Apply(DiagnosisContext context)
    {
        if (context.Header("grpc-status") is not { } value || Code(value) is not { } code || code == 0)
        {
            return;
        }
        var message = context.Header("grpc-message") is { Length: > 0 } encoded ? Uri.UnescapeDataString(encoded).Trim() : null;
        if (message is { Length: > 0 })
        {
            context.AddText(message);
            context.Message ??= message;
        }
        context.AddNote($"The gRPC status is {code} ({Name(code)}){(message is { Length: > 0 } ? $": {message}" : "")}.");
        context.AddCode(Name(code));
        if (Kind(code, message) is { } kind)
        {
            context.Propose(kind, Evidence.Structured);
        }
    }

    private static int? Code(string value) =>
        int.TryParse(value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && code <= 16 ? code : null;

    private static string Name(int code) => code switch
    {
        1 => "CANCELLED",
        2 => "UNKNOWN",
        3 => "INVALID_ARGUMENT",
        4 => "DEADLINE_EXCEEDED",
        5 => "NOT_FOUND",
        6 => "ALREADY_EXISTS",
        7 => "PERMISSION_DENIED",
        8 => "RESOURCE_EXHAUSTED",
        9 => "FAILED_PRECONDITION",
        10 => "ABORTED",
        11 => "OUT_OF_RANGE",
        12 => "UNIMPLEMENTED",
        13 => "INTERNAL",
        14 => "UNAVAILABLE",
        15 => "DATA_LOSS",
        16 => "UNAUTHENTICATED",
        _ => "OK",
    };

    /// <summary>The kind each code means (the table Google's API design guide gives); the words tell quota from rate.</summary>
    private static string? Kind(int code, string? message) => code switch
    {
        3 or 11 => DiagnosisKinds.InvalidValue,
        4 => DiagnosisKinds.Timeout,
        5 => DiagnosisKinds.NotFound,
        6 or 10 => DiagnosisKinds.Conflict,
        7 => DiagnosisKinds.InsufficientPermission,
        8 => message is not null && ErrorVocabulary.LimitKind(message) is { } limit ? limit : DiagnosisKinds.RateLimited,
        9 => DiagnosisKinds.RequestRejected,
        12 => DiagnosisKinds.MethodNotAllowed,
        2 or 13 or 14 or 15 => DiagnosisKinds.ServerError,
        16 => DiagnosisKinds.BadCredentials,
        _ => null,
    };
}
