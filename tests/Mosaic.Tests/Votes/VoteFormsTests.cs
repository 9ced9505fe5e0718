using System.Net;
using System.Net.Http.Json;
using Mosaic.Features.Votes;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Votes;

/// <summary>The vote buttons as a browser without JavaScript uses them: a plain form that posts and comes back.</summary>
[Collection(ServerCollection.Name)]
public sealed class VoteFormsTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task The_post_page_shows_the_counts_and_the_viewers_vote(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var voter = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, voter.Id);
        await VotesApiTests.VoteAsync(voter, $"/api/v1/posts/{post}/vote", 1);

        var page = await voter.Client.GetPageAsync($"/posts/{post}");
        var group = page.QuerySelector($"#votes [data-votes='/api/v1/posts/{post}/vote']");
        var like = group?.QuerySelector("[data-vote-button='1']");
        var dislike = group?.QuerySelector("[data-vote-button='-1']");

        Assert.NotNull(group);
        Assert.Equal("1", group.GetAttribute("data-my-vote"));
        Assert.Equal(("true", "0", "1"), (like?.GetAttribute("aria-pressed"), like?.GetAttribute("value"), like?.QuerySelector("[data-count]")?.TextContent));
        Assert.Equal(("false", "-1", "0"), (dislike?.GetAttribute("aria-pressed"), dislike?.GetAttribute("value"), dislike?.QuerySelector("[data-count]")?.TextContent));
        Assert.Equal("Like", like?.GetAttribute("aria-label"));
        Assert.Null(like?.GetAttribute("disabled"));
    }

    [Theory, BothDatabases]
    public async Task The_vote_form_votes_and_returns_to_the_post(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var voter = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, voter.Id);

        var like = await Board.PostFormAsync(voter.Client, $"/posts/{post}", $"/posts/{post}/vote", new Dictionary<string, string> { ["value"] = "1" });
        var afterLike = await Board.CountsAsync(factory, post);
        var toggle = await Board.PostFormAsync(voter.Client, $"/posts/{post}", $"/posts/{post}/vote", new Dictionary<string, string> { ["value"] = "0" });

        Assert.Equal(HttpStatusCode.Redirect, like.StatusCode);
        Assert.Equal($"/posts/{post}#votes", Board.Location(like));
        Assert.Equal((1, 0, 0), afterLike);
        Assert.Equal(HttpStatusCode.Redirect, toggle.StatusCode);
        Assert.Equal((0, 0, 0), await Board.CountsAsync(factory, post));
    }

    [Fact]
    public async Task Signed_out_the_buttons_are_disabled_with_a_hint_and_the_form_leads_to_sign_in()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var owner = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, owner.Id);
        var visitor = factory.CreateTestClient();

        var page = await visitor.GetPageAsync($"/posts/{post}");
        var response = await Board.PostFormAsync(visitor, $"/posts/{post}", $"/posts/{post}/vote", new Dictionary<string, string> { ["value"] = "1" });

        Assert.All(page.QuerySelectorAll("#votes [data-vote-button]"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Equal($"/account/signin?ReturnUrl=%2Fposts%2F{post}", page.QuerySelector("#votes .votes__hint")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin?ReturnUrl=", Board.Location(response), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await Board.CountsAsync(factory, post));
    }

    [Fact]
    public async Task The_vote_form_without_its_antiforgery_token_is_refused()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var voter = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, voter.Id);

        var response = await voter.Client.Http.PostAsync($"/posts/{post}/vote", new FormUrlEncodedContent(new Dictionary<string, string> { ["value"] = "1" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 0, 0), await Board.CountsAsync(factory, post));
    }

    [Fact]
    public async Task The_vote_form_never_redirects_off_the_site()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var voter = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, voter.Id);

        var offsite = await Board.PostFormAsync(voter.Client, $"/posts/{post}", $"/posts/{post}/vote",
            new Dictionary<string, string> { ["value"] = "1", ["returnUrl"] = "//evil.example/" });
        var backslash = await Board.PostFormAsync(voter.Client, $"/posts/{post}", $"/posts/{post}/vote",
            new Dictionary<string, string> { ["value"] = "0", ["returnUrl"] = "/\\evil.example/" });

        Assert.Equal($"/posts/{post}#votes", Board.Location(offsite));
        Assert.Equal($"/posts/{post}#votes", Board.Location(backslash));
    }

    [Fact]
    public async Task The_comment_vote_form_votes_and_returns_to_the_comment()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var voter = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, voter.Id);
        var comment = await VotesApiTests.CommentAsync(voter, post, "Like me without JavaScript");

        var response = await Board.PostFormAsync(voter.Client, $"/posts/{post}", $"/comments/{comment}/vote", new Dictionary<string, string> { ["value"] = "-1" });
        var state = await voter.Client.Http.GetFromJsonAsync<VoteDto>($"/api/v1/comments/{comment}/vote");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/posts/{post}#comment-{comment}", Board.Location(response));
        Assert.Equal(new VoteDto(0, 1, -1), state);
    }
}
