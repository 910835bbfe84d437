using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Toolsmith.Storage;

namespace Toolsmith.Server.Web.Services;

/// <summary>
/// Blob files that runs wrote, downloaded from the browser. Only files inside the store's artifact folder are served, and
/// only behind the same access check as every other path.
/// </summary>
public static class Artifacts
{
    /// <summary>The route prefix of downloads.</summary>
    public const string Prefix = "/web/artifacts/";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>The download link of a blob file, or null when it is not in the artifact folder.</summary>
    public static string? Href(string artifactDirectory, string? path)
    {
        if (string.IsNullOrEmpty(path) || Resolve(artifactDirectory, Path.GetRelativePath(artifactDirectory, path)) is null)
        {
            return null;
        }
        var relative = Path.GetRelativePath(Path.GetFullPath(artifactDirectory), Path.GetFullPath(path));
        return Prefix + string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
    }

    internal static IEndpointRouteBuilder MapArtifacts(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "{**path}", Download).ExcludeFromDescription();
        return app;
    }

    private static Results<PhysicalFileHttpResult, NotFound> Download(IToolsmithStore store, string path, string? name)
    {
        if (Resolve(store.Options.ArtifactDirectory, path) is not { } file)
        {
            return TypedResults.NotFound();
        }
        var fileName = string.IsNullOrWhiteSpace(name) ? Path.GetFileName(file) : Path.GetFileName(name);
        var contentType = ContentTypes.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";
        return TypedResults.PhysicalFile(file, contentType, fileName, enableRangeProcessing: true);
    }

    /// <summary>The full path of <paramref name="relative"/> when it names an existing file inside the artifact folder.</summary>
    private static string? Resolve(string artifactDirectory, string relative)
    {
        var root = Path.GetFullPath(artifactDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(root, relative));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }
        return full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
