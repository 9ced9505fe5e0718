using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mosaic.Features.Comments;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;
using Mosaic.Tests.Votes;

namespace Mosaic.Tests.Comments;

[Collection(ServerCollection.Name)]
public sealed class CommentsApiTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task Comments_and_replies_come_back_threaded_and_counted(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (alice, bob) = (await Board.PersonAsync(factory), await Board.PersonAsync(factory));
        var post = await Board.PostAsync(factory, alice.Id);

        var first = await VotesApiTests.CommentAsync(alice, post, "First!");
        var second = await VotesApiTests.CommentAsync(bob, post, "Second, *emphasised*");
        var reply = await VotesApiTests.CommentAsync(bob, post, "A reply", first);
        var replyToReply = await VotesApiTests.CommentAsync(alice, post, "A reply to the reply", reply);
        var page = await factory.CreateClient().GetFromJsonAsync<CommentPageDto>($"/api/v1/posts/{post}/comments");

        Assert.Equal([second, first], page!.Items.Select(c => c.Id));
        Assert.Equal(4, page.Total);
        Assert.False(page.CanComment);
        var thread = page.Items[1];
        Assert.Equal([reply, replyToReply], thread.Replies.Select(r => r.Id));
        Assert.All(thread.Replies, r => Assert.Equal(first, r.ParentId));
        Assert.Equal(alice.Username, thread.Author?.Username);
        Assert.Equal("<p>Second, <em>emphasised</em></p>\n", page.Items[0].BodyHtml);
        Assert.Equal("Second, emphasised", page.Items[0].BodyText);
        Assert.Equal("Second, *emphasised*", page.Items[0].Body);
        Assert.Equal((0, 0, 4), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task Only_the_author_edits_and_the_comment_is_marked_edited(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (author, other, moderator) = (await Board.PersonAsync(factory), await Board.PersonAsync(factory), await Board.ModeratorAsync(factory));
        var post = await Board.PostAsync(factory, other.Id);
        var comment = await VotesApiTests.CommentAsync(author, post, "Typo hree");

        var foreign = await other.Client.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{comment}", new { body = "Mine now" });
        var byModerator = await moderator.Client.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{comment}", new { body = "Moderated" });
        var own = await author.Client.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{comment}", new { body = "Typo here" });
        var edited = await own.Content.ReadFromJsonAsync<CommentDto>();
        var empty = await author.Client.SendAsync(HttpMethod.Patch, $"/api/v1/comments/{comment}", new { body = "   " });
        var seenByOther = await other.Client.Http.GetFromJsonAsync<CommentDto>($"/api/v1/comments/{comment}");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byModerator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("Typo here", edited!.Body);
        Assert.NotNull(edited.EditedAt);
        Assert.True(edited.CanEdit);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Typo here", seenByOther!.Body);
        Assert.False(seenByOther.CanEdit);
        Assert.False(seenByOther.CanDelete);
    }

    [Theory, BothDatabases]
    public async Task The_author_or_a_moderator_deletes_and_nobody_else(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (author, other, moderator) = (await Board.PersonAsync(factory), await Board.PersonAsync(factory), await Board.ModeratorAsync(factory));
        var post = await Board.PostAsync(factory, other.Id);
        var mine = await VotesApiTests.CommentAsync(author, post, "I will delete this");
        var moderated = await VotesApiTests.CommentAsync(author, post, "A moderator will delete this");

        var moderatorView = await moderator.Client.Http.GetFromJsonAsync<CommentDto>($"/api/v1/comments/{moderated}");
        var foreign = await other.Client.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{mine}");
        var own = await author.Client.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{mine}");
        var again = await author.Client.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{mine}");
        var byModerator = await moderator.Client.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{moderated}");
        var page = await other.Client.Http.GetFromJsonAsync<CommentPageDto>($"/api/v1/posts/{post}/comments");

        Assert.True(moderatorView!.CanDelete);
        Assert.False(moderatorView.CanEdit);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byModerator.StatusCode);
        Assert.Empty(page!.Items);
        Assert.Equal((0, 0, 0), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task A_deleted_comment_with_replies_stays_as_a_placeholder_until_its_replies_go(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (author, replier) = (await Board.PersonAsync(factory), await Board.PersonAsync(factory));
        var post = await Board.PostAsync(factory, author.Id);
        var parent = await VotesApiTests.CommentAsync(author, post, "Secret thoughts");
        var reply = await VotesApiTests.CommentAsync(replier, post, "Interesting", parent);

        await author.Client.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{parent}");
        var withPlaceholder = await factory.CreateClient().GetFromJsonAsync<CommentPageDto>($"/api/v1/posts/{post}/comments");
        var replyToDeleted = await replier.Client.SendAsync(HttpMethod.Post, $"/api/v1/posts/{post}/comments", new { body = "Hello?", parentId = parent });
        await replier.Client.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{reply}");
        var empty = await factory.CreateClient().GetFromJsonAsync<CommentPageDto>($"/api/v1/posts/{post}/comments");

        var placeholder = Assert.Single(withPlaceholder!.Items);
        Assert.True(placeholder.Deleted);
        Assert.Null(placeholder.Author);
        Assert.Equal(("", ""), (placeholder.Body, placeholder.BodyHtml));
        Assert.Equal([reply], placeholder.Replies.Select(r => r.Id));
        Assert.Equal(1, withPlaceholder.Total);
        Assert.Equal(HttpStatusCode.BadRequest, replyToDeleted.StatusCode);
        Assert.Empty(empty!.Items);
        Assert.Equal((0, 0, 0), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task Concurrent_comments_and_deletes_keep_the_comment_count_exact(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var people = await Board.PeopleAsync(factory, 20);
        var post = await Board.PostAsync(factory, people[0].Id);

        var created = await Task.WhenAll(people.Select(p => p.Client.SendAsync(HttpMethod.Post, $"/api/v1/posts/{post}/comments", new { body = $"Hi from {p.Username}" })));
        var ids = await Task.WhenAll(created.Select(async r => (await r.Content.ReadFromJsonAsync<CommentDto>())!.Id));
        var afterCreate = await Board.CountsAsync(factory, post);
        // The same five deletes, three times each, at once: each comment counts down once.
        var deletes = await Task.WhenAll(Enumerable.Range(0, 15).Select(i => people[i % 5].Client.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{ids[i % 5]}")));

        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal((0, 0, 20), afterCreate);
        Assert.Equal(5, deletes.Count(r => r.StatusCode == HttpStatusCode.NoContent));
        Assert.All(deletes, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.NotFound }));
        Assert.Equal((0, 0, 15), await Board.CountsAsync(factory, post));
    }

    [Theory]
    [InlineData("", "body")]
    [InlineData("   \n ", "body")]
    [InlineData(null, "body")]
    [InlineData("too long", "body")]
    [InlineData("wrong parent", "parentId")]
    public async Task Invalid_comments_name_the_field_in_the_errors_map(string? body, string field)
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var writer = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, writer.Id);
        var otherPost = await Board.PostAsync(factory, writer.Id);
        var elsewhere = await VotesApiTests.CommentAsync(writer, otherPost, "On another post");

        var response = await writer.Client.SendAsync(HttpMethod.Post, $"/api/v1/posts/{post}/comments", new
        {
            body = body == "too long" ? new string('x', Comment.BodyMaxLength + 1) : body,
            parentId = field == "parentId" ? elsewhere : (long?)null,
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal((0, 0, 0), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task Posts_you_cannot_see_have_no_comments_to_read_or_write(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var owner = await Board.PersonAsync(factory);
        var processing = await Board.PostAsync(factory, owner.Id, PostStatus.Processing);
        var deleted = await Board.PostAsync(factory, owner.Id, PostStatus.Deleted);

        foreach (var post in new[] { processing, deleted, long.MaxValue })
        {
            var list = await owner.Client.Http.GetAsync($"/api/v1/posts/{post}/comments");
            var create = await owner.Client.SendAsync(HttpMethod.Post, $"/api/v1/posts/{post}/comments", new { body = "Hello" });

            Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        }
    }

    [Fact]
    public async Task Writing_needs_a_signed_in_person_and_the_xsrf_header_with_a_cookie()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var writer = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, writer.Id);
        var comment = await VotesApiTests.CommentAsync(writer, post, "Mine");
        var token = await writer.Client.CreateTokenAsync();

        var anonymous = await factory.CreateClient().PostAsJsonAsync($"/api/v1/posts/{post}/comments", new { body = "Hi" });
        var anonymousEdit = await factory.CreateClient().PatchAsJsonAsync($"/api/v1/comments/{comment}", new { body = "Hi" });
        var anonymousDelete = await factory.CreateClient().DeleteAsync($"/api/v1/comments/{comment}");
        var withoutHeader = await writer.Client.SendAsync(HttpMethod.Post, $"/api/v1/posts/{post}/comments", new { body = "Hi" }, xsrf: false);
        var deleteWithoutHeader = await writer.Client.SendAsync(HttpMethod.Delete, $"/api/v1/comments/{comment}", xsrf: false);
        var withToken = await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Post, $"/api/v1/posts/{post}/comments", token, new { body = "Via a token" }));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousEdit.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousDelete.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutHeader.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, deleteWithoutHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withToken.StatusCode);
        Assert.Equal($"/api/v1/comments/{(await withToken.Content.ReadFromJsonAsync<CommentDto>())!.Id}", withToken.Headers.Location?.OriginalString);
        Assert.Equal((0, 0, 2), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task Mentions_link_existing_people_and_user_text_stays_text(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (writer, mentioned) = (await Board.PersonAsync(factory), await Board.PersonAsync(factory, "m_"));
        var post = await Board.PostAsync(factory, writer.Id);
        var ghost = "ghost_" + Guid.NewGuid().ToString("N")[..10];
        var body = $"<script>alert(1)</script> thanks @{mentioned.Username.ToUpperInvariant()}, not @{ghost} nor me@{mentioned.Username}.example nor `@{mentioned.Username}`";

        var comment = await VotesApiTests.CommentAsync(writer, post, body);
        var dto = await writer.Client.Http.GetFromJsonAsync<CommentDto>($"/api/v1/comments/{comment}");
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{dto!.BodyHtml}</body>");

        Assert.Equal(body, dto.Body);
        Assert.DoesNotContain("<script", dto.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", dto.BodyHtml, StringComparison.Ordinal);
        var link = Assert.Single(html.QuerySelectorAll("a"));
        Assert.Equal($"/@{mentioned.Username}", link.GetAttribute("href"));
        Assert.Equal($"@{mentioned.Username.ToUpperInvariant()}", link.TextContent);
        Assert.Contains("mention", link.ClassList);
        Assert.Equal([mentioned.Username], dto.Mentions);
        Assert.Contains($"@{mentioned.Username}", html.QuerySelector("code")?.TextContent, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Threads_page_newest_first_with_a_cursor_and_without_repeats(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var writer = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, writer.Id);
        await using (var db = factory.CreateDbContext())
        {
            for (var i = 0; i < 25; i++)
            {
                db.Add(new Comment { PostId = post, UserId = writer.Id, Body = $"Comment {i}", CreatedAt = DateTimeOffset.UtcNow });
            }
            await db.SaveChangesAsync();
        }

        var first = await writer.Client.Http.GetFromJsonAsync<CommentPageDto>($"/api/v1/posts/{post}/comments");
        var second = await writer.Client.Http.GetFromJsonAsync<CommentPageDto>($"/api/v1/posts/{post}/comments?cursor={first!.NextCursor}");
        var all = await writer.Client.Http.GetFromJsonAsync<CommentPageDto>($"/api/v1/posts/{post}/comments?limit=500");

        var seen = first.Items.Concat(second!.Items).Select(c => c.Id).ToList();
        Assert.Equal(CommentQueries.DefaultPageSize, first.Items.Count);
        Assert.Equal(5, second.Items.Count);
        Assert.Null(second.NextCursor);
        Assert.Equal(seen.OrderByDescending(id => id), seen);
        Assert.Equal(25, seen.Distinct().Count());
        Assert.Equal(25, all!.Items.Count);
        Assert.True(first.CanComment);
    }
}
