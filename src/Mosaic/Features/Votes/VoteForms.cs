using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;

namespace Mosaic.Features.Votes;

/// <summary>
/// The vote buttons as plain forms, for browsers without JavaScript: a POST with the antiforgery token that
/// redirects back to the page it came from (scripts use the JSON API instead).
/// </summary>
public static class VoteForms
{
    /// <summary>The query parameter a page reads to say the last vote was refused for speed.</summary>
    public const string LimitedNotice = "vote-limited";

    public static IEndpointRouteBuilder MapVoteForms(this IEndpointRouteBuilder app)
    {
        app.MapPost("/posts/{id:long}/vote", VoteOnPost).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost("/comments/{id:long}/vote", VoteOnComment).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static Task<IResult> VoteOnPost(long id, HttpContext http, IAntiforgery antiforgery, VoteService votes, VoteThrottle throttle, CancellationToken ct) =>
        VoteAsync(http, antiforgery, throttle, _ => Task.FromResult<string?>($"/posts/{id}#votes"),
            (user, value) => votes.VoteOnPostAsync(id, user, value, ct), ct);

    private static Task<IResult> VoteOnComment(long id, HttpContext http, IAntiforgery antiforgery, VoteService votes, VoteThrottle throttle, CancellationToken ct) =>
        VoteAsync(http, antiforgery, throttle,
            async token => await votes.PostOfCommentAsync(id, token) is { } postId ? $"/posts/{postId}#comment-{id}" : null,
            (user, value) => votes.VoteOnCommentAsync(id, user, value, ct), ct);

    private static async Task<IResult> VoteAsync(
        HttpContext http, IAntiforgery antiforgery, VoteThrottle throttle, Func<CancellationToken, Task<string?>> defaultReturn,
        Func<Guid, int, Task<VoteDto?>> vote, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form expired; reload the page and try again.");
        }
        var form = await http.Request.ReadFormAsync(ct);
        var back = LocalUrl(form["returnUrl"].FirstOrDefault()) ?? await defaultReturn(ct);
        if (back is null)
        {
            return Results.NotFound();
        }
        if (VotesApi.UserId(http.User) is not { } user)
        {
            return Results.LocalRedirect($"/account/signin?ReturnUrl={Uri.EscapeDataString(back)}");
        }
        if (!int.TryParse(form["value"].FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var value) || !VotesApi.IsVoteValue(value))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Send 1 to like, -1 to dislike or 0 to withdraw your vote.");
        }
        var decision = throttle.Attempt(user);
        if (!decision.Allowed)
        {
            http.Response.Headers.RetryAfter = decision.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.LocalRedirect(QueryHelpers.AddQueryString(back, "notice", LimitedNotice));
        }
        return await vote(user, value) is null ? Results.NotFound() : Results.LocalRedirect(back);
    }

    /// <summary>A path on this site, or null: never a redirect elsewhere (<c>//host</c>, <c>/\host</c>, absolute URLs).</summary>
    internal static string? LocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : null;
}
