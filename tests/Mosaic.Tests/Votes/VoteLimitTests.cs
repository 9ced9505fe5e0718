using System.Net;
using System.Net.Http.Json;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Votes;

/// <summary>The vote and comment limits, on a server of their own with low limits.</summary>
public sealed class VoteLimitTests : IAsyncLifetime
{
    private readonly MosaicFactory factory = new(DatabaseProvider.Sqlite, new Dictionary<string, string?>
    {
        ["Mosaic:RateLimits:VotesPerUserPerMinute"] = "3",
        ["Mosaic:RateLimits:CommentsPerUserPerMinute"] = "2",
    });

    public Task InitializeAsync() => factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)factory).DisposeAsync();

    [Fact]
    public async Task Votes_past_the_limit_are_429_with_retry_after_for_that_person_only()
    {
        var (voter, other) = (await Board.PersonAsync(factory), await Board.PersonAsync(factory));
        var post = await Board.PostAsync(factory, voter.Id);

        var statuses = new List<HttpStatusCode>();
        foreach (var value in new[] { 1, -1, 0 })
        {
            statuses.Add((await voter.Client.SendAsync(HttpMethod.Put, $"/api/v1/posts/{post}/vote", new { value })).StatusCode);
        }
        var refused = await voter.Client.SendAsync(HttpMethod.Put, $"/api/v1/posts/{post}/vote", new { value = 1 });
        var theirs = await other.Client.SendAsync(HttpMethod.Put, $"/api/v1/posts/{post}/vote", new { value = 1 });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.Equal((1, 0, 0), await Board.CountsAsync(factory, post));
    }

    [Fact]
    public async Task Comment_votes_and_the_plain_form_share_the_limit()
    {
        var voter = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, voter.Id);
        var comment = await VotesApiTests.CommentAsync(voter, post, "Limit me");
        await voter.Client.SendAsync(HttpMethod.Put, $"/api/v1/posts/{post}/vote", new { value = 1 });
        await voter.Client.SendAsync(HttpMethod.Put, $"/api/v1/comments/{comment}/vote", new { value = 1 });
        await voter.Client.SendAsync(HttpMethod.Put, $"/api/v1/comments/{comment}/vote", new { value = 0 });

        var form = await Board.PostFormAsync(voter.Client, $"/posts/{post}", $"/posts/{post}/vote", new Dictionary<string, string> { ["value"] = "0" });
        var page = await voter.Client.GetPageAsync(Board.Location(form)!);
        var api = await voter.Client.SendAsync(HttpMethod.Put, $"/api/v1/comments/{comment}/vote", new { value = -1 });

        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal($"/posts/{post}?notice=vote-limited#votes", Board.Location(form));
        Assert.Contains("too fast", page.QuerySelector("#votes [data-toast]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal((1, 0, 1), await Board.CountsAsync(factory, post));
    }

    [Fact]
    public async Task Comments_past_the_limit_are_429_and_the_form_keeps_the_draft()
    {
        var writer = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, writer.Id);
        await VotesApiTests.CommentAsync(writer, post, "One");
        await VotesApiTests.CommentAsync(writer, post, "Two");

        var api = await writer.Client.SendAsync(HttpMethod.Post, $"/api/v1/posts/{post}/comments", new { body = "Three" });
        var form = await writer.Client.SubmitFormAsync($"/posts/{post}", "comment", new Dictionary<string, string> { ["Form.Body"] = "My long draft" });
        var page = await TestClient.ParseAsync(form);

        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.NotNull(api.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Equal("My long draft", page.QuerySelector("#form-body")?.TextContent);
        Assert.Contains("too fast", page.QuerySelector("#form-body-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal((0, 0, 2), await Board.CountsAsync(factory, post));
        Assert.Equal(2, (await writer.Client.Http.GetFromJsonAsync<Mosaic.Features.Comments.CommentPageDto>($"/api/v1/posts/{post}/comments"))!.Items.Count);
    }
}
