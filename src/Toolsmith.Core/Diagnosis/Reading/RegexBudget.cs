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

    /// <summary>A reading of a text that says whether it finished (false: a budget ran out, what it found so far is given).</summary>
    public delegate bool Reading<T>(string text, out T found);

    /// <summary>
    /// The reading's result, read a second time when a budget ran out the first: a budget that ran out because the machine paused
    /// the thread (both cores busy), not because of the text, does not run out twice in a row.
    /// </summary>
    public static T ReadTwice<T>(Reading<T> read, string text)
    {
        if (!read(text, out var found))
        {
            read(text, out found);
        }
        return found;
    }
}
