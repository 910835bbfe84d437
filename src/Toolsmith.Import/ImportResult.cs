using System.Text.Json.Nodes;

namespace Toolsmith.Import;

/// <summary>What an importer produced: tool documents, the secrets they need, and what it could not map.</summary>
public sealed class ImportResult
{
    /// <summary>The tools, each already validated by loading it as Toolsmith would.</summary>
    public List<ImportedTool> Tools { get; } = [];

    /// <summary>Everything that could not be mapped (or was mapped with a change), by item.</summary>
    public List<ImportWarning> Warnings { get; } = [];

    /// <summary>Tool names given so far, to keep them unique.</summary>
    internal HashSet<string> UsedNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every secret the tools use, once, with what to put in it.</summary>
    public IEnumerable<RequiredSecret> Secrets => Tools.SelectMany(static t => t.Secrets).DistinctBy(static s => s.Name);
}

/// <summary>One imported tool document.</summary>
/// <param name="Name">The tool's name (also its file name: <c>NAME.tool.json</c>).</param>
/// <param name="Document">The tool document, as it is written to the file.</param>
/// <param name="Item">The item it came from: a request's name, an operation (<c>POST /users</c>), a cURL line.</param>
/// <param name="Secrets">The secrets it reads; none of their values is in the document.</param>
public sealed record ImportedTool(string Name, JsonObject Document, string Item, IReadOnlyList<RequiredSecret> Secrets)
{
    /// <summary>The file name the tool is written to.</summary>
    public string FileName => Name + ".tool.json";
}

/// <summary>Something an importer could not map as written; the item names where it was.</summary>
/// <param name="Item">The request, operation or option concerned.</param>
/// <param name="Message">What was not mapped, and what was done instead.</param>
public sealed record ImportWarning(string Item, string Message)
{
    /// <summary>"item: message".</summary>
    public override string ToString() => $"{Item}: {Message}";
}

/// <summary>A secret an imported tool reads with <c>{{secrets.NAME}}</c>, and what its value must be.</summary>
/// <param name="Name">The secret's name.</param>
/// <param name="Description">What to store in it, e.g. "the bearer token for api.github.com".</param>
/// <param name="Value">
/// The value the source held (the token pasted in a cURL command), when it held one: kept in memory so the caller can
/// store it or check it against a secret of the same name, never written to a tool file.
/// </param>
public sealed record RequiredSecret(string Name, string Description, string? Value = null)
{
    /// <summary>The name and description; never the value.</summary>
    public override string ToString() => $"{Name} ({Description})";
}

/// <summary>The source could not be read or is not a document of the expected kind; nothing was imported.</summary>
public sealed class ImportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImportException()
    {
    }

    /// <summary>Creates the exception with a message saying what is wrong with the source.</summary>
    public ImportException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ImportException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
