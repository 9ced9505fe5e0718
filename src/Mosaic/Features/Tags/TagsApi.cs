using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Platform.Api;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Tags;

public sealed record SuggestQuery([property: FromQuery(Name = "q")] string? Q, [property: FromQuery(Name = "limit")] int? Limit);

public static class TagsApi
{
    public static IEndpointRouteBuilder MapTagsApi(this IEndpointRouteBuilder app)
    {
        var tags = app.MapGroup("/api/v1/tags").WithTags("Tags").RequireXsrfForCookieWrites();
        tags.MapGet("/", Suggest).AllowAnonymous();
        tags.MapGet("/aliases/{alias}", GetAlias).AllowAnonymous();
        tags.MapPut("/aliases/{alias}", SetAlias).RequireAuthorization(Moderators).ProducesProblem(StatusCodes.Status409Conflict);
        tags.MapDelete("/aliases/{alias}", DeleteAlias).RequireAuthorization(Moderators);
        tags.MapGet("/{name}", Get).AllowAnonymous();
        tags.MapPatch("/{name}", Update).RequireAuthorization(Moderators);
        tags.MapGet("/{name}/implications", GetImplications).AllowAnonymous();
        tags.MapPut("/{name}/implications/{implied}", AddImplication).RequireAuthorization(Moderators).ProducesProblem(StatusCodes.Status409Conflict);
        tags.MapDelete("/{name}/implications/{implied}", RemoveImplication).RequireAuthorization(Moderators);

        var posts = app.MapGroup("/api/v1/posts").WithTags("Tags").RequireXsrfForCookieWrites();
        posts.MapPost("/{id:long}/tags", EditPostTags).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static void Moderators(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy) =>
        policy.RequireRole(Roles.Moderator, Roles.Admin);

    /// <summary>
    /// Autocomplete: tags whose name starts with <c>q</c> (a category prefix such as <c>artist:</c> is ignored), most
    /// used first, including the targets of matching aliases (with <c>alias</c> set). Without <c>q</c>, the most used
    /// tags. <c>limit</c> is 1–25, 10 by default.
    /// </summary>
    public static async Task<Ok<List<TagSuggestionDto>>> Suggest([AsParameters] SuggestQuery query, TagQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.SuggestAsync(query.Q, Math.Clamp(query.Limit ?? 10, 1, TagQueries.MaxSuggestions), ct));

    /// <summary>A tag with its description, aliases and implications. An alias answers with the tag it resolves to.</summary>
    public static async Task<Results<Ok<TagDto>, NotFound>> Get(string name, TagQueries queries, CancellationToken ct) =>
        await queries.GetAsync(name, ct) is { } tag ? TypedResults.Ok(tag) : TypedResults.NotFound();

    /// <summary>Changes a tag's category or Markdown description. Moderators only.</summary>
    public static async Task<Results<Ok<TagDto>, NotFound, ValidationProblem>> Update(string name, UpdateTagRequest request, TagModeration moderation, CancellationToken ct)
    {
        var change = await moderation.UpdateTagAsync(name, request, ct);
        return change.Status switch
        {
            StatusCodes.Status404NotFound => TypedResults.NotFound(),
            StatusCodes.Status400BadRequest => TypedResults.ValidationProblem(change.Errors),
            _ => TypedResults.Ok(change.Value!),
        };
    }

    public static async Task<Results<Ok<TagAliasDto>, NotFound>> GetAlias(string alias, TagQueries queries, CancellationToken ct) =>
        await queries.AliasAsync(alias, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    /// <summary>
    /// Makes <c>alias</c> resolve to <c>target</c> (created if missing). Moderators only. Posts tagged with the alias
    /// move to the target in a background job; tags people add from now on resolve at once.
    /// </summary>
    public static async Task<Results<Ok<TagAliasDto>, ValidationProblem, ProblemHttpResult>> SetAlias(
        string alias, SetAliasRequest request, ClaimsPrincipal user, TagModeration moderation, CancellationToken ct)
    {
        var change = await moderation.SetAliasAsync(alias, request.Target, TagPermissions.UserId(user), ct);
        return change.Status switch
        {
            StatusCodes.Status400BadRequest => TypedResults.ValidationProblem(change.Errors),
            StatusCodes.Status409Conflict => Problems.Conflict(change.Errors, change.Title!),
            _ => TypedResults.Ok(change.Value!),
        };
    }

    /// <summary>Removes an alias. Moderators only. Posts already moved stay with the target.</summary>
    public static async Task<Results<NoContent, NotFound>> DeleteAlias(string alias, TagModeration moderation, CancellationToken ct) =>
        await moderation.RemoveAliasAsync(alias, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>The tags this tag implies and the tags that imply it.</summary>
    public static async Task<Results<Ok<TagImplicationsDto>, NotFound>> GetImplications(string name, TagQueries queries, CancellationToken ct) =>
        await queries.ImplicationsAsync(name, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    /// <summary>
    /// Makes <c>name</c> imply <c>implied</c>. Moderators only. A cycle is refused with 409. Posts with the tag get the
    /// implied tags in a background job; tags people add from now on bring them at once.
    /// </summary>
    public static async Task<Results<Ok<TagImplicationDto>, ValidationProblem, ProblemHttpResult>> AddImplication(
        string name, string implied, ClaimsPrincipal user, TagModeration moderation, CancellationToken ct)
    {
        var change = await moderation.AddImplicationAsync(name, implied, TagPermissions.UserId(user), ct);
        return change.Status switch
        {
            StatusCodes.Status400BadRequest => TypedResults.ValidationProblem(change.Errors),
            StatusCodes.Status409Conflict => Problems.Conflict(change.Errors, change.Title!),
            _ => TypedResults.Ok(change.Value!),
        };
    }

    /// <summary>Removes an implication. Moderators only. Tags already given to posts stay.</summary>
    public static async Task<Results<NoContent, NotFound>> RemoveImplication(string name, string implied, TagModeration moderation, CancellationToken ct) =>
        await moderation.RemoveImplicationAsync(name, implied, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    /// <summary>
    /// Adds and removes people's tags on a post (names separated by spaces). The uploader and moderators may; every
    /// signed-in person may when the instance sets <c>Mosaic:Tags:AnyoneCanTag</c>. Added names follow aliases and bring
    /// the tags they imply.
    /// </summary>
    public static async Task<Results<Ok<PostDto>, NotFound, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> EditPostTags(
        long id, EditPostTagsRequest request, ClaimsPrincipal user, HttpContext http, PostTagging tagging, CancellationToken ct)
    {
        var change = await tagging.EditAsync(id, user, request.Add, request.Remove, ct);
        return change.Status switch
        {
            StatusCodes.Status404NotFound => TypedResults.NotFound(),
            StatusCodes.Status403Forbidden => TypedResults.Forbid(),
            StatusCodes.Status400BadRequest => TypedResults.ValidationProblem(change.Errors),
            StatusCodes.Status409Conflict => Problems.Conflict(change.Errors, change.Title!),
            StatusCodes.Status429TooManyRequests => Problems.TooManyRequests(http, change.RetryAfter!.Value, change.Title!),
            _ => TypedResults.Ok(change.Value!),
        };
    }
}
