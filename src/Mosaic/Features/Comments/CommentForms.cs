using Microsoft.AspNetCore.Antiforgery;

namespace Mosaic.Features.Comments;

/// <summary>
/// Deleting a comment as a plain form on the post page, for browsers without JavaScript: a POST with the
/// antiforgery token that redirects back to the post. (Writing and editing post back to the page itself.)
/// </summary>
public static class CommentForms
{
    /// <summary>Values of the <c>notice</c> query parameter the post page turns into a message.</summary>
    public const string DeletedNotice = "comment-deleted";

    public static IEndpointRouteBuilder MapCommentForms(this IEndpointRouteBuilder app)
    {
        app.MapPost("/comments/{id:long}/delete", DeleteAsync).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext http, IAntiforgery antiforgery, CommentService service, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form expired; reload the page and try again.");
        }
        var viewer = CommentViewer.From(http.User);
        if (viewer.UserId is null)
        {
            return Results.LocalRedirect("/account/signin");
        }
        var write = await service.DeleteAsync(id, viewer, ct);
        return write.Status switch
        {
            CommentWriteStatus.Done => Results.LocalRedirect($"/posts/{write.PostId}?notice={DeletedNotice}#comments"),
            CommentWriteStatus.Forbidden => Results.Forbid(),
            _ => Results.NotFound(),
        };
    }
}
