using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Platform.Jobs;

namespace Mosaic.Features.Tags;

public sealed record ApplyAlias(string Alias);

public sealed record ApplyImplication(long TagId, long ImpliedTagId);

public static class TagRuleJobs
{
    public const string ApplyAlias = "tags.apply-alias";
    public const string ApplyImplication = "tags.apply-implication";

    /// <summary>Posts rewritten per transaction: short transactions, and a crash loses at most one batch's work (which the rerun redoes).</summary>
    public const int BatchSize = 500;
}

/// <summary>
/// The <c>tags.apply-alias</c> job: moves every post tagged with the alias's name to the target tag (keeping whether a
/// person or the measurement said it), gives those posts the tags the target implies, and recounts. Idempotent: it
/// reads the alias afresh for every batch, moved rows are gone from the old tag, and a rerun finds less or nothing.
/// </summary>
public sealed class AliasApplier(MosaicDbContext db, TagService tags, PostTagCounts counts) : IJobHandler
{
    public async Task HandleAsync(JobContext context, CancellationToken ct)
    {
        var alias = context.Payload<ApplyAlias>().Alias;
        var touched = new HashSet<long>();
        var moved = 0;
        while (true)
        {
            var targetId = await db.Set<TagAlias>().Where(a => a.Alias == alias).Select(a => (long?)a.TagId).FirstOrDefaultAsync(ct);
            var fromId = await db.Set<Tag>().Where(t => t.Name == alias).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
            if (targetId is not { } to || fromId is not { } from || from == to)
            {
                break;
            }
            var batch = await db.Set<PostTag>().AsNoTracking().Where(pt => pt.TagId == from).Take(TagRuleJobs.BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }
            var postIds = batch.Select(pt => pt.PostId).ToList();
            var implied = await tags.ImpliedClosureAsync([to], ct);
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                var existing = await db.Set<PostTag>().Where(pt => pt.TagId == to && postIds.Contains(pt.PostId)).ToDictionaryAsync(pt => pt.PostId, ct);
                foreach (var old in batch)
                {
                    if (!existing.TryGetValue(old.PostId, out var row))
                    {
                        db.Set<PostTag>().Add(new PostTag { PostId = old.PostId, TagId = to, Source = old.Source, Confidence = old.Confidence });
                    }
                    else if (old.Source == TagSource.Human && row.Source != TagSource.Human)
                    {
                        row.Source = TagSource.Human;
                        row.Confidence = 1;
                    }
                }
                var humanPosts = batch.Where(pt => pt.Source == TagSource.Human).Select(pt => pt.PostId).ToList();
                await db.SaveChangesAsync(ct);
                await tags.GiveTagsAsync(humanPosts, implied, ct);
                await db.SaveChangesAsync(ct);
                await db.Set<PostTag>().Where(pt => pt.TagId == from && postIds.Contains(pt.PostId)).ExecuteDeleteAsync(ct);
                await transaction.CommitAsync(ct);
            }
            db.ChangeTracker.Clear();
            touched.UnionWith([from, to, .. implied]);
            moved += batch.Count;
            await context.ReportProgressAsync($"{moved} posts moved from {alias}", ct);
        }
        await counts.RecountAsync(touched, ct);
    }
}

/// <summary>
/// The <c>tags.apply-implication</c> job: gives every post that carries the tag as a person's tag the implied tag and
/// what that implies in turn, in batches of posts in id order. Idempotent: a post that has them is left as it is.
/// </summary>
public sealed class ImplicationApplier(MosaicDbContext db, TagService tags, PostTagCounts counts) : IJobHandler
{
    public async Task HandleAsync(JobContext context, CancellationToken ct)
    {
        var payload = context.Payload<ApplyImplication>();
        if (!await db.Set<TagImplication>().AnyAsync(i => i.TagId == payload.TagId && i.ImpliedTagId == payload.ImpliedTagId, ct))
        {
            return;
        }
        var implied = await tags.ImpliedClosureAsync([payload.TagId], ct);
        var after = 0L;
        var given = 0;
        while (true)
        {
            var postIds = await db.Set<PostTag>().AsNoTracking()
                .Where(pt => pt.TagId == payload.TagId && pt.Source == TagSource.Human && pt.PostId > after)
                .OrderBy(pt => pt.PostId).Select(pt => pt.PostId).Take(TagRuleJobs.BatchSize)
                .ToListAsync(ct);
            if (postIds.Count == 0)
            {
                break;
            }
            given += await tags.GiveTagsAsync(postIds, implied, ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            after = postIds[^1];
            await context.ReportProgressAsync($"{given} tags given to posts up to {after}", ct);
        }
        await counts.RecountAsync(implied, ct);
    }
}
