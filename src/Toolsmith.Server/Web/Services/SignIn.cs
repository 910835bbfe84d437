using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Toolsmith.Server.Access;

namespace Toolsmith.Server.Web.Services;

/// <summary>
/// A browser cannot send a bearer header, so a server bound beyond loopback lets a person paste the access token once at
/// <c>/login</c>; the browser then carries a signed session (not the token) in an HttpOnly, SameSite=Strict cookie,
/// <c>Secure</c> on https. Wrong tokens count towards the same per-address throttle as wrong bearer headers.
/// </summary>
internal static class SignIn
{
    public const string Path = "/login";

    /// <summary>The sign-in page and its form post: the only paths open without the token.</summary>
    public static bool IsSignInRequest(HttpRequest request) =>
        request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsPost(request.Method));

    /// <summary>A browser asking for a page (GET, HTML first in Accept): sent to the sign-in page rather than given a bare 401.</summary>
    public static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && request.Headers.Accept.ToString().StartsWith("text/html", StringComparison.OrdinalIgnoreCase);

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (AccessToken access) => Page(access.Required ? null : "This server needs no token: it listens on this machine only.")).ExcludeFromDescription();
        // Read by hand rather than bound from the form, so no antiforgery token is asked for a page that has no session yet.
        app.MapPost(Path, async (HttpContext context, AccessToken access) =>
        {
            if (!access.Required)
            {
                return Results.Redirect("/");
            }
            var client = context.Connection.RemoteIpAddress ?? IPAddress.None;
            if (access.IsThrottled(client))
            {
                return Page("Too many wrong tokens from this address; wait a minute and try again.", StatusCodes.Status429TooManyRequests);
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var token = form["token"].ToString().Trim();
            if (token.Length == 0 || !access.Matches(token))
            {
                return access.Failed(client) == AccessDecision.Throttled
                    ? Page("Too many wrong tokens from this address; wait a minute and try again.", StatusCodes.Status429TooManyRequests)
                    : Page("That token is not the one this server uses.", StatusCodes.Status401Unauthorized);
            }
            context.Response.Cookies.Append(AccessToken.CookieName, access.NewSession(), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = AccessToken.SessionLifetime,
            });
            return Results.Redirect("/");
        }).ExcludeFromDescription();
        return app;
    }

    private static IResult Page(string? message, int status = StatusCodes.Status200OK) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sign in · Toolsmith</title>
        <style>
          body { font-family: system-ui, sans-serif; background: #f6f7fb; display: grid; place-items: center; min-height: 100vh; margin: 0; }
          form { background: #fff; border: 1px solid #dfe2ec; border-radius: 10px; padding: 28px; width: min(420px, 90vw); }
          h1 { font-size: 1.4rem; margin: 0 0 8px; } p { color: #5f6577; font-size: .9rem; }
          label { display: block; font-weight: 600; font-size: .85rem; margin: 16px 0 4px; }
          input { width: 100%; box-sizing: border-box; padding: 9px 10px; border: 1px solid #c5cada; border-radius: 6px; font: inherit; }
          button { margin-top: 16px; background: #3b4fd8; color: #fff; border: 0; border-radius: 6px; padding: 9px 18px; font: inherit; font-weight: 600; cursor: pointer; }
          .error { color: #c62828; }
        </style></head>
        <body><form method="post" action="{{Path}}">
          <h1>Toolsmith</h1>
          <p>This server is reachable beyond this machine, so it asks for its access token (TOOLSMITH_TOKEN, or the one printed on its first start).</p>
          {{(message is null ? "" : $"<p class=\"error\" role=\"alert\">{WebUtility.HtmlEncode(message)}</p>")}}
          <label for="token">Access token</label>
          <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
          <button type="submit">Sign in</button>
        </form></body></html>
        """, "text/html; charset=utf-8", statusCode: status);
}
