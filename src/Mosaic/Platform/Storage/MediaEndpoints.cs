using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Mosaic.Platform.Storage;

/// <summary>
/// <c>GET /media/{key}</c>: stored images, served only under content-addressed keys and only as the image types a
/// browser renders without running anything. A key's bytes never change, so responses are cacheable forever and the
/// key's hash is a strong ETag.
/// </summary>
public static class MediaEndpoints
{
    public const string CacheForever = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/media/{**key}", [HttpMethods.Get, HttpMethods.Head], ServeAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>The path under which an object is served.</summary>
    public static string UrlOf(string key) => "/media/" + key;

    private static async Task ServeAsync(string? key, HttpContext http, IObjectStore store, IOptions<StorageOptions> options)
    {
        var ct = http.RequestAborted;
        var response = http.Response;
        if (!ObjectKeys.IsContentAddressed(key) || ContentTypes.AsInlineImage(ContentTypes.Of(key)) is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var s3 = options.Value.S3;
        if (options.Value.ParsedProvider == StorageProvider.S3 && s3.ParsedDelivery == MediaDelivery.Redirect)
        {
            await RedirectAsync(key, http, store, s3.PresignedUrlLifetime);
            return;
        }

        var etag = new EntityTagHeaderValue($"\"{ObjectKeys.HashOf(key)}\"");
        var request = http.Request.GetTypedHeaders();
        if (request.IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            // The client holds these bytes already; a deleted object must stop being served all the same.
            if (await store.StatAsync(key, ct) is null)
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            SetCachingHeaders(response, etag);
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await using var stored = await store.OpenReadAsync(key, RequestedRange(request, etag), ct);
        var contentType = ContentTypes.AsInlineImage(stored?.ContentType);
        if (stored is null || contentType is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        SetCachingHeaders(response, etag);
        response.GetTypedHeaders().LastModified = stored.LastModified;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.XContentTypeOptions = "nosniff";
        if (stored.RangeNotSatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.GetTypedHeaders().ContentRange = new ContentRangeHeaderValue(stored.Length);
            // An image request has no use for the not-found page the status-code pages would render here.
            http.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            return;
        }

        response.ContentType = contentType;
        response.Headers.ContentDisposition = "inline";
        if (stored.Range is { } served)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.GetTypedHeaders().ContentRange = new ContentRangeHeaderValue(served.From!.Value, served.To!.Value, stored.Length);
            response.ContentLength = served.Count;
        }
        else
        {
            response.ContentLength = stored.Length;
        }
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await stored.Content.CopyToAsync(response.Body, ct);
        }
    }

    /// <summary>The client reads from the bucket itself, with a URL that proves Mosaic let it.</summary>
    private static async Task RedirectAsync(string key, HttpContext http, IObjectStore store, TimeSpan lifetime)
    {
        if (await store.StatAsync(key, http.RequestAborted) is null
            || await store.GetPresignedUrlAsync(key, lifetime, http.RequestAborted) is not { } url)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        // The URL expires, so the redirect may be cached for a part of its lifetime only.
        http.Response.Headers.CacheControl = $"private, max-age={(long)(lifetime.TotalSeconds / 2)}";
        http.Response.Redirect(url.AbsoluteUri);
    }

    /// <summary>
    /// The single range the request asks for, or null to send the whole object: no Range header, one that does not
    /// parse, several ranges (allowed to be ignored, and never needed for images), or an If-Range naming other bytes.
    /// </summary>
    private static ByteRange? RequestedRange(RequestHeaders request, EntityTagHeaderValue etag)
    {
        if (request.Range is not { } range || range.Unit != "bytes" || range.Ranges.Count != 1)
        {
            return null;
        }
        // A date in If-Range is always satisfied: the bytes under a content-addressed key cannot have changed since.
        if (request.IfRange?.EntityTag is { } ifRange && !ifRange.Compare(etag, useStrongComparison: true))
        {
            return null;
        }
        var item = range.Ranges.Single();
        return new ByteRange(item.From, item.To);
    }

    private static void SetCachingHeaders(HttpResponse response, EntityTagHeaderValue etag)
    {
        response.Headers.CacheControl = CacheForever;
        response.GetTypedHeaders().ETag = etag;
    }
}
