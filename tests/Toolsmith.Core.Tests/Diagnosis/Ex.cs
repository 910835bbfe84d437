using System.Text;
using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis;

namespace Toolsmith.Core.Tests.Diagnosis;

/// <summary>Builds exchanges for the diagnosis tests and diagnoses them.</summary>
internal static class Ex
{
    public static ResponseExchange Make(int status, string? body, object? request = null, string[]? @params = null, string url = "https://api.example.com/v1/things", string method = "POST", params (string Name, string Value)[] headers)
    {
        var h = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            h[name] = value;
        }
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        JsonNode? parsed = null;
        try
        {
            parsed = body is { Length: > 0 } && body.TrimStart() is ['{' or '[', ..] ? JsonNode.Parse(body) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            parsed = null;
        }
        return new ResponseExchange
        {
            Method = method,
            Url = url,
            Status = status,
            Headers = h,
            Body = bytes,
            ParsedBody = parsed,
            RequestBody = request switch { null => null, string s => JsonNode.Parse(s), JsonNode n => n, _ => null },
            RequestParamNames = @params,
        };
    }

    public static Toolsmith.Core.Diagnosis.Diagnosis Diagnose(int status, string? body, params (string Name, string Value)[] headers) =>
        DiagnosisEngine.Diagnose(Make(status, body, headers: headers))!;

    public static Toolsmith.Core.Diagnosis.Diagnosis Diagnose(ResponseExchange exchange) => DiagnosisEngine.Diagnose(exchange)!;

    public static IEnumerable<string> Paths(this Toolsmith.Core.Diagnosis.Diagnosis d) => d.Fields?.Select(f => f.Path) ?? [];
}
