namespace Toolsmith.Core.Diagnosis;

/// <summary>How much a finding is worth: a stronger finding replaces the kind a weaker one proposed.</summary>
internal enum Evidence
{
    /// <summary>Nothing known yet.</summary>
    None = 0,

    /// <summary>Only the HTTP status.</summary>
    Status = 1,

    /// <summary>Words in a message ("rate limit", "expired").</summary>
    Text = 2,

    /// <summary>A machine error code in the body ("missing_scope", "PERMISSION_DENIED").</summary>
    Code = 3,

    /// <summary>A standard's structured member (RFC 6750 challenge, GraphQL extensions.code, scope lists).</summary>
    Structured = 4,

    /// <summary>A provider's documented quirk, which beats what the generic rules infer.</summary>
    Provider = 5,
}

/// <summary>One piece of knowledge about error responses: a standard, a common shape, or one provider's quirk.</summary>
/// <remarks>Rules only add findings to the context; they never throw on odd input (the engine guards each one anyway).</remarks>
internal abstract class DiagnosisRule
{
    /// <summary>Adds what this rule recognizes in the exchange to <paramref name="context"/>.</summary>
    public abstract void Apply(DiagnosisContext context);
}
