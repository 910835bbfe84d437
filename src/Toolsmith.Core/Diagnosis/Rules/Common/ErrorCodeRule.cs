using Toolsmith.Core.Diagnosis.Catalog;
using Toolsmith.Core.Diagnosis.Reading;

namespace Toolsmith.Core.Diagnosis.Rules.Common;

/// <summary>
/// Machine error codes, wherever the body or the headers put them (<c>code</c>, <c>__type</c>, <c>.tag</c>, <c>errorCode</c>,
/// <c>x-amzn-ErrorType</c>, <c>x-ms-error-code</c>...), mapped through the catalog's code words. A specific code is evidence
/// of its own; a generic one (<c>InvalidArgument</c>) counts like words, so a more specific message wins over it.
/// </summary>
internal sealed class ErrorCodeRule : DiagnosisRule
{
    public override void Apply(DiagnosisContext context)
    {
        foreach (var header in DiagnosisCatalog.CodeHeaders)
        {
            if (context.Header(header) is { Length: > 0 } value)
            {
                context.AddCode(value);
            }
        }
        foreach (var (name, value) in context.Exchange.Headers)
        {
            // Other headers named for errors (X-Mashery-Error-Code, X-BambooHR-Error-Message, X-Error-Detail): a code when the
            // value is one word, else the error's words.
            if (value.Length is 0 or > 1000 || !name.Contains("error", StringComparison.OrdinalIgnoreCase)
                || DiagnosisCatalog.CodeHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }
            if (BodyScan.LooksLikeCode(value.Trim()))
            {
                context.AddCode(value.Trim());
            }
            else if (value.Contains(' ', StringComparison.Ordinal))
            {
                context.AddText(value.Trim());
            }
        }
        if (context.Codes.Count == 0)
        {
            return;
        }
        var kinds = new List<string>();
        foreach (var code in context.Codes)
        {
            switch (ErrorVocabulary.Classify(code))
            {
                case (DiagnosisKinds.InsufficientPermission, false) when context.Status == 401:
                    // A 401 is about credentials; a code saying "not authorized" there is weighed with the words.
                    context.WeakCodeKinds.Add(DiagnosisKinds.InsufficientPermission);
                    break;
                case ({ } kind, false) when RestatesAStatus(code):
                    // "Forbidden", "Unauthorized": a code that only says the status's name, which APIs use both for bad
                    // credentials and for a missing permission, is weighed with the words ("An invalid API key has been passed")
                    context.WeakCodeKinds.Add(kind);
                    break;
                case ({ } kind, false):
                    kinds.Add(kind);
                    break;
                case ({ } kind, true):
                    context.WeakCodeKinds.Add(kind);
                    break;
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

    /// <summary>A code that is the name of the 401 or 403 status and nothing more.</summary>
    private static bool RestatesAStatus(string code) =>
        ErrorVocabulary.Compact(ErrorVocabulary.NormalizeCode(code)) is "forbidden" or "unauthorized" or "unauthorised" or "403forbidden" or "401unauthorized";
}
