using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;
using Toolsmith.Core.Diagnosis.Rules.Common;

namespace Toolsmith.Core.Diagnosis.Rules.Standards;

/// <summary>
/// RFC 9457 (and RFC 7807) problem details: <c>type</c>, <c>title</c>, <c>detail</c>, and the field extensions in use —
/// <c>errors</c> as a field→messages map (ASP.NET Core ValidationProblemDetails, where <c>$.x</c> keys are JSON paths into the body),
/// <c>errors[]</c> with JSON Pointers, and <c>invalid-params</c> with name/reason.
/// </summary>
internal sealed class ProblemDetailsRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } problem || !IsProblem(context, problem))
        {
            return;
        }
        if (JsonRead.FirstStr(problem, ["detail", "title"]) is { } message)
        {
            context.Message ??= message;
        }
        var hasFields = false;
        switch (JsonRead.Get(problem, "errors"))
        {
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    var messages = JsonRead.Strings(value, split: false);
                    var text = messages.Count > 0 ? string.Join(" ", messages) : "is invalid";
                    if (key is "" or "$")
                    {
                        // The body as a whole: System.Text.Json could not read it at all.
                        context.AddText(text);
                        if (ErrorVocabulary.ClassifyText(text).Contains(DiagnosisKinds.MalformedBody))
                        {
                            context.Propose(DiagnosisKinds.MalformedBody, Evidence.Structured);
                        }
                        continue;
                    }
                    context.AddField(key, FieldLocation.Unknown, text);
                    hasFields = true;
                }
                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    if (item is JsonObject o)
                    {
                        hasFields |= ErrorItems.ReadItem(o, context, "errors");
                    }
                }
                break;
        }
        foreach (var name in (ReadOnlySpan<string>)["invalid-params", "invalid_params", "invalidParams"])
        {
            if (JsonRead.Get(problem, name) is JsonArray invalid)
            {
                foreach (var item in invalid)
                {
                    if (item is JsonObject o)
                    {
                        hasFields |= ErrorItems.ReadItem(o, context, name);
                    }
                }
            }
        }
        if (hasFields && context.Status is 400 or 422)
        {
            context.Propose(DiagnosisKinds.InvalidValue, Evidence.Structured);
        }
    }

    private static bool IsProblem(DiagnosisContext context, JsonObject body)
    {
        if (context.Header("Content-Type") is { } contentType && contentType.Contains("problem+json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return (body.ContainsKey("type") || body.ContainsKey("title"))
            && (body.ContainsKey("status") || body.ContainsKey("detail") || body.ContainsKey("instance") || body.ContainsKey("traceId"));
    }
}
