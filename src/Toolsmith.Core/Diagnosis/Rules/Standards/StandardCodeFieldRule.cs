using Toolsmith.Core.Diagnosis.Catalog;
using Toolsmith.Core.Diagnosis.Reading;
using Toolsmith.Core.Diagnosis.Rules.Common;

namespace Toolsmith.Core.Diagnosis.Rules.Standards;

/// <summary>
/// Codes a standard defines for one parameter (the catalog's <c>codeFields</c>): OAI-PMH's <c>badVerb</c> is about the
/// <c>verb</c>, WMS's <c>LayerNotDefined</c> about <c>LAYERS</c>. When the answer names no field itself, the code's is named.
/// </summary>
internal sealed class StandardCodeFieldRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.FieldCount > 0 || context.MissingScopes.Count > 0 || context.Codes.Count == 0)
        {
            return;
        }
        foreach (var code in context.Codes)
        {
            var compact = ErrorVocabulary.Compact(code);
            foreach (var known in DiagnosisCatalog.CodeFields)
            {
                if (known.Code == compact && (!known.OnlyWhenSent || FieldPath.WasSent(known.Field, context.Exchange)))
                {
                    context.AddField(known.Field, FieldLocation.Unknown, context.Message ?? context.Texts.FirstOrDefault() ?? ErrorItems.Humanize(code));
                    return;
                }
            }
        }
    }
}
