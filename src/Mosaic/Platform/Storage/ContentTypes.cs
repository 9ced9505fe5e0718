using System.Collections.Frozen;
using Microsoft.AspNetCore.StaticFiles;

namespace Mosaic.Platform.Storage;

/// <summary>Content types by key extension, and the few image types a browser may render inline from /media.</summary>
public static class ContentTypes
{
    /// <summary>Image types /media serves; anything else (SVG and HTML above all) could run script in the site's origin.</summary>
    public static readonly FrozenSet<string> InlineImages =
        new[] { "image/jpeg", "image/png", "image/webp", "image/gif", "image/avif" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FileExtensionContentTypeProvider ByExtension = new();

    /// <summary>The type a key's extension names, or <c>application/octet-stream</c>.</summary>
    public static string Of(string key) =>
        ByExtension.TryGetContentType(key, out var type) ? type : "application/octet-stream";

    /// <summary>The bare media type (no parameters) when it is one of <see cref="InlineImages"/>, else null.</summary>
    public static string? AsInlineImage(string? contentType)
    {
        var bare = contentType?.Split(';', 2)[0].Trim();
        return bare is not null && InlineImages.TryGetValue(bare, out var canonical) ? canonical : null;
    }
}
