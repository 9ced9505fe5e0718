using System.Globalization;
using Mosaic.Features.Albums;

namespace Mosaic.Components.Pages.Albums;

/// <summary>How the albums' forms answer a refused write: the status the API would give, on the re-rendered page.</summary>
internal static class AlbumForms
{
    public static void Refuse(HttpContext http, AlbumOutcome outcome)
    {
        http.Response.StatusCode = outcome.Result switch
        {
            AlbumResult.NotFound or AlbumResult.PostNotFound => StatusCodes.Status404NotFound,
            AlbumResult.Forbidden => StatusCodes.Status403Forbidden,
            AlbumResult.Conflict => StatusCodes.Status409Conflict,
            AlbumResult.Throttled => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status400BadRequest,
        };
        if (outcome.Result == AlbumResult.Throttled)
        {
            http.Response.Headers.RetryAfter = outcome.Throttle.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
