using Mosaic.Features.Posts;

namespace Mosaic.Features.Comments;

/// <summary>A new comment.</summary>
/// <param name="Body">Markdown, 1–5000 characters. <c>@username</c> links to that person when the account exists.</param>
/// <param name="ParentId">The comment this replies to. Threads are one level deep: a reply to a reply joins its thread.</param>
public sealed record CreateCommentRequest(string? Body, long? ParentId);

/// <summary>A comment's new text; the comment is then marked as edited.</summary>
public sealed record UpdateCommentRequest(string? Body);

/// <summary>
/// A comment as the API shows it. A deleted comment that still has replies stays as a placeholder:
/// <c>deleted</c> is true and it has no author, text or counts.
/// </summary>
/// <param name="Id">The comment's id.</param>
/// <param name="PostId">The post it is on.</param>
/// <param name="ParentId">The top-level comment it replies to, or null for a top-level comment.</param>
/// <param name="Author">Who wrote it; null once deleted.</param>
/// <param name="Body">The Markdown as written (for editing).</param>
/// <param name="BodyHtml">The Markdown rendered to safe HTML, mentions linked.</param>
/// <param name="BodyText">The text without Markdown syntax, for clients that show plain text.</param>
/// <param name="Mentions">The (lower-case) usernames mentioned that belong to existing accounts.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="EditedAt">When its text last changed, or null if never: shown as "edited".</param>
/// <param name="Deleted">A placeholder for a deleted comment that still has replies.</param>
/// <param name="LikeCount">Likes.</param>
/// <param name="DislikeCount">Dislikes.</param>
/// <param name="MyVote">The caller's vote: 1, -1, or 0 for none.</param>
/// <param name="CanEdit">Whether the caller may edit it (its author).</param>
/// <param name="CanDelete">Whether the caller may delete it (its author or a moderator).</param>
/// <param name="Replies">Replies, oldest first (top-level comments only).</param>
public sealed record CommentDto(
    long Id,
    long PostId,
    long? ParentId,
    UserRefDto? Author,
    string Body,
    string BodyHtml,
    string BodyText,
    IReadOnlyList<string> Mentions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool Deleted,
    int LikeCount,
    int DislikeCount,
    int MyVote,
    bool CanEdit,
    bool CanDelete,
    IReadOnlyList<CommentDto> Replies);

/// <summary>
/// One page of a post's comments, newest thread first, each with its replies; pass <paramref name="NextCursor"/>
/// back as <c>cursor</c> for older threads.
/// </summary>
/// <param name="Items">Threads, newest first.</param>
/// <param name="NextCursor">The cursor for older threads, or null on the last page.</param>
/// <param name="Total">The post's number of comments (replies included, deleted ones not).</param>
/// <param name="CanComment">Whether the caller may comment (is signed in).</param>
public sealed record CommentPageDto(IReadOnlyList<CommentDto> Items, string? NextCursor, int Total, bool CanComment);
