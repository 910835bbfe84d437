using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Toolsmith.Core.Diagnosis.DiagnosisKinds;

namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>
/// DMTF Redfish's Base message registry, as server management controllers answer with it: each error message's meaning and
/// the argument that names its property (read by <c>RedfishMessageRule</c>), and whether an answer under 2xx lists one.
/// </summary>
internal static partial class RedfishRegistry
{
    /// <summary>Base registry messages: the kind, and the index of the argument that names the property (-1: none).</summary>
    public static readonly Dictionary<string, (string Kind, int Arg)> Messages = new(StringComparer.Ordinal)
    {
        ["PropertyUnknown"] = (InvalidValue, 0),
        ["PropertyMissing"] = (InvalidValue, 0),
        ["PropertyNotWritable"] = (InvalidValue, 0),
        ["PropertyNotWriteable"] = (InvalidValue, 0), // as some controllers spell it
        ["PropertyValueIncorrect"] = (InvalidValue, 0),
        ["PropertyValueConflict"] = (InvalidValue, 0),
        ["PropertyValueTypeError"] = (InvalidValue, 1),
        ["PropertyValueNotInList"] = (InvalidValue, 1),
        ["PropertyValueFormatError"] = (InvalidValue, 1),
        ["PropertyValueOutOfRange"] = (InvalidValue, 1),
        ["CreateFailedMissingReqProperties"] = (InvalidValue, 0),
        ["ActionParameterMissing"] = (InvalidValue, 1),
        ["ActionParameterUnknown"] = (InvalidValue, 1),
        ["ActionParameterNotSupported"] = (InvalidValue, 0),
        ["ActionParameterValueError"] = (InvalidValue, 0),
        ["ActionParameterValueTypeError"] = (InvalidValue, 1),
        ["ActionParameterValueFormatError"] = (InvalidValue, 1),
        ["ActionParameterValueNotInList"] = (InvalidValue, 1),
        ["QueryParameterValueTypeError"] = (InvalidValue, 1),
        ["QueryParameterValueFormatError"] = (InvalidValue, 1),
        ["QueryParameterOutOfRange"] = (InvalidValue, 1),
        ["QueryParameterUnsupported"] = (InvalidValue, 0),
        ["MalformedJSON"] = (MalformedBody, -1),
        ["UnrecognizedRequestBody"] = (MalformedBody, -1),
        ["ResourceNotFound"] = (NotFound, -1),
        ["ResourceMissingAtURI"] = (NotFound, -1),
        ["ResourceAlreadyExists"] = (Conflict, -1),
        ["PreconditionFailed"] = (Conflict, -1),
        ["PreconditionRequired"] = (Conflict, -1),
        ["InsufficientPrivilege"] = (InsufficientPermission, -1),
        ["AccessDenied"] = (InsufficientPermission, -1),
        ["NoValidSession"] = (BadCredentials, -1),
        ["InternalError"] = (ServerError, -1),
        ["ServiceTemporarilyUnavailable"] = (ServerError, -1),
        ["EventSubscriptionLimitExceeded"] = (QuotaExceeded, -1),
    };

    /// <summary>The message's name, the last part of its id: <c>Base.1.8.PropertyMissing</c>, <c>Base.1.0:PropertyUnknown</c>.</summary>
    public static string? Name(JsonObject item) =>
        (JsonRead.Str(item, "MessageId") ?? JsonRead.Str(item, "MessageID")) is { } id ? id[(id.LastIndexOfAny(['.', ':']) + 1)..] : null;

    /// <summary>True when a JSON answer's text lists a message of the registry (HPE iLO answers a setting it refused under 200).</summary>
    public static bool ListsError(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOf("\"MessageI"u8) < 0)
        {
            return false;
        }
        var text = System.Text.Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, 1 << 16)]);
        try
        {
            foreach (Match m in MessageId().Matches(text))
            {
                if (Messages.ContainsKey(m.Groups["name"].Value))
                {
                    return true;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
        }
        return false;
    }

    [GeneratedRegex(@"""MessageI[dD]""\s*:\s*""[^""]{0,80}?[.:](?<name>[A-Za-z]+)""", RegexOptions.CultureInvariant, RegexBudget.Milliseconds)]
    private static partial Regex MessageId();
}
