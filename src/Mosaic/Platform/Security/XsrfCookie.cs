using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Mosaic.Platform.Security;

/// <summary>
/// Antiforgery for Mosaic's own JavaScript: the request token travels in a readable <c>XSRF-TOKEN</c> cookie and
/// comes back in the <c>X-XSRF-TOKEN</c> header; API writes made with the session cookie must carry it.
/// </summary>
public static class XsrfCookie
{
    public const string CookieName = "XSRF-TOKEN";
    public const string HeaderName = "X-XSRF-TOKEN";

    public static void Issue(HttpContext http)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Cookies.Append(CookieName, tokens.RequestToken!, new CookieOptions
        {
            HttpOnly = false,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
        });
    }

    /// <summary>Gives every HTML page a fresh token cookie for the scripts on it.</summary>
    public static IApplicationBuilder UseXsrfCookie(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (HttpMethods.IsGet(http.Request.Method) && IsPage(http.Request.Path) && http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            Issue(http);
        }
        await next();
    });

    /// <summary>Rejects unsafe API requests authenticated by the session cookie unless they carry the antiforgery header.</summary>
    public static RouteGroupBuilder RequireXsrfForCookieWrites(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var method = http.Request.Method;
            var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
            if (!safe && http.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme)
            {
                var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                        title: "Missing or invalid antiforgery token.",
                        detail: $"Requests signed in with the session cookie must send the {CookieName} cookie's value in the {HeaderName} header.");
                }
            }
            return await next(context);
        });
        return group;
    }

    private static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/js")
        && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/readyz") && !Path.HasExtension(path.Value);
}
