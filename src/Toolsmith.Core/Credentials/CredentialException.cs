namespace Toolsmith.Core.Credentials;

/// <summary>
/// A credential could not be used: it is not stored, a field is missing, it needs a sign-in, or its token endpoint refused
/// or could not be reached. Nothing was sent upstream. The message names the credential; the hint says what to do.
/// </summary>
public sealed class CredentialException : Exception
{
    /// <summary>Creates the exception: the credential's name, the diagnosis kind, a user-facing message and what to do.</summary>
    public CredentialException(string credential, string kind, string message, string hint)
        : base(message)
    {
        Credential = credential;
        Kind = kind;
        Hint = hint;
    }

    /// <summary>Creates the exception.</summary>
    public CredentialException()
        : this("", Diagnosis.DiagnosisKinds.BadCredentials, "The credential could not be used.", "")
    {
    }

    /// <summary>Creates the exception with a user-facing message.</summary>
    public CredentialException(string message)
        : this("", Diagnosis.DiagnosisKinds.BadCredentials, message, "")
    {
    }

    /// <summary>Creates the exception with a user-facing message.</summary>
    public CredentialException(string message, Exception innerException)
        : base(message, innerException)
    {
        Credential = "";
        Kind = Diagnosis.DiagnosisKinds.BadCredentials;
        Hint = "";
    }

    /// <summary>The credential's name (a stored one) or how the step describes it (an inline one).</summary>
    public string Credential { get; } = "";

    /// <summary>The diagnosis kind: bad_credentials, expired_credentials or connection_failed.</summary>
    public string Kind { get; } = Diagnosis.DiagnosisKinds.BadCredentials;

    /// <summary>What to do about it.</summary>
    public string Hint { get; } = "";

    /// <summary>The diagnosis of a step that could not authenticate, with <paramref name="redact"/> applied to every text.</summary>
    public Diagnosis.Diagnosis ToDiagnosis(Func<string, string> redact) => new()
    {
        Kind = Kind,
        Title = Kind switch
        {
            Diagnosis.DiagnosisKinds.ExpiredCredentials => $"The credential \"{Credential}\" has expired or needs a sign-in",
            Diagnosis.DiagnosisKinds.ConnectionFailed => $"The token endpoint of \"{Credential}\" could not be reached",
            _ => $"The credential \"{Credential}\" could not be used",
        },
        Explanation = redact(Message) + " Nothing was sent to the API.",
        Hint = redact(Hint),
    };
}
