using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Comments;

/// <summary>
/// Reads comments for the API and the post page in a fixed number of queries whatever their number: the post, one
/// page of threads with their authors, the replies of those threads with theirs, the viewer's votes on all of them,
/// and the mentioned usernames that exist.
/// </summary>
public sealed class CommentQueries(MosaicDbContext db)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    /// <summary>Replies loaded with one page of threads at most, oldest first: a cap on the work one request can cause.</summary>
    public const int MaxRepliesPerPage = 500;

    private static readonly Expression<Func<Comment, CommentRow>> Row = c => new CommentRow(
        c.Id, c.PostId, c.ParentId, c.UserId, c.User!.UserName, c.Body, c.LikeCount, c.DislikeCount, c.CreatedAt, c.EditedAt, c.DeletedAt);

    /// <summary>
    /// Threads of a ready post, newest first, after <paramref name="cursor"/> (a comment id; keyset, never OFFSET),
    /// each with its replies oldest first. Deleted comments stay as placeholders while they have replies. Null when
    /// the post is not ready or does not exist.
    /// </summary>
    public async Task<CommentPageDto?> PageAsync(long postId, CommentViewer viewer, string? cursor, int limit, CancellationToken ct)
    {
        var total = await db.Set<Post>().Where(p => p.Id == postId && p.Status == PostStatus.Ready).Select(p => (int?)p.CommentCount).FirstOrDefaultAsync(ct);
        if (total is null)
        {
            return null;
        }
        var threads = db.Set<Comment>().AsNoTracking()
            .Where(c => c.PostId == postId && c.ParentId == null
                && (c.DeletedAt == null || db.Set<Comment>().Any(r => r.ParentId == c.Id && r.DeletedAt == null)));
        if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var before))
        {
            threads = threads.Where(c => c.Id < before);
        }
        var roots = await threads.OrderByDescending(c => c.Id).Take(limit + 1).Select(Row).ToListAsync(ct);
        var more = roots.Count > limit;
        if (more)
        {
            roots.RemoveAt(limit);
        }
        var rootIds = roots.ConvertAll(r => r.Id);
        var replies = rootIds.Count == 0
            ? []
            : await db.Set<Comment>().AsNoTracking()
                .Where(c => c.ParentId != null && rootIds.Contains(c.ParentId.Value) && c.DeletedAt == null)
                .OrderBy(c => c.Id).Take(MaxRepliesPerPage).Select(Row).ToListAsync(ct);
        var dtos = await ToDtosAsync([.. roots, .. replies], viewer, ct);
        var repliesOf = replies.ToLookup(r => r.ParentId!.Value, r => dtos[r.Id]);
        var items = roots.ConvertAll(r => dtos[r.Id] with { Replies = [.. repliesOf[r.Id]] });
        return new CommentPageDto(items, more ? roots[^1].Id.ToString(CultureInfo.InvariantCulture) : null, total.Value, viewer.UserId is not null);
    }

    /// <summary>One comment of a ready post (a placeholder if deleted), without its replies; null when there is none.</summary>
    public async Task<CommentDto?> GetAsync(long commentId, CommentViewer viewer, CancellationToken ct)
    {
        var row = await db.Set<Comment>().AsNoTracking()
            .Where(c => c.Id == commentId && db.Set<Post>().Any(p => p.Id == c.PostId && p.Status == PostStatus.Ready))
            .Select(Row).FirstOrDefaultAsync(ct);
        return row is null ? null : (await ToDtosAsync([row], viewer, ct))[row.Id];
    }

    private async Task<Dictionary<long, CommentDto>> ToDtosAsync(IReadOnlyList<CommentRow> rows, CommentViewer viewer, CancellationToken ct)
    {
        var live = rows.Where(r => r.DeletedAt is null).ToList();
        var liveIds = live.ConvertAll(r => r.Id);
        var myVotes = viewer.UserId is { } user && liveIds.Count > 0
            ? await db.Set<CommentVote>().AsNoTracking()
                .Where(v => v.UserId == user && liveIds.Contains(v.CommentId))
                .ToDictionaryAsync(v => v.CommentId, v => (int)v.Value, ct)
            : [];
        var documents = live.ToDictionary(r => r.Id, r => CommentMarkdown.Parse(r.Body));
        var mentioned = documents.ToDictionary(d => d.Key, d => CommentMarkdown.MentionedNames(d.Value).Distinct(StringComparer.Ordinal).ToList());
        var existing = await ExistingUsernamesAsync([.. mentioned.Values.SelectMany(names => names).Distinct(StringComparer.Ordinal)], ct);

        return rows.ToDictionary(r => r.Id, r => r.DeletedAt is not null
            ? new CommentDto(r.Id, r.PostId, r.ParentId, null, "", "", "", [], r.CreatedAt, null, true, 0, 0, 0, false, false, [])
            : new CommentDto(
                r.Id,
                r.PostId,
                r.ParentId,
                new UserRefDto(r.UserId, r.Username ?? ""),
                r.Body,
                CommentMarkdown.ToHtml(documents[r.Id], existing),
                CommentMarkdown.ToPlainText(r.Body),
                [.. mentioned[r.Id].Where(existing.Contains)],
                r.CreatedAt,
                r.EditedAt,
                false,
                r.LikeCount,
                r.DislikeCount,
                myVotes.GetValueOrDefault(r.Id),
                viewer.CanEdit(r.UserId),
                viewer.CanDelete(r.UserId),
                []));
    }

    private async Task<HashSet<string>> ExistingUsernamesAsync(List<string> names, CancellationToken ct)
    {
        if (names.Count == 0)
        {
            return [];
        }
        // Identity's normalizer upper-cases; usernames themselves are stored in lower case.
        var normalized = names.ConvertAll(n => n.ToUpperInvariant());
        var found = await db.Set<User>().AsNoTracking()
            .Where(u => normalized.Contains(u.NormalizedUserName!))
            .Select(u => u.UserName!)
            .ToListAsync(ct);
        return found.Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    private sealed record CommentRow(
        long Id, long PostId, long? ParentId, Guid UserId, string? Username, string Body, int LikeCount, int DislikeCount,
        DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, DateTimeOffset? DeletedAt);
}
