using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Mosaic.Features.Accounts;
using Mosaic.Platform.Api;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Votes;

public static class VotesApi
{
    public static IEndpointRouteBuilder MapVotesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Votes").RequireXsrfForCookieWrites();

        api.MapGet("/posts/{id:long}/vote", GetPostVote).AllowAnonymous();
        api.MapPut("/posts/{id:long}/vote", VoteOnPost).RequireAuthorization();
        api.MapGet("/comments/{id:long}/vote", GetCommentVote).AllowAnonymous();
        api.MapPut("/comments/{id:long}/vote", VoteOnComment).RequireAuthorization();
        return app;
    }

    /// <summary>A ready post's like and dislike counts and your vote (0 when signed out or not voted).</summary>
    public static async Task<Results<Ok<VoteDto>, NotFound>> GetPostVote(long id, ClaimsPrincipal user, VoteService votes, CancellationToken ct) =>
        await votes.PostStateAsync(id, UserId(user), ct) is { } state ? TypedResults.Ok(state) : TypedResults.NotFound();

    /// <summary>
    /// Likes (<c>1</c>), dislikes (<c>-1</c>) or withdraws your vote (<c>0</c>) on a ready post: one vote per person,
    /// and sending the same value again changes nothing. Answers the new counts and your vote; 404 for a post you
    /// cannot see or that is not ready, 429 with Retry-After when voting too fast.
    /// </summary>
    public static async Task<Results<Ok<VoteDto>, NotFound, ValidationProblem, ProblemHttpResult>> VoteOnPost(
        long id, VoteRequest request, HttpContext http, VoteService votes, VoteThrottle throttle, CancellationToken ct)
    {
        if (Refusal(request, http, throttle) is { } refusal)
        {
            return refusal;
        }
        var vote = await votes.VoteOnPostAsync(id, UserId(http.User)!.Value, request.Value!.Value, ct);
        return vote is null ? TypedResults.NotFound() : TypedResults.Ok(vote);
    }

    /// <summary>A live comment's like and dislike counts and your vote (0 when signed out or not voted).</summary>
    public static async Task<Results<Ok<VoteDto>, NotFound>> GetCommentVote(long id, ClaimsPrincipal user, VoteService votes, CancellationToken ct) =>
        await votes.CommentStateAsync(id, UserId(user), ct) is { } state ? TypedResults.Ok(state) : TypedResults.NotFound();

    /// <summary>Likes (<c>1</c>), dislikes (<c>-1</c>) or withdraws your vote (<c>0</c>) on a comment; idempotent, like post votes.</summary>
    public static async Task<Results<Ok<VoteDto>, NotFound, ValidationProblem, ProblemHttpResult>> VoteOnComment(
        long id, VoteRequest request, HttpContext http, VoteService votes, VoteThrottle throttle, CancellationToken ct)
    {
        if (Refusal(request, http, throttle) is { } refusal)
        {
            return refusal;
        }
        var vote = await votes.VoteOnCommentAsync(id, UserId(http.User)!.Value, request.Value!.Value, ct);
        return vote is null ? TypedResults.NotFound() : TypedResults.Ok(vote);
    }

    internal static bool IsVoteValue(int? value) => value is -1 or 0 or 1;

    internal static Guid? UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var userId) ? userId : null;

    private static Results<Ok<VoteDto>, NotFound, ValidationProblem, ProblemHttpResult>? Refusal(VoteRequest request, HttpContext http, VoteThrottle throttle)
    {
        var decision = throttle.Attempt(UserId(http.User)!.Value);
        if (!decision.Allowed)
        {
            return Problems.TooManyRequests(http, decision, "You are voting too fast; try again in a moment.");
        }
        if (!IsVoteValue(request.Value))
        {
            return TypedResults.ValidationProblem(new FieldErrors { { "value", "Send 1 to like, -1 to dislike or 0 to withdraw your vote." } });
        }
        return null;
    }
}
