using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Common;

/// <summary>Machine error codes anywhere in the body (<c>code</c>, <c>error</c>, <c>errorCode</c>, <c>reason</c>, <c>status</c>, <c>category</c>) mapped through the shared vocabulary.</summary>
internal sealed class ErrorCodeRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        if (context.Codes.Count == 0)
        {
            return;
        }
        var kinds = new List<string>();
        foreach (var code in context.Codes)
        {
            if (ErrorVocabulary.ClassifyCode(code) is { } kind)
            {
                kinds.Add(kind);
            }
        }
        foreach (var kind in ErrorVocabulary.BySpecificity(kinds))
        {
            if (context.Propose(kind, Evidence.Code))
            {
                return;
            }
        }
    }
}
