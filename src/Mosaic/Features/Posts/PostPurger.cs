using Microsoft.EntityFrameworkCore;
using Mosaic.Platform.Data;
using Mosaic.Platform.Jobs;
using Mosaic.Platform.Storage;

namespace Mosaic.Features.Posts;

public sealed record PurgePost(long PostId);

/// <summary>
/// The <c>posts.purge</c> job: removes a deleted post's files. A file still used by another live post (identical
/// renderings share content-addressed keys) stays. Idempotent: deleting a missing file succeeds.
/// </summary>
public sealed class PostPurger(MosaicDbContext db, IObjectStore store) : IJobHandler
{
    public const string Job = "posts.purge";

    public async Task HandleAsync(JobContext context, CancellationToken ct)
    {
        var postId = context.Payload<PurgePost>().PostId;
        var post = await db.Set<Post>().Include(p => p.Variants).FirstOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null || post.Status != PostStatus.Deleted)
        {
            return;
        }
        foreach (var key in post.Variants.Select(v => v.Key).Append(post.OriginalKey).Distinct())
        {
            var stillUsed = await db.Set<Variant>().AnyAsync(v => v.Key == key && v.PostId != postId, ct)
                || await db.Set<Post>().AnyAsync(p => p.OriginalKey == key && p.Id != postId && p.Status != PostStatus.Deleted, ct);
            if (!stillUsed)
            {
                await store.DeleteAsync(key, ct);
            }
        }
        await db.Set<Variant>().Where(v => v.PostId == postId).ExecuteDeleteAsync(ct);
    }
}

/// <summary>Which stored objects posts still use: their variants and the originals of posts not deleted.</summary>
internal sealed class PostStorageReferences(MosaicDbContext db) : IStoredObjectReferences
{
    public async Task<IReadOnlyCollection<string>> ReferencedAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var variants = await db.Set<Variant>().Where(v => keys.Contains(v.Key)).Select(v => v.Key).ToListAsync(ct);
        var originals = await db.Set<Post>().Where(p => keys.Contains(p.OriginalKey) && p.Status != PostStatus.Deleted).Select(p => p.OriginalKey).ToListAsync(ct);
        return [.. variants, .. originals];
    }
}
