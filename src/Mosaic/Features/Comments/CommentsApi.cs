using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Mosaic.Features.Posts;
using Mosaic.Platform.Api;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Comments;

public static class CommentsApi
{
    public static IEndpointRouteBuilder MapCommentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Comments").RequireXsrfForCookieWrites();

        api.MapGet("/posts/{id:long}/comments", List).AllowAnonymous();
        api.MapPost("/posts/{id:long}/comments", Create).RequireAuthorization();
        api.MapGet("/comments/{id:long}", Get).AllowAnonymous();
        api.MapPatch("/comments/{id:long}", Update).RequireAuthorization();
        api.MapDelete("/comments/{id:long}", Delete).RequireAuthorization();
        return app;
    }

    /// <summary>
    /// A ready post's comments: threads newest first (<c>limit</c> 1–50, default 20), each with its replies oldest
    /// first (at most 500 replies per page). Pass the returned <c>nextCursor</c> as <c>cursor</c> for older threads.
    /// </summary>
    public static async Task<Results<Ok<CommentPageDto>, NotFound>> List(long id, [AsParameters] PageQuery query, ClaimsPrincipal user, CommentQueries comments, CancellationToken ct)
    {
        var limit = Math.Clamp(query.Limit ?? CommentQueries.DefaultPageSize, 1, CommentQueries.MaxPageSize);
        var page = await comments.PageAsync(id, CommentViewer.From(user), query.Cursor, limit, ct);
        return page is null ? TypedResults.NotFound() : TypedResults.Ok(page);
    }

    /// <summary>
    /// Comments on a ready post, or replies to one of its comments with <c>parentId</c>. Markdown; <c>@username</c>
    /// mentions link to existing accounts. 404 for a post you cannot see, 429 with Retry-After when writing too fast.
    /// </summary>
    public static async Task<Results<Created<CommentDto>, NotFound, ValidationProblem, ProblemHttpResult>> Create(
        long id, CreateCommentRequest request, HttpContext http, CommentService service, CommentQueries comments, CommentThrottle throttle, CancellationToken ct)
    {
        var viewer = CommentViewer.From(http.User);
        var decision = throttle.Attempt(viewer.UserId!.Value);
        if (!decision.Allowed)
        {
            return Problems.TooManyRequests(http, decision, "You are commenting too fast; try again in a moment.");
        }
        var write = await service.CreateAsync(id, viewer.UserId.Value, request.Body, request.ParentId, ct);
        return write.Status switch
        {
            CommentWriteStatus.Done => TypedResults.Created($"/api/v1/comments/{write.CommentId}", (await comments.GetAsync(write.CommentId, viewer, ct))!),
            CommentWriteStatus.Invalid => TypedResults.ValidationProblem(write.Errors!),
            _ => TypedResults.NotFound(),
        };
    }

    /// <summary>One comment (without its replies); a deleted one is a placeholder.</summary>
    public static async Task<Results<Ok<CommentDto>, NotFound>> Get(long id, ClaimsPrincipal user, CommentQueries comments, CancellationToken ct) =>
        await comments.GetAsync(id, CommentViewer.From(user), ct) is { } comment ? TypedResults.Ok(comment) : TypedResults.NotFound();

    /// <summary>Changes a comment's text; it is then shown as edited. Only its author may.</summary>
    public static async Task<Results<Ok<CommentDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> Update(
        long id, UpdateCommentRequest request, HttpContext http, CommentService service, CommentQueries comments, CommentThrottle throttle, CancellationToken ct)
    {
        var viewer = CommentViewer.From(http.User);
        var decision = throttle.Attempt(viewer.UserId!.Value);
        if (!decision.Allowed)
        {
            return Problems.TooManyRequests(http, decision, "You are commenting too fast; try again in a moment.");
        }
        var write = await service.EditAsync(id, viewer, request.Body, ct);
        return write.Status switch
        {
            CommentWriteStatus.Done => TypedResults.Ok((await comments.GetAsync(id, viewer, ct))!),
            CommentWriteStatus.Forbidden => TypedResults.Forbid(),
            CommentWriteStatus.Invalid => TypedResults.ValidationProblem(write.Errors!),
            _ => TypedResults.NotFound(),
        };
    }

    /// <summary>Deletes a comment (its author or a moderator). One with replies stays as a "[deleted]" placeholder.</summary>
    public static async Task<Results<NoContent, NotFound, ForbidHttpResult>> Delete(long id, ClaimsPrincipal user, CommentService service, CancellationToken ct)
    {
        var write = await service.DeleteAsync(id, CommentViewer.From(user), ct);
        return write.Status switch
        {
            CommentWriteStatus.Done => TypedResults.NoContent(),
            CommentWriteStatus.Forbidden => TypedResults.Forbid(),
            _ => TypedResults.NotFound(),
        };
    }
}
