namespace Toolsmith.Core.Diagnosis.Reading;

/// <summary>
/// How long one match of a diagnosis pattern may take before it gives up (and the diagnosis goes on with what it found).
/// It guards against pathological input, not against a busy machine: a match that normally takes a millisecond can be
/// paused for hundreds when both cores are loaded, and a short budget then changed the diagnosis.
/// </summary>
internal static class RegexBudget
{
    public const int Milliseconds = 2000;
}
