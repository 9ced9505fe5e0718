using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Posts;

/// <summary>
/// Posts a visitor asked not to see (Features/Preferences builds it from their preferences): the ratings to hide and
/// the tags whose posts are left out.
/// </summary>
public sealed record BoardFilter(IReadOnlyCollection<Rating> HiddenRatings, IReadOnlyCollection<string> BlacklistedTags)
{
    public static BoardFilter None { get; } = new([], []);
}

/// <summary>Reads posts for the API and the pages, each in a fixed number of queries (no N+1).</summary>
public sealed class PostQueries(MosaicDbContext db)
{
    public async Task<PostDto?> GetAsync(long id, CancellationToken ct)
    {
        var post = await db.Set<Post>().AsNoTracking().AsSplitQuery()
            .Include(p => p.User)
            .Include(p => p.Variants)
            .Include(p => p.Colors)
            .Include(p => p.Tags).ThenInclude(t => t.Tag)
            .FirstOrDefaultAsync(p => p.Id == id && p.Status != PostStatus.Deleted, ct);
        if (post is null)
        {
            return null;
        }
        var duplicates = await db.Set<PostDuplicate>().AsNoTracking()
            .Where(d => d.PostId == id && db.Set<Post>().Any(p => p.Id == d.OtherPostId && p.Status == PostStatus.Ready))
            .OrderBy(d => d.Distance).ThenBy(d => d.OtherPostId)
            .Select(d => new DuplicateDto(d.OtherPostId, d.Distance, $"/api/v1/posts/{d.OtherPostId}"))
            .ToListAsync(ct);
        return ToDto(post, duplicates);
    }

    /// <summary>Ready posts, newest first, after the cursor (a post id): keyset pagination on (Status, Id), never OFFSET.</summary>
    public async Task<PostPageDto> PageAsync(string? cursor, int limit, Guid? userId, CancellationToken ct, string? tag = null, BoardFilter? filter = null)
    {
        var query = db.Set<Post>().AsNoTracking().Where(p => p.Status == PostStatus.Ready);
        if (userId is { } uploader)
        {
            query = query.Where(p => p.UserId == uploader);
        }
        if (!string.IsNullOrWhiteSpace(tag))
        {
            var name = tag.Trim().ToLowerInvariant();
            query = query.Where(p => p.Tags.Any(t => t.Tag!.Name == name));
        }
        if (filter?.HiddenRatings is { Count: > 0 } hiddenRatings)
        {
            var hidden = hiddenRatings.Distinct().ToList();
            query = query.Where(p => !hidden.Contains(p.Rating));
        }
        if (filter?.BlacklistedTags is { Count: > 0 } blacklisted)
        {
            // NOT EXISTS over PostTags (primary key PostId, TagId) joined to Tags (unique index on Name).
            var names = blacklisted.Distinct(StringComparer.Ordinal).ToList();
            query = query.Where(p => !p.Tags.Any(t => names.Contains(t.Tag!.Name)));
        }
        if (long.TryParse(cursor, out var before))
        {
            query = query.Where(p => p.Id < before);
        }
        var posts = await query.OrderByDescending(p => p.Id).Take(limit + 1)
            .Select(p => new
            {
                p.Id, p.Title, p.Rating, p.Width, p.Height, p.Blurhash, p.LikeCount, p.CommentCount,
                Thumbnails = p.Variants.Where(v => v.Name == Variants.Thumb || v.Name == Variants.Thumb2x || v.Name == Variants.ThumbFallback)
                    .Select(v => new VariantDto(v.Name, "/media/" + v.Key, v.Width, v.Height, v.ContentType)).ToList(),
            })
            .ToListAsync(ct);
        var items = posts.Take(limit).Select(p => new PostSummaryDto(p.Id, p.Title, Lower(p.Rating), p.Width, p.Height, p.Blurhash, p.Thumbnails, p.LikeCount, p.CommentCount)).ToList();
        return new PostPageDto(items, posts.Count > limit ? items[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Where a ready post's uploaded original is stored, for features that re-process it (conversions).</summary>
    public async Task<(string Key, string ContentType)?> OriginalOfAsync(long postId, CancellationToken ct)
    {
        var original = await db.Set<Post>().AsNoTracking().Where(p => p.Id == postId && p.Status == PostStatus.Ready)
            .Select(p => new { p.OriginalKey, p.OriginalContentType }).FirstOrDefaultAsync(ct);
        return original is null ? null : (original.OriginalKey, original.OriginalContentType);
    }

    public static PostDto ToDto(Post post, IReadOnlyList<DuplicateDto> duplicates) => new(
        post.Id,
        Lower(post.Status),
        post.FailureReason,
        post.Title,
        post.Description,
        Lower(post.Rating),
        new UserRefDto(post.UserId, post.User?.UserName ?? ""),
        post.CreatedAt,
        post.UpdatedAt,
        post.Width,
        post.Height,
        post.Frames,
        post.IsAnimated,
        post.Blurhash,
        post.PerceptualHash is { } hash ? unchecked((ulong)hash).ToString("x16", System.Globalization.CultureInfo.InvariantCulture) : null,
        [.. post.Variants.OrderBy(v => v.Width * v.Height).Select(v => new VariantDto(v.Name, v.Url, v.Width, v.Height, v.ContentType))],
        [.. post.Colors.OrderBy(c => c.Rank).Select(c => new ColorDto(c.Hex, Math.Round(c.Weight, 4)))],
        [.. post.Tags.Where(t => t.Tag is not null)
            .OrderBy(t => t.Source).ThenBy(t => t.Tag!.Category).ThenBy(t => t.Tag!.Name)
            .Select(t => new PostTagDto(t.Tag!.Name, Lower(t.Tag.Category), Lower(t.Source), t.Confidence))],
        duplicates,
        post.LikeCount,
        post.DislikeCount,
        post.CommentCount);

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
