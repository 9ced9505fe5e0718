using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Comments;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Votes;

/// <summary>
/// Likes and dislikes on posts and comments. A vote row and the counts it moves are written in one transaction;
/// counts move by relative updates (<c>LikeCount = LikeCount + 1</c>), never read-modify-write, and a vote row is
/// changed only if it still holds the value that was read (compare-and-set, retried otherwise), so concurrent
/// votes — by many people, or by one person twice — leave the counts exact.
/// </summary>
public sealed class VoteService(MosaicDbContext db, TimeProvider clock)
{
    private const int Attempts = 5;

    /// <summary>Casts <paramref name="value"/> (1, -1 or 0) on a ready post; null when there is no such post.</summary>
    public Task<VoteDto?> VoteOnPostAsync(long postId, Guid userId, int value, CancellationToken ct) =>
        CastAsync(
            VisiblePost(postId),
            db.Set<PostVote>().Where(v => v.PostId == postId && v.UserId == userId),
            now => new PostVote { PostId = postId, UserId = userId, Value = (short)value, CreatedAt = now },
            value, ct);

    /// <summary>Casts <paramref name="value"/> (1, -1 or 0) on a live comment of a ready post; null when there is none.</summary>
    public Task<VoteDto?> VoteOnCommentAsync(long commentId, Guid userId, int value, CancellationToken ct) =>
        CastAsync(
            VisibleComment(commentId),
            db.Set<CommentVote>().Where(v => v.CommentId == commentId && v.UserId == userId),
            now => new CommentVote { CommentId = commentId, UserId = userId, Value = (short)value, CreatedAt = now },
            value, ct);

    /// <summary>A ready post's counts and the viewer's vote, in one query; null when there is no such post.</summary>
    public async Task<VoteDto?> PostStateAsync(long postId, Guid? userId, CancellationToken ct)
    {
        var state = await VisiblePost(postId).AsNoTracking()
            .Select(p => new
            {
                p.LikeCount,
                p.DislikeCount,
                Mine = db.Set<PostVote>().Where(v => v.PostId == p.Id && v.UserId == userId).Select(v => (short?)v.Value).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        return state is null ? null : new VoteDto(state.LikeCount, state.DislikeCount, state.Mine ?? 0);
    }

    /// <summary>A live comment's counts and the viewer's vote, in one query; null when there is no such comment.</summary>
    public async Task<VoteDto?> CommentStateAsync(long commentId, Guid? userId, CancellationToken ct)
    {
        var state = await VisibleComment(commentId).AsNoTracking()
            .Select(c => new
            {
                c.LikeCount,
                c.DislikeCount,
                Mine = db.Set<CommentVote>().Where(v => v.CommentId == c.Id && v.UserId == userId).Select(v => (short?)v.Value).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        return state is null ? null : new VoteDto(state.LikeCount, state.DislikeCount, state.Mine ?? 0);
    }

    /// <summary>The viewer's votes on many posts at once (a board page, swipe mode), in one query; posts without a vote are absent.</summary>
    public async Task<IReadOnlyDictionary<long, int>> MyPostVotesAsync(Guid? userId, IReadOnlyCollection<long> postIds, CancellationToken ct)
    {
        if (userId is not { } user || postIds.Count == 0)
        {
            return new Dictionary<long, int>();
        }
        return await db.Set<PostVote>().AsNoTracking()
            .Where(v => v.UserId == user && postIds.Contains(v.PostId))
            .ToDictionaryAsync(v => v.PostId, v => (int)v.Value, ct);
    }

    /// <summary>The post id a live comment belongs to, for sending a form back to its page.</summary>
    public Task<long?> PostOfCommentAsync(long commentId, CancellationToken ct) =>
        db.Set<Comment>().Where(c => c.Id == commentId).Select(c => (long?)c.PostId).FirstOrDefaultAsync(ct);

    private IQueryable<Post> VisiblePost(long id) =>
        db.Set<Post>().Where(p => p.Id == id && p.Status == PostStatus.Ready);

    private IQueryable<Comment> VisibleComment(long id) =>
        db.Set<Comment>().Where(c => c.Id == id && c.DeletedAt == null && db.Set<Post>().Any(p => p.Id == c.PostId && p.Status == PostStatus.Ready));

    private async Task<VoteDto?> CastAsync<TTarget, TVote>(
        IQueryable<TTarget> target, IQueryable<TVote> mine, Func<DateTimeOffset, TVote> create, int value, CancellationToken ct)
        where TTarget : class
        where TVote : class
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var (retry, vote) = await TryCastAsync(target, mine, create, value, ct);
                if (retry)
                {
                    await transaction.RollbackAsync(ct);
                    if (attempt < Attempts)
                    {
                        continue;
                    }
                    throw new DbUpdateConcurrencyException("The vote kept changing under concurrent requests.");
                }
                if (vote is null)
                {
                    await transaction.RollbackAsync(ct);
                    return null;
                }
                await transaction.CommitAsync(ct);
                return vote;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // The same person's concurrent request inserted the vote row first: read it again.
                await transaction.RollbackAsync(ct);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(bool Retry, VoteDto? Vote)> TryCastAsync<TTarget, TVote>(
        IQueryable<TTarget> target, IQueryable<TVote> mine, Func<DateTimeOffset, TVote> create, int value, CancellationToken ct)
        where TTarget : class
        where TVote : class
    {
        if (!await target.AnyAsync(ct))
        {
            return (false, null);
        }
        var old = await mine.Select(v => (short?)EF.Property<short>(v, nameof(PostVote.Value))).FirstOrDefaultAsync(ct) ?? 0;
        if (old != value)
        {
            var now = clock.GetUtcNow();
            var next = (short)value;
            // Only if the row still holds what was read: otherwise another request got there first, and this one retries.
            var unchanged = mine.Where(v => EF.Property<short>(v, nameof(PostVote.Value)) == old);
            int written;
            if (value == 0)
            {
                written = await unchanged.ExecuteDeleteAsync(ct);
            }
            else if (old != 0)
            {
                written = await unchanged.ExecuteUpdateAsync(s => s
                    .SetProperty(v => EF.Property<short>(v, nameof(PostVote.Value)), next)
                    .SetProperty(v => EF.Property<DateTimeOffset>(v, nameof(PostVote.CreatedAt)), now), ct);
            }
            else
            {
                db.Add(create(now));
                written = await db.SaveChangesAsync(ct);
            }
            if (written != 1)
            {
                return (true, null);
            }
            var likes = (value == 1 ? 1 : 0) - (old == 1 ? 1 : 0);
            var dislikes = (value == -1 ? 1 : 0) - (old == -1 ? 1 : 0);
            var counted = await target.ExecuteUpdateAsync(s => s
                .SetProperty(t => EF.Property<int>(t, nameof(Post.LikeCount)), t => EF.Property<int>(t, nameof(Post.LikeCount)) + likes)
                .SetProperty(t => EF.Property<int>(t, nameof(Post.DislikeCount)), t => EF.Property<int>(t, nameof(Post.DislikeCount)) + dislikes), ct);
            if (counted == 0)
            {
                // The post or comment went away meanwhile.
                return (false, null);
            }
        }
        var counts = await target.AsNoTracking()
            .Select(t => new { Likes = EF.Property<int>(t, nameof(Post.LikeCount)), Dislikes = EF.Property<int>(t, nameof(Post.DislikeCount)) })
            .FirstOrDefaultAsync(ct);
        return counts is null ? (false, null) : (false, new VoteDto(counts.Likes, counts.Dislikes, value));
    }
}
