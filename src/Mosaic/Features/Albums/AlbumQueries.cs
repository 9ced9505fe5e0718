using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Albums;

/// <summary>Reads albums for the API and the pages, each in a fixed number of queries (no N+1).</summary>
public sealed class AlbumQueries(MosaicDbContext db)
{
    /// <summary>The album if <paramref name="viewer"/> may see it: public ones for everyone, private ones for their owner.</summary>
    public Task<AlbumDto?> GetAsync(long id, Guid? viewer, CancellationToken ct) =>
        Project(db.Set<Album>().Where(a => a.Id == id && (a.IsPublic || a.UserId == viewer)), null).FirstOrDefaultAsync(ct);

    /// <summary>Someone's own albums, most recently changed first; with <paramref name="postId"/>, whether each holds that post.</summary>
    public Task<List<AlbumDto>> ListOwnAsync(Guid userId, long? postId, CancellationToken ct) =>
        Project(db.Set<Album>().Where(a => a.UserId == userId).OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id), postId).ToListAsync(ct);

    /// <summary>A person's public albums, most recently changed first; null when there is no such person.</summary>
    public async Task<List<AlbumDto>?> ListPublicAsync(string username, CancellationToken ct)
    {
        var normalized = username.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (userId is null)
        {
            return null;
        }
        return await Project(db.Set<Album>().Where(a => a.UserId == userId && a.IsPublic).OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id), null)
            .ToListAsync(ct);
    }

    /// <summary>
    /// A page of the album's ready posts in album order (Position, then PostId), after the cursor: keyset pagination
    /// on the (AlbumId, Position) index, never OFFSET. The cursor is <c>position_postId</c> of the last post shown.
    /// Thumbnails come in the same query, as on the board.
    /// </summary>
    public async Task<PostPageDto> PageAsync(long albumId, string? cursor, int limit, CancellationToken ct)
    {
        var rows = db.Set<AlbumPost>().AsNoTracking().Where(a => a.AlbumId == albumId);
        if (ParseCursor(cursor) is var (position, postId))
        {
            // The first condition alone is a range on the (AlbumId, Position) index; the second breaks ties.
            rows = rows.Where(a => a.Position >= position && (a.Position > position || a.PostId > postId));
        }
        var posts = await rows
            .Join(db.Set<Post>().Where(p => p.Status == PostStatus.Ready), a => a.PostId, p => p.Id, (a, p) => new { a.Position, Post = p })
            .OrderBy(x => x.Position).ThenBy(x => x.Post.Id)
            .Take(limit + 1)
            .Select(x => new
            {
                x.Position, x.Post.Id, x.Post.Title, x.Post.Rating, x.Post.Width, x.Post.Height, x.Post.Blurhash, x.Post.LikeCount, x.Post.CommentCount,
                Thumbnails = x.Post.Variants.Where(v => v.Name == Variants.Thumb || v.Name == Variants.Thumb2x || v.Name == Variants.ThumbFallback)
                    .Select(v => new VariantDto(v.Name, "/media/" + v.Key, v.Width, v.Height, v.ContentType)).ToList(),
            })
            .ToListAsync(ct);
        var items = posts.Take(limit)
            .Select(p => new PostSummaryDto(p.Id, p.Title, p.Rating.ToString().ToLowerInvariant(), p.Width, p.Height, p.Blurhash, p.Thumbnails, p.LikeCount, p.CommentCount))
            .ToList();
        var next = posts.Count > limit ? Cursor(posts[limit - 1].Position, posts[limit - 1].Id) : null;
        return new PostPageDto(items, next);
    }

    public static string Cursor(long position, long postId) =>
        string.Create(CultureInfo.InvariantCulture, $"{position}_{postId}");

    private static (long Position, long PostId)? ParseCursor(string? cursor)
    {
        var parts = cursor?.Split('_');
        return parts is [var p, var id]
            && long.TryParse(p, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var position)
            && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var postId)
            ? (position, postId)
            : null;
    }

    private IQueryable<AlbumDto> Project(IQueryable<Album> albums, long? postId) => albums.Select(a => new AlbumDto(
        a.Id,
        a.Name,
        a.Description,
        a.IsPublic,
        a.PostCount,
        new UserRefDto(a.UserId, a.User!.UserName ?? ""),
        a.CreatedAt,
        a.UpdatedAt,
        // The first ready post's thumbnail: one correlated lookup on the (AlbumId, Position) index per album, in the same query.
        db.Set<AlbumPost>()
            .Where(ap => ap.AlbumId == a.Id && db.Set<Post>().Any(p => p.Id == ap.PostId && p.Status == PostStatus.Ready))
            .OrderBy(ap => ap.Position).ThenBy(ap => ap.PostId)
            .Select(ap => db.Set<Variant>().Where(v => v.PostId == ap.PostId && v.Name == Variants.ThumbFallback).Select(v => "/media/" + v.Key).FirstOrDefault())
            .FirstOrDefault(),
        postId == null ? (bool?)null : db.Set<AlbumPost>().Any(ap => ap.AlbumId == a.Id && ap.PostId == postId)));
}
