namespace Toolsmith.Core.Loading;

/// <summary>One problem with a tool: where it is and what was expected.</summary>
/// <param name="File">The file, or a label such as <c>request</c> for an ad-hoc step.</param>
/// <param name="Path">The JSON path, e.g. <c>steps[0].method</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ToolError(string File, string Path, string Message)
{
    /// <summary>"file: path: message".</summary>
    public override string ToString() => Path.Length == 0 ? $"{File}: {Message}" : $"{File}: {Path}: {Message}";
}

/// <summary>A tool that cannot be loaded or run as written; nothing was sent.</summary>
public sealed class ToolLoadException : Exception
{
    /// <summary>Creates the exception from its errors.</summary>
    public ToolLoadException(IReadOnlyList<ToolError> errors)
        : base(string.Join(Environment.NewLine, (errors ?? throw new ArgumentNullException(nameof(errors))).Select(static e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception from one error.</summary>
    public ToolLoadException(string file, string path, string message) : this([new ToolError(file, path, message)])
    {
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ToolError> Errors { get; }

    /// <summary>Creates the exception.</summary>
    public ToolLoadException() : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ToolLoadException(string message) : this("tool", "", message)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ToolLoadException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [new ToolError("tool", "", message)];
    }
}
