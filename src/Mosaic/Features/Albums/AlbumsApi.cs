using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Mosaic.Features.Posts;
using Mosaic.Platform.Api;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Albums;

/// <param name="PostId">A post: each album then says whether it holds it (<c>containsPost</c>).</param>
public sealed record MyAlbumsQuery([property: FromQuery(Name = "postId")] long? PostId);

/// <param name="Cursor">The <c>nextCursor</c> of the previous page.</param>
/// <param name="Limit">Posts per page, 1–100.</param>
public sealed record AlbumPostsQuery([property: FromQuery(Name = "cursor")] string? Cursor, [property: FromQuery(Name = "limit")] int? Limit);

public static class AlbumsApi
{
    public static IEndpointRouteBuilder MapAlbumsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Albums").RequireXsrfForCookieWrites();
        api.MapGet("/me/albums", ListMine).RequireAuthorization();
        api.MapGet("/users/{username}/albums", ListPublic).AllowAnonymous();

        var albums = api.MapGroup("/albums");
        albums.MapPost("/", Create).RequireAuthorization();
        albums.MapGet("/{id:long}", Get).AllowAnonymous();
        albums.MapPatch("/{id:long}", Update).RequireAuthorization();
        albums.MapDelete("/{id:long}", Delete).RequireAuthorization();
        albums.MapGet("/{id:long}/posts", Posts).AllowAnonymous();
        albums.MapPut("/{id:long}/posts/{postId:long}", AddPost).RequireAuthorization();
        albums.MapDelete("/{id:long}/posts/{postId:long}", RemovePost).RequireAuthorization();
        albums.MapPost("/{id:long}/posts/{postId:long}/move", MovePost).RequireAuthorization();
        return app;
    }

    /// <summary>
    /// The caller's albums, private ones included, most recently changed first. With <c>postId</c>, each album's
    /// <c>containsPost</c> says whether it holds that post (the album picker's checkboxes).
    /// </summary>
    public static async Task<Ok<List<AlbumDto>>> ListMine([AsParameters] MyAlbumsQuery query, ClaimsPrincipal user, AlbumQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListOwnAsync(UserId(user)!.Value, query.PostId, ct));

    /// <summary>A person's public albums, most recently changed first.</summary>
    public static async Task<Results<Ok<List<AlbumDto>>, NotFound>> ListPublic(string username, AlbumQueries queries, CancellationToken ct) =>
        await queries.ListPublicAsync(username, ct) is { } albums ? TypedResults.Ok(albums) : TypedResults.NotFound();

    /// <summary>Creates an album (private unless <c>isPublic</c>). At most 500 per person; names are unique per person.</summary>
    public static async Task<Results<Created<AlbumDto>, ValidationProblem, ProblemHttpResult>> Create(
        CreateAlbumRequest request, ClaimsPrincipal user, HttpContext http, AlbumService albums, AlbumQueries queries, CancellationToken ct)
    {
        var userId = UserId(user)!.Value;
        var outcome = await albums.CreateAsync(userId, request, ct);
        if (!outcome.Succeeded)
        {
            return outcome.Result == AlbumResult.Invalid ? TypedResults.ValidationProblem(outcome.Errors!) : Problem(http, outcome);
        }
        var album = (await queries.GetAsync(outcome.AlbumId, userId, ct))!;
        return TypedResults.Created($"/api/v1/albums/{album.Id}", album);
    }

    /// <summary>An album; another person's private album is 404, as if it did not exist.</summary>
    public static async Task<Results<Ok<AlbumDto>, NotFound>> Get(long id, ClaimsPrincipal user, AlbumQueries queries, CancellationToken ct) =>
        await queries.GetAsync(id, UserId(user), ct) is { } album ? TypedResults.Ok(album) : TypedResults.NotFound();

    /// <summary>Renames an album, changes its description or makes it public or private. Only the owner may.</summary>
    public static async Task<Results<Ok<AlbumDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> Update(
        long id, UpdateAlbumRequest request, ClaimsPrincipal user, HttpContext http, AlbumService albums, AlbumQueries queries, CancellationToken ct)
    {
        var userId = UserId(user)!.Value;
        var outcome = await albums.UpdateAsync(userId, id, request, ct);
        return outcome.Result switch
        {
            AlbumResult.Done => TypedResults.Ok((await queries.GetAsync(id, userId, ct))!),
            AlbumResult.NotFound => TypedResults.NotFound(),
            AlbumResult.Forbidden => TypedResults.Forbid(),
            AlbumResult.Invalid => TypedResults.ValidationProblem(outcome.Errors!),
            _ => Problem(http, outcome),
        };
    }

    /// <summary>Deletes an album (not its posts). Only the owner may.</summary>
    public static async Task<Results<NoContent, NotFound, ForbidHttpResult, ProblemHttpResult>> Delete(
        long id, ClaimsPrincipal user, HttpContext http, AlbumService albums, CancellationToken ct) =>
        Written(http, await albums.DeleteAsync(UserId(user)!.Value, id, ct));

    /// <summary>
    /// A page of the album's posts in album order. Pass the returned <c>nextCursor</c> as <c>cursor</c> for the next page.
    /// </summary>
    public static async Task<Results<Ok<PostPageDto>, NotFound>> Posts(
        long id, [AsParameters] AlbumPostsQuery query, ClaimsPrincipal user, AlbumQueries queries, IOptions<PostsOptions> options, CancellationToken ct)
    {
        if (await queries.GetAsync(id, UserId(user), ct) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await queries.PageAsync(id, query.Cursor, Math.Clamp(query.Limit ?? options.Value.PageSize, 1, 100), ct));
    }

    /// <summary>
    /// Adds a ready post to the end of the album. Idempotent: adding it again answers 204 and changes nothing.
    /// A post the caller cannot see is 404; a full album (10,000 posts) is 409.
    /// </summary>
    public static async Task<Results<NoContent, NotFound, ForbidHttpResult, ProblemHttpResult>> AddPost(
        long id, long postId, ClaimsPrincipal user, HttpContext http, AlbumService albums, CancellationToken ct) =>
        Written(http, await albums.AddAsync(UserId(user)!.Value, id, postId, ct));

    /// <summary>Removes a post from the album. Idempotent: removing a post that is not there answers 204.</summary>
    public static async Task<Results<NoContent, NotFound, ForbidHttpResult, ProblemHttpResult>> RemovePost(
        long id, long postId, ClaimsPrincipal user, HttpContext http, AlbumService albums, CancellationToken ct) =>
        Written(http, await albums.RemoveAsync(UserId(user)!.Value, id, postId, ct));

    /// <summary>
    /// Moves a post immediately <c>before</c> or <c>after</c> another post of the album. Giving both (the new
    /// neighbours) makes the move fail with 409 if the order changed since the caller read it.
    /// </summary>
    public static async Task<Results<NoContent, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> MovePost(
        long id, long postId, MoveAlbumPostRequest request, ClaimsPrincipal user, HttpContext http, AlbumService albums, CancellationToken ct)
    {
        var outcome = await albums.MoveAsync(UserId(user)!.Value, id, postId, request, ct);
        return outcome.Result switch
        {
            AlbumResult.Done => TypedResults.NoContent(),
            AlbumResult.NotFound => TypedResults.NotFound(),
            AlbumResult.Forbidden => TypedResults.Forbid(),
            AlbumResult.Invalid => TypedResults.ValidationProblem(outcome.Errors!),
            _ => Problem(http, outcome),
        };
    }

    private static Results<NoContent, NotFound, ForbidHttpResult, ProblemHttpResult> Written(HttpContext http, AlbumOutcome outcome) => outcome.Result switch
    {
        AlbumResult.Done => TypedResults.NoContent(),
        AlbumResult.NotFound => TypedResults.NotFound(),
        AlbumResult.Forbidden => TypedResults.Forbid(),
        _ => Problem(http, outcome),
    };

    private static ProblemHttpResult Problem(HttpContext http, AlbumOutcome outcome) => outcome.Result switch
    {
        AlbumResult.Throttled => Problems.TooManyRequests(http, outcome.Throttle, outcome.Title!),
        AlbumResult.Conflict => Problems.Conflict(outcome.Errors ?? [], outcome.Title!),
        AlbumResult.PostNotFound => TypedResults.Problem(new HttpValidationProblemDetails(outcome.Errors ?? []) { Status = StatusCodes.Status404NotFound, Title = outcome.Title }),
        AlbumResult.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: outcome.Title),
        AlbumResult.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: outcome.Title),
        _ => TypedResults.Problem(new HttpValidationProblemDetails(outcome.Errors ?? []) { Status = StatusCodes.Status400BadRequest, Title = outcome.Title }),
    };

    internal static Guid? UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var userId) ? userId : null;
}
