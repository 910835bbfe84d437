namespace Toolsmith.Core.Templates;

/// <summary>A template that cannot be parsed or rendered; the message names the template, the path and what was expected.</summary>
public sealed class TemplateException : Exception
{
    /// <summary>Creates the exception with a complete, user-facing message.</summary>
    public TemplateException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a complete, user-facing message.</summary>
    public TemplateException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TemplateException()
    {
    }
}
