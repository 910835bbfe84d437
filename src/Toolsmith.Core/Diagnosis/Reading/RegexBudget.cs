namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>
/// How long one match of a diagnosis pattern may take before it gives up (and the diagnosis goes on with what it found).
/// It guards against pathological input, not against a busy machine: the texts matched are short (1,500 characters at
/// most for words), where a match takes well under a millisecond, but a thread can be paused for seconds when both cores
/// are loaded (a 200 ms budget, then a 2 s one, ran out in runs of two concurrent suites and changed a diagnosis). The words'
/// reading (<see cref="ErrorVocabulary.ClassifyText"/>) and the fields and scopes named in words
/// (<see cref="TextExtract.Fields"/>, <see cref="TextExtract.MissingScopes"/>) are also tried a second time when a budget runs out.
/// </summary>
internal static class RegexBudget
{
    public const int Milliseconds = 10_000;
}
