using System.Security.Claims;
using Mosaic.Features.Accounts;

namespace Mosaic.Features.Comments;

/// <summary>Who is reading or writing comments: their votes are shown, and their rights decide edit and delete.</summary>
public sealed record CommentViewer(Guid? UserId, bool Moderator)
{
    public static readonly CommentViewer Anonymous = new(null, false);

    public static CommentViewer From(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var userId) ? userId : null,
            user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin));

    /// <summary>Only the author edits a comment.</summary>
    public bool CanEdit(Guid authorId) => UserId == authorId;

    /// <summary>The author or a moderator deletes one.</summary>
    public bool CanDelete(Guid authorId) => UserId == authorId || (UserId is not null && Moderator);
}
