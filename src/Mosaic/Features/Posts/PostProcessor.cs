using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Features.Media.Analysis;
using Mosaic.Features.Tags;
using Mosaic.Platform.Data;
using Mosaic.Platform.Imaging;
using Mosaic.Platform.Jobs;
using Mosaic.Platform.Storage;

namespace Mosaic.Features.Posts;

/// <summary>
/// The <c>posts.process</c> job: renders the variants in the imaging host, stores them under content-addressed keys,
/// measures blurhash, palette, perceptual hash and automatic tags, flags near duplicates, and marks the post ready.
/// Idempotent: a rerun overwrites the same keys and replaces the post's derived rows in one transaction; files are
/// written before any row points at them.
/// </summary>
public sealed partial class PostProcessor(
    MosaicDbContext db,
    IObjectStore store,
    ImagingHost imaging,
    TagService tags,
    PostTagCounts counts,
    IOptions<PostsOptions> options,
    TimeProvider clock,
    ILogger<PostProcessor> logger) : IJobHandler
{
    public async Task HandleAsync(JobContext context, CancellationToken ct)
    {
        var postId = context.Payload<ProcessPost>().PostId;
        var post = await db.Set<Post>().FirstOrDefaultAsync(p => p.Id == postId, ct);
        if (post is null || post.Status is PostStatus.Deleted or PostStatus.Ready)
        {
            return;
        }
        var format = FormatOf(post.OriginalContentType);
        byte[] original;
        await using (var stored = await store.OpenReadAsync(post.OriginalKey, null, ct))
        {
            if (stored is null)
            {
                await FailAsync(post, "The uploaded file is missing from storage.", ct);
                return;
            }
            original = new byte[stored.Length];
            await stored.Content.ReadExactlyAsync(original, ct);
        }

        ImagingResult result;
        try
        {
            var probe = new ImageProbe(post.Width, post.Height, 3, post.HasAlpha, post.Frames, 1, false, 0);
            result = await imaging.RunAsync(new ImagingRequest("process", format, imaging.Limits, Variants.For(probe), Variants.AnalysisSide), original, ct);
        }
        catch (ImagingException ex) when (ex.Failure != ImagingFailure.HostFailed || context.IsLastAttempt)
        {
            await FailAsync(post, ex.Message, ct);
            return;
        }

        var variants = new List<Variant>();
        foreach (var output in result.Outputs.Where(o => o.ContentType != ImagingOutput.RawPixels))
        {
            var key = ObjectKeys.ContentAddressed(SHA256.HashData(output.Bytes), Extension(output.ContentType));
            using var content = new MemoryStream(output.Bytes, writable: false);
            await store.PutAsync(key, content, output.ContentType, ct);
            variants.Add(new Variant { PostId = post.Id, Name = output.Name, Key = key, ContentType = output.ContentType, Width = output.Width, Height = output.Height, Bytes = output.Bytes.Length });
        }

        var analysis = result.Output("analysis");
        var pixels = new PixelBuffer(analysis.Width, analysis.Height, analysis.Bands, analysis.Bytes);
        var palette = Palette.Extract(pixels);
        var hash = PerceptualHash.Compute(pixels);
        var probeResult = result.Probe!;
        var facts = new ImageFacts(post.Width, post.Height, probeResult.HasAlpha, probeResult.Frames > 1, probeResult.Frames);
        var autoTags = AutoTagger.Tag(facts, pixels, palette);

        var autoTagRows = await tags.EnsureAsync(
            [.. autoTags.Select(t => new TagInput(t.Name, t.Category == "meta" ? TagCategory.Meta : TagCategory.General))], TagCategory.General, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<Variant>().Where(v => v.PostId == post.Id).ExecuteDeleteAsync(ct);
        await db.Set<PostColor>().Where(c => c.PostId == post.Id).ExecuteDeleteAsync(ct);
        await db.Set<PostTag>().Where(t => t.PostId == post.Id && t.Source == TagSource.Auto).ExecuteDeleteAsync(ct);
        await db.Set<PostDuplicate>().Where(d => d.PostId == post.Id || d.OtherPostId == post.Id).ExecuteDeleteAsync(ct);

        db.Set<Variant>().AddRange(variants);
        db.Set<PostColor>().AddRange(palette.Select((c, i) => new PostColor { PostId = post.Id, Rank = i, Hex = c.Hex, L = c.L, A = c.A, B = c.B, Weight = c.Weight }));
        var humanTagIds = await db.Set<PostTag>().Where(t => t.PostId == post.Id).Select(t => t.TagId).ToListAsync(ct);
        foreach (var (tag, row) in autoTags.Zip(autoTags.Select(t => autoTagRows.First(r => r.Name == t.Name))))
        {
            // A tag a person chose stays theirs; measurement only adds what people did not say.
            if (!humanTagIds.Contains(row.Id))
            {
                db.Set<PostTag>().Add(new PostTag { PostId = post.Id, TagId = row.Id, Source = TagSource.Auto, Confidence = Math.Round(tag.Confidence, 3) });
            }
        }
        post.SetPerceptualHash(hash);
        post.Blurhash = Blurhash.Encode(pixels);
        post.Frames = probeResult.Frames;
        post.HasAlpha = probeResult.HasAlpha;
        post.Status = PostStatus.Ready;
        post.FailureReason = null;
        post.ProcessedAt = post.UpdatedAt = clock.GetUtcNow();
        foreach (var duplicate in await NearDuplicatesAsync(post.Id, hash, ct))
        {
            db.Set<PostDuplicate>().Add(new PostDuplicate { PostId = post.Id, OtherPostId = duplicate.Id, Distance = duplicate.Distance });
            db.Set<PostDuplicate>().Add(new PostDuplicate { PostId = duplicate.Id, OtherPostId = post.Id, Distance = duplicate.Distance });
        }
        await db.SaveChangesAsync(ct);
        await counts.RecountForPostAsync(post.Id, ct);
        await transaction.CommitAsync(ct);
        Processed(logger, post.Id, variants.Count, palette.Count, autoTags.Count);
    }

    /// <summary>
    /// Multi-index hashing: two 64-bit hashes within 7 bits agree, in at least one of their four 16-bit chunks, to
    /// within one bit. So the candidates are the posts whose chunk i is one of 17 values (the chunk and its 16
    /// one-bit neighbours) for some i — index lookups, never a scan — and the exact distance picks among them.
    /// </summary>
    private async Task<List<(long Id, int Distance)>> NearDuplicatesAsync(long postId, ulong hash, CancellationToken ct)
    {
        var threshold = options.Value.NearDuplicateDistance;
        var c = Enumerable.Range(0, 4).Select(i => Neighbours((int)((hash >> (16 * i)) & 0xFFFF))).ToArray();
        var (c0, c1, c2, c3) = (c[0], c[1], c[2], c[3]);
        var candidates = await db.Set<Post>().AsNoTracking()
            .Where(p => p.Id != postId && p.Status == PostStatus.Ready && p.PerceptualHash != null)
            .Where(p => c0.Contains(p.PHash0!.Value) || c1.Contains(p.PHash1!.Value) || c2.Contains(p.PHash2!.Value) || c3.Contains(p.PHash3!.Value))
            .Select(p => new { p.Id, p.PerceptualHash })
            .Take(500)
            .ToListAsync(ct);
        return [.. candidates
            .Select(p => (p.Id, Distance: PerceptualHash.Distance(hash, unchecked((ulong)p.PerceptualHash!.Value))))
            .Where(p => p.Distance <= threshold)];
    }

    private static int[] Neighbours(int chunk) => [chunk, .. Enumerable.Range(0, 16).Select(bit => chunk ^ (1 << bit))];

    private async Task FailAsync(Post post, string reason, CancellationToken ct)
    {
        post.Status = PostStatus.Failed;
        post.FailureReason = reason.Length > 500 ? reason[..500] : reason;
        post.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        // Nothing will ever be rendered from it now: keep the reason, not the file.
        await store.DeleteAsync(post.OriginalKey, ct);
        Failed(logger, post.Id, reason);
    }

    private static ImageFormat FormatOf(string contentType) => contentType switch
    {
        "image/jpeg" => ImageFormat.Jpeg,
        "image/png" => ImageFormat.Png,
        "image/webp" => ImageFormat.WebP,
        "image/gif" => ImageFormat.Gif,
        "image/avif" => ImageFormat.Avif,
        _ => throw new InvalidOperationException($"Unexpected original type {contentType}."),
    };

    private static string Extension(string contentType) => contentType switch
    {
        "image/webp" => "webp",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/gif" => "gif",
        _ => "bin",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId} ready: {Variants} variants, {Colours} colours, {Tags} automatic tags")]
    private static partial void Processed(ILogger logger, long postId, int variants, int colours, int tags);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId} failed: {Reason}")]
    private static partial void Failed(ILogger logger, long postId, string reason);
}
