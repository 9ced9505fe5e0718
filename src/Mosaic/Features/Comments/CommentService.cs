using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Comments;

public enum CommentWriteStatus
{
    Done,
    NotFound,
    Forbidden,
    Invalid,
}

/// <summary>What a write did: on success the comment, its post and its thread (the top-level comment) for linking to it.</summary>
public sealed record CommentWrite(CommentWriteStatus Status, long CommentId = 0, long PostId = 0, long ThreadId = 0, FieldErrors? Errors = null)
{
    public static readonly CommentWrite NotFound = new(CommentWriteStatus.NotFound);
    public static readonly CommentWrite Forbidden = new(CommentWriteStatus.Forbidden);

    public static CommentWrite Invalid(FieldErrors errors) => new(CommentWriteStatus.Invalid, Errors: errors);
}

/// <summary>
/// Writes comments for the API and the post page's form. <see cref="Post.CommentCount"/> moves in the same
/// transaction as the comment, by relative updates, and a delete counts only once however many arrive together.
/// </summary>
public sealed class CommentService(MosaicDbContext db, TimeProvider clock)
{
    public static FieldErrors Validate(string? body)
    {
        var errors = new FieldErrors();
        var text = body?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("body", "Write something first.");
        }
        else if (text.Length > Comment.BodyMaxLength)
        {
            errors.Add("body", $"Comments are at most {Comment.BodyMaxLength} characters long.");
        }
        return errors;
    }

    /// <summary>Comments on a ready post, or replies to a comment on it (a reply to a reply joins that reply's thread).</summary>
    public async Task<CommentWrite> CreateAsync(long postId, Guid userId, string? body, long? parentId, CancellationToken ct)
    {
        if (!await ReadyPost(postId).AnyAsync(ct))
        {
            return CommentWrite.NotFound;
        }
        var errors = Validate(body);
        long? threadId = null;
        if (parentId is { } id)
        {
            var parent = await db.Set<Comment>().AsNoTracking()
                .Where(c => c.Id == id && c.PostId == postId && c.DeletedAt == null)
                .Select(c => new { c.Id, c.ParentId })
                .FirstOrDefaultAsync(ct);
            if (parent is null)
            {
                errors.Add("parentId", "The comment you are replying to is not there any more.");
            }
            else
            {
                threadId = parent.ParentId ?? parent.Id;
            }
        }
        if (errors.Count > 0)
        {
            return CommentWrite.Invalid(errors);
        }

        var comment = new Comment { PostId = postId, UserId = userId, ParentId = threadId, Body = body!.Trim(), CreatedAt = clock.GetUtcNow() };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(comment);
        await db.SaveChangesAsync(ct);
        var counted = await ReadyPost(postId).ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, p => p.CommentCount + 1), ct);
        if (counted == 0)
        {
            // The post was deleted meanwhile.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return CommentWrite.NotFound;
        }
        await transaction.CommitAsync(ct);
        return new CommentWrite(CommentWriteStatus.Done, comment.Id, postId, threadId ?? comment.Id);
    }

    /// <summary>Replaces a comment's text and marks it edited. Only its author may.</summary>
    public async Task<CommentWrite> EditAsync(long commentId, CommentViewer viewer, string? body, CancellationToken ct)
    {
        var comment = await Live(commentId).AsNoTracking().Select(c => new { c.PostId, c.UserId, c.ParentId, c.Body }).FirstOrDefaultAsync(ct);
        if (comment is null)
        {
            return CommentWrite.NotFound;
        }
        if (!viewer.CanEdit(comment.UserId))
        {
            return CommentWrite.Forbidden;
        }
        var errors = Validate(body);
        if (errors.Count > 0)
        {
            return CommentWrite.Invalid(errors);
        }
        var text = body!.Trim();
        if (text != comment.Body)
        {
            // Conditional, so an edit racing a delete cannot bring the text back.
            var now = clock.GetUtcNow();
            var edited = await db.Set<Comment>().Where(c => c.Id == commentId && c.DeletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Body, text).SetProperty(c => c.EditedAt, now), ct);
            if (edited == 0)
            {
                return CommentWrite.NotFound;
            }
        }
        return new CommentWrite(CommentWriteStatus.Done, commentId, comment.PostId, comment.ParentId ?? commentId);
    }

    /// <summary>
    /// Deletes a comment (its author or a moderator). The row stays, without its text, so a thread keeps its place:
    /// readers see "[deleted]" while it has replies and nothing once it has none.
    /// </summary>
    public async Task<CommentWrite> DeleteAsync(long commentId, CommentViewer viewer, CancellationToken ct)
    {
        var comment = await Live(commentId).AsNoTracking().Select(c => new { c.PostId, c.UserId, c.ParentId }).FirstOrDefaultAsync(ct);
        if (comment is null)
        {
            return CommentWrite.NotFound;
        }
        if (!viewer.CanDelete(comment.UserId))
        {
            return CommentWrite.Forbidden;
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.Set<Comment>().Where(c => c.Id == commentId && c.DeletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, now).SetProperty(c => c.Body, ""), ct);
        if (deleted == 0)
        {
            // Another request deleted it first, and counted it.
            await transaction.RollbackAsync(ct);
            return CommentWrite.NotFound;
        }
        await db.Set<Post>().Where(p => p.Id == comment.PostId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CommentCount, p => p.CommentCount - 1), ct);
        await transaction.CommitAsync(ct);
        return new CommentWrite(CommentWriteStatus.Done, commentId, comment.PostId, comment.ParentId ?? commentId);
    }

    private IQueryable<Post> ReadyPost(long postId) => db.Set<Post>().Where(p => p.Id == postId && p.Status == PostStatus.Ready);

    private IQueryable<Comment> Live(long commentId) =>
        db.Set<Comment>().Where(c => c.Id == commentId && c.DeletedAt == null && db.Set<Post>().Any(p => p.Id == c.PostId && p.Status == PostStatus.Ready));
}
