using System.Collections.Frozen;

namespace Toolsmith.Import.Postman;

/// <summary>
/// The Content-Type Postman sends with a file it uploads (a form-data file part, or a <c>file</c> body) when the collection
/// gives none: its runtime looks the file's extension up in mime-db, through the npm package mime-types, and sends
/// <c>application/octet-stream</c> for a name it does not know. The table (<c>media-types.tsv</c>, embedded) is that
/// package's own, so an imported tool sends what newman does (a .NET table such as ASP.NET's differs: <c>.zip</c> is
/// <c>application/x-zip-compressed</c> there, <c>application/zip</c> in mime-db).
/// </summary>
internal static class PostmanFileTypes
{
    private static readonly Lazy<FrozenDictionary<string, string>> Types = new(Load);

    /// <summary>The media type of the file at <paramref name="src"/> as Postman finds it, or null (Postman then sends application/octet-stream).</summary>
    public static string? Of(string? src)
    {
        if (string.IsNullOrEmpty(src))
        {
            return null;
        }
        // mime-types reads path.extname("x." + src): the text after the last dot of the last segment, or a bare name
        // ("json") as an extension itself.
        var name = "x." + src;
        name = name[(name.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        if (dot <= 0)
        {
            return null;
        }
        return Types.Value.TryGetValue(name[(dot + 1)..].ToLowerInvariant(), out var type) ? type : null;
    }

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(PostmanFileTypes).Assembly.GetManifestResourceStream("Toolsmith.Import.media-types.tsv")
            ?? throw new InvalidOperationException("The embedded table of media types is missing.");
        using var reader = new StreamReader(stream);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Split('\t') is [var extension, var type])
            {
                types[extension] = type;
            }
        }
        return types.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
