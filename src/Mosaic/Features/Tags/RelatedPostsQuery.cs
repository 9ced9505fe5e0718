using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Tags;

/// <summary>
/// Posts that share people's tags with a post, the rarest shared tags weighing most. Bounded whatever the data:
/// it follows at most <see cref="MaxTagsFollowed"/> of the post's tags, the rarest ones, and only tags on at most
/// <see cref="TagsOptions.RelatedTagPostCountCap"/> posts (read from Tags.PostCount, not counted), so the candidate
/// scan reads at most tags × cap rows of the PostTags(TagId) index; every candidate is scored in memory.
/// </summary>
public sealed class RelatedPostsQuery(MosaicDbContext db, IOptions<TagsOptions> options)
{
    public const int MaxTagsFollowed = 10;

    public async Task<IReadOnlyList<PostSummaryDto>> FindAsync(long postId, int limit, CancellationToken ct)
    {
        var cap = options.Value.RelatedTagPostCountCap;
        // A tag only this post carries finds nothing; ready-post counts are exact enough to tell.
        var followed = await db.Set<PostTag>().AsNoTracking()
            .Where(pt => pt.PostId == postId && pt.Source == TagSource.Human && pt.Tag!.PostCount >= 2 && pt.Tag.PostCount <= cap)
            .OrderBy(pt => pt.Tag!.PostCount).ThenBy(pt => pt.TagId)
            .Select(pt => new { pt.TagId, pt.Tag!.PostCount })
            .Take(MaxTagsFollowed)
            .ToListAsync(ct);
        if (followed.Count == 0)
        {
            return [];
        }
        var weights = followed.ToDictionary(t => t.TagId, t => Weight(t.PostCount));
        var tagIds = followed.Select(t => t.TagId).ToList();
        var shared = await db.Set<PostTag>().AsNoTracking()
            .Where(pt => tagIds.Contains(pt.TagId) && pt.PostId != postId && pt.Source == TagSource.Human)
            .Select(pt => new { pt.PostId, pt.TagId })
            // Deleted and unfinished posts keep their rows, so the counts alone do not bound the scan.
            .Take(MaxTagsFollowed * cap)
            .ToListAsync(ct);
        var ranked = shared.GroupBy(r => r.PostId)
            .Select(g => (PostId: g.Key, Score: g.Sum(r => weights[r.TagId]), Shared: g.Count()))
            .OrderByDescending(c => c.Score).ThenByDescending(c => c.Shared).ThenByDescending(c => c.PostId)
            .Take(limit * 3)
            .ToList();
        var ids = ranked.Select(c => c.PostId).ToList();
        var posts = await Summaries(db.Set<Post>().AsNoTracking().Where(p => ids.Contains(p.Id) && p.Status == PostStatus.Ready))
            .ToDictionaryAsync(p => p.Id, ct);
        return [.. ranked.Where(c => posts.ContainsKey(c.PostId)).Take(limit).Select(c => posts[c.PostId])];
    }

    /// <summary>Rarer tags say more: a tag on 2 posts weighs 0.91, on 10 posts 0.42, on 1,000 posts 0.14.</summary>
    public static double Weight(int postCount) => 1 / Math.Log(1 + Math.Max(postCount, 1));

    private static string RatingName(Rating rating) => rating.ToString().ToLowerInvariant();

    // The board's tile projection (PostQueries.PageAsync), for an arbitrary set of ids.
    private static IQueryable<PostSummaryDto> Summaries(IQueryable<Post> posts) => posts.Select(p => new PostSummaryDto(
        p.Id, p.Title, RatingName(p.Rating), p.Width, p.Height, p.Blurhash,
        p.Variants.Where(v => v.Name == Variants.Thumb || v.Name == Variants.Thumb2x || v.Name == Variants.ThumbFallback)
            .Select(v => new VariantDto(v.Name, "/media/" + v.Key, v.Width, v.Height, v.ContentType)).ToList(),
        p.LikeCount, p.CommentCount));
}
