using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Comments;
using Mosaic.Features.Posts;
using Mosaic.Features.Votes;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Votes;

[Collection(ServerCollection.Name)]
public sealed class VotesApiTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task Voting_the_same_value_twice_is_idempotent(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var voter = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, voter.Id);

        var first = await VoteAsync(voter, $"/api/v1/posts/{post}/vote", 1);
        var second = await VoteAsync(voter, $"/api/v1/posts/{post}/vote", 1);

        Assert.Equal(new VoteDto(1, 0, 1), first);
        Assert.Equal(new VoteDto(1, 0, 1), second);
        Assert.Equal((1, 0, 0), await Board.CountsAsync(factory, post));
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.Set<PostVote>().CountAsync(v => v.PostId == post));
    }

    [Theory, BothDatabases]
    public async Task A_like_switches_to_a_dislike_and_zero_withdraws_it(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (voter, other) = (await Board.PersonAsync(factory), await Board.PersonAsync(factory));
        var post = await Board.PostAsync(factory, other.Id);
        await VoteAsync(other, $"/api/v1/posts/{post}/vote", 1);

        var liked = await VoteAsync(voter, $"/api/v1/posts/{post}/vote", 1);
        var switched = await VoteAsync(voter, $"/api/v1/posts/{post}/vote", -1);
        var withdrawn = await VoteAsync(voter, $"/api/v1/posts/{post}/vote", 0);
        var withdrawnAgain = await VoteAsync(voter, $"/api/v1/posts/{post}/vote", 0);
        var shown = await voter.Client.Http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{post}");

        Assert.Equal(new VoteDto(2, 0, 1), liked);
        Assert.Equal(new VoteDto(1, 1, -1), switched);
        Assert.Equal(new VoteDto(1, 0, 0), withdrawn);
        Assert.Equal(new VoteDto(1, 0, 0), withdrawnAgain);
        Assert.Equal((1, 0), (shown!.LikeCount, shown.DislikeCount));
        await using var db = factory.CreateDbContext();
        Assert.False(await db.Set<PostVote>().AnyAsync(v => v.PostId == post && v.UserId == voter.Id));
    }

    [Theory, BothDatabases]
    public async Task Twenty_people_voting_at_once_leave_exact_counts(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var people = await Board.PeopleAsync(factory, 20);
        var post = await Board.PostAsync(factory, people[0].Id);

        var responses = await Task.WhenAll(people.Select((person, i) =>
            person.Client.SendAsync(HttpMethod.Put, $"/api/v1/posts/{post}/vote", new { value = i % 3 == 0 ? -1 : 1 })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal((13, 7, 0), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task Racing_votes_by_the_same_people_keep_the_counts_equal_to_the_votes(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var people = await Board.PeopleAsync(factory, 8);
        var post = await Board.PostAsync(factory, people[0].Id);

        // Each person sends like, dislike, withdraw and like again all at once: which one lands last is up to the race.
        var responses = await Task.WhenAll(people.SelectMany(person => new[] { 1, -1, 0, 1 }.Select(value =>
            person.Client.SendAsync(HttpMethod.Put, $"/api/v1/posts/{post}/vote", new { value }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = factory.CreateDbContext();
        var likes = await db.Set<PostVote>().CountAsync(v => v.PostId == post && v.Value == 1);
        var dislikes = await db.Set<PostVote>().CountAsync(v => v.PostId == post && v.Value == -1);
        Assert.Equal((likes, dislikes, 0), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task Posts_that_are_not_ready_cannot_be_voted_on_even_by_their_owner(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var owner = await Board.PersonAsync(factory);
        var processing = await Board.PostAsync(factory, owner.Id, PostStatus.Processing);
        var failed = await Board.PostAsync(factory, owner.Id, PostStatus.Failed);
        var deleted = await Board.PostAsync(factory, owner.Id, PostStatus.Deleted);

        foreach (var post in new[] { processing, failed, deleted, long.MaxValue })
        {
            var response = await owner.Client.SendAsync(HttpMethod.Put, $"/api/v1/posts/{post}/vote", new { value = 1 });
            var state = await owner.Client.Http.GetAsync($"/api/v1/posts/{post}/vote");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, state.StatusCode);
        }
        Assert.Equal((0, 0, 0), await Board.CountsAsync(factory, processing));
    }

    [Fact]
    public async Task Voting_needs_a_signed_in_person_and_the_xsrf_header_with_a_cookie()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var voter = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, voter.Id);
        var token = await voter.Client.CreateTokenAsync();

        var anonymous = await factory.CreateClient().PutAsJsonAsync($"/api/v1/posts/{post}/vote", new { value = 1 });
        var withoutHeader = await voter.Client.SendAsync(HttpMethod.Put, $"/api/v1/posts/{post}/vote", new { value = 1 }, xsrf: false);
        var withToken = await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Put, $"/api/v1/posts/{post}/vote", token, new { value = -1 }));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, withoutHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal((0, 1, 0), await Board.CountsAsync(factory, post));
    }

    [Theory]
    [InlineData("{\"value\": 2}")]
    [InlineData("{\"value\": -5}")]
    [InlineData("{}")]
    public async Task A_value_other_than_1_0_or_minus_1_is_a_validation_problem(string json)
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var voter = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, voter.Id);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/posts/{post}/vote") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-XSRF-TOKEN", voter.Client.CookieValue("XSRF-TOKEN"));

        var response = await voter.Client.Http.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("value", out _));
        Assert.Equal((0, 0, 0), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task The_vote_state_shows_the_counts_and_only_the_callers_own_vote(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (voter, other) = (await Board.PersonAsync(factory), await Board.PersonAsync(factory));
        var post = await Board.PostAsync(factory, voter.Id);
        await VoteAsync(voter, $"/api/v1/posts/{post}/vote", -1);

        var mine = await voter.Client.Http.GetFromJsonAsync<VoteDto>($"/api/v1/posts/{post}/vote");
        var theirs = await other.Client.Http.GetFromJsonAsync<VoteDto>($"/api/v1/posts/{post}/vote");
        var anonymous = await factory.CreateClient().GetFromJsonAsync<VoteDto>($"/api/v1/posts/{post}/vote");

        Assert.Equal(new VoteDto(0, 1, -1), mine);
        Assert.Equal(new VoteDto(0, 1, 0), theirs);
        Assert.Equal(new VoteDto(0, 1, 0), anonymous);
    }

    [Theory, BothDatabases]
    public async Task Comment_votes_toggle_switch_and_stay_exact(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var people = await Board.PeopleAsync(factory, 10);
        var post = await Board.PostAsync(factory, people[0].Id);
        var comment = await CommentAsync(people[0], post, "Vote on me");

        var liked = await VoteAsync(people[0], $"/api/v1/comments/{comment}/vote", 1);
        var again = await VoteAsync(people[0], $"/api/v1/comments/{comment}/vote", 1);
        var switched = await VoteAsync(people[0], $"/api/v1/comments/{comment}/vote", -1);
        var responses = await Task.WhenAll(people.Skip(1).Select(p => p.Client.SendAsync(HttpMethod.Put, $"/api/v1/comments/{comment}/vote", new { value = 1 })));
        var state = await people[1].Client.Http.GetFromJsonAsync<VoteDto>($"/api/v1/comments/{comment}/vote");

        Assert.Equal(new VoteDto(1, 0, 1), liked);
        Assert.Equal(new VoteDto(1, 0, 1), again);
        Assert.Equal(new VoteDto(0, 1, -1), switched);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(new VoteDto(9, 1, 1), state);
        await using var db = factory.CreateDbContext();
        var stored = await db.Set<Comment>().AsNoTracking().SingleAsync(c => c.Id == comment);
        Assert.Equal((9, 1), (stored.LikeCount, stored.DislikeCount));
        Assert.Equal((0, 0, 1), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task Deleted_comments_and_comments_on_hidden_posts_cannot_be_voted_on(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var voter = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, voter.Id);
        var deleted = await CommentAsync(voter, post, "Soon gone");
        var live = await CommentAsync(voter, post, "Still here");
        var unknown = long.MaxValue;
        await voter.Client.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{deleted}");
        var hiddenPost = await Board.PostAsync(factory, voter.Id);
        var hiddenComment = await CommentAsync(voter, hiddenPost, "On a post that goes back to processing");
        await using (var db = factory.CreateDbContext())
        {
            await db.Set<Post>().Where(p => p.Id == hiddenPost).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Processing));
        }

        foreach (var comment in new[] { deleted, hiddenComment, unknown })
        {
            var response = await voter.Client.SendAsync(HttpMethod.Put, $"/api/v1/comments/{comment}/vote", new { value = 1 });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await voter.Client.SendAsync(HttpMethod.Put, $"/api/v1/comments/{live}/vote", new { value = 1 })).StatusCode);
    }

    internal static async Task<VoteDto> VoteAsync(Person person, string url, int value)
    {
        var response = await person.Client.SendAsync(HttpMethod.Put, url, new { value });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VoteDto>())!;
    }

    internal static async Task<long> CommentAsync(Person person, long post, string body, long? parentId = null)
    {
        var response = await person.Client.SendAsync(HttpMethod.Post, $"/api/v1/posts/{post}/comments", new { body, parentId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CommentDto>())!.Id;
    }
}
