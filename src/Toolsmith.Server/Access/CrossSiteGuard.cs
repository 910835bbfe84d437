using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Toolsmith.Server.Access;

/// <summary>
/// Refuses what a page of another site can make a browser send: a request whose <c>Origin</c> is not this server's own,
/// or that the browser marks <c>Sec-Fetch-Site: cross-site</c> / <c>same-site</c> (another port of this machine), gets
/// 403 before anything runs; the one exception is a person following a link to a page of the web builder (a top-level
/// GET navigation), which changes nothing. Request bodies of the REST API and of <c>/mcp</c> must be JSON (415 otherwise),
/// so the "simple" requests a form or <c>fetch(no-cors)</c> can send without a preflight never reach an endpoint.
/// Clients that are not browsers send neither header and pass.
/// </summary>
internal static class CrossSiteGuard
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (Refusal(request) is { } refusal)
        {
            await Results.Problem(title: "Cross-site request refused", detail: refusal, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        if (NeedsJson(request) && !IsJson(request.ContentType))
        {
            await Results.Problem(
                title: "Unsupported media type",
                detail: $"The request body must be JSON (Content-Type: application/json), not \"{request.ContentType}\".",
                statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    /// <summary>Why the request is refused as cross-site, or null when it may go on.</summary>
    internal static string? Refusal(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsOwnOrigin(request, origin))
        {
            return $"A page of {origin} may not use this server.";
        }
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
        {
            var navigation = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && request.Headers["Sec-Fetch-Mode"].ToString().Equals("navigate", StringComparison.OrdinalIgnoreCase)
                && request.Headers["Sec-Fetch-Dest"].ToString().Equals("document", StringComparison.OrdinalIgnoreCase)
                && IsPage(request.Path);
            if (!navigation)
            {
                return "A page of another site may not use this server.";
            }
        }
        return null;
    }

    /// <summary>A page of the web builder (not the API, MCP, Blazor's hub or a download).</summary>
    private static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/mcp", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/web/artifacts", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);

    private static bool IsOwnOrigin(HttpRequest request, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme.Equals(request.Scheme, StringComparison.OrdinalIgnoreCase)
        && uri.Authority.Equals(OwnAuthority(request), StringComparison.OrdinalIgnoreCase);

    /// <summary>The request's own host and port as an origin writes them (the default port left out).</summary>
    private static string OwnAuthority(HttpRequest request)
    {
        var host = request.Host;
        var defaultPort = request.IsHttps ? 443 : 80;
        return host.Port is { } port && port != defaultPort ? $"{host.Host}:{port}" : host.Host;
    }

    /// <summary>A request that carries (or may carry) a body to the REST API or MCP.</summary>
    private static bool NeedsJson(HttpRequest request)
    {
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !request.Path.StartsWithSegments("/mcp", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsDelete(request.Method))
        {
            return request.ContentType is { Length: > 0 } || request.ContentLength > 0;
        }
        // A POST without a body (run with no inputs) is fine when it says nothing else; any declared type must be JSON.
        var hasBody = request.ContentLength > 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true && request.ContentLength is null;
        return hasBody || request.ContentType is { Length: > 0 };
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));
}
