using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Tags;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Posts;

/// <summary>Keeps <see cref="Tag.PostCount"/> equal to the number of ready posts with the tag, one post's tags at a time.</summary>
public sealed class PostTagCounts(MosaicDbContext db)
{
    public Task RecountForPostAsync(long postId, CancellationToken ct) =>
        RecountAsync(db.Set<PostTag>().Where(t => t.PostId == postId).Select(t => t.TagId), ct);

    public Task RecountAsync(IQueryable<long> tagIds, CancellationToken ct) =>
        db.Set<Tag>().Where(t => tagIds.Contains(t.Id)).ExecuteUpdateAsync(s => s.SetProperty(
            t => t.PostCount,
            t => db.Set<PostTag>().Count(pt => pt.TagId == t.Id && db.Set<Post>().Any(p => p.Id == pt.PostId && p.Status == PostStatus.Ready))), ct);

    public async Task RecountAsync(IReadOnlyCollection<long> tagIds, CancellationToken ct)
    {
        if (tagIds.Count > 0)
        {
            await RecountAsync(db.Set<Tag>().Where(t => tagIds.Contains(t.Id)).Select(t => t.Id), ct);
        }
    }
}
