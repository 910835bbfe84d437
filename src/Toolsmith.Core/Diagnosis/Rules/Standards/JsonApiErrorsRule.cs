using System.Text.Json.Nodes;
using Toolsmith.Core.Diagnosis.Reading;
using Toolsmith.Core.Diagnosis.Rules.Common;

namespace Toolsmith.Core.Diagnosis.Rules.Standards;

/// <summary>
/// JSON:API error objects: <c>errors[]</c> with <c>status</c>, <c>code</c>, <c>title</c>, <c>detail</c> and
/// <c>source.pointer</c> (into the request document; <c>/data/attributes/x</c> is attribute x), <c>source.parameter</c> or <c>source.header</c>.
/// </summary>
internal sealed class JsonApiErrorsRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.BodyObject is not { } body || JsonRead.Get(body, "errors") is not JsonArray errors)
        {
            return;
        }
        var jsonApi = context.Header("Content-Type") is { } ct && ct.Contains("vnd.api+json", StringComparison.OrdinalIgnoreCase);
        var fields = false;
        var conflict = false;
        foreach (var error in errors)
        {
            if (error is not JsonObject item || (!jsonApi && JsonRead.Get(item, "source") is not JsonObject))
            {
                continue;
            }
            if (context.Message is null && JsonRead.FirstStr(item, ["detail", "title"]) is { } message)
            {
                context.Message = message;
            }
            if (JsonRead.Get(item, "source") is JsonObject source && JsonRead.Str(source, "header") is { Length: > 0 } header)
            {
                context.AddNote($"The API points at the request header \"{header}\".");
            }
            fields |= ErrorItems.ReadItem(item, context, "errors");
            conflict |= JsonRead.Str(item, "detail") is { } detail && ErrorVocabulary.ClassifyText(detail).Contains(DiagnosisKinds.Conflict);
        }
        // A field that refuses a value some other record holds ("Name has already been taken") is a conflict, as the words say.
        if (fields && context.Status is 400 or 422 && !conflict)
        {
            context.Propose(DiagnosisKinds.InvalidValue, Evidence.Structured);
        }
    }
}
