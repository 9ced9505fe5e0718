using System.Net;
using System.Net.Http.Json;
using Mosaic.Features.Comments;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;
using Mosaic.Tests.Votes;

namespace Mosaic.Tests.Comments;

/// <summary>Comments on the post page as a browser without JavaScript uses them: one form that posts back, links and redirects.</summary>
[Collection(ServerCollection.Name)]
public sealed class CommentPagesTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task The_comment_form_posts_back_and_shows_the_new_comment(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var writer = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, writer.Id);

        var response = await writer.Client.SubmitFormAsync($"/posts/{post}", "comment", new Dictionary<string, string> { ["Form.Body"] = "Written **without** JavaScript" });
        var page = await writer.Client.GetPageAsync(Board.Location(response)!);
        var id = (await writer.Client.Http.GetFromJsonAsync<CommentPageDto>($"/api/v1/posts/{post}/comments"))!.Items.Single().Id;

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/posts/{post}#comment-{id}", Board.Location(response));
        Assert.Equal("without", page.QuerySelector($"#comment-{id} .comment__body strong")?.TextContent);
        Assert.Equal($"@{writer.Username}", page.QuerySelector($"#comment-{id} .comment__author")?.TextContent);
        Assert.Contains("(1)", page.QuerySelector("#comments-title")?.TextContent, StringComparison.Ordinal);
        Assert.Equal((0, 0, 1), await Board.CountsAsync(factory, post));
    }

    [Fact]
    public async Task An_empty_comment_shows_the_error_at_the_field()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var writer = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, writer.Id);

        var response = await writer.Client.SubmitFormAsync($"/posts/{post}", "comment", new Dictionary<string, string> { ["Form.Body"] = "  " });
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Write something first.", page.QuerySelector("#form-body-error")?.TextContent);
        Assert.Equal("true", page.QuerySelector("#form-body")?.GetAttribute("aria-invalid"));
        Assert.Equal((0, 0, 0), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task Reply_links_turn_the_form_into_a_reply_in_that_thread(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (alice, bob) = (await Board.PersonAsync(factory), await Board.PersonAsync(factory));
        var post = await Board.PostAsync(factory, alice.Id);
        var thread = await VotesApiTests.CommentAsync(alice, post, "Start of a thread");
        var reply = await VotesApiTests.CommentAsync(bob, post, "A reply", thread);

        var replyPage = await alice.Client.GetPageAsync($"/posts/{post}");
        var replyLink = replyPage.QuerySelector($"#comment-{reply} a.comment__action[href*='replyTo']")?.GetAttribute("href");
        var form = await alice.Client.GetPageAsync(replyLink!);
        var response = await alice.Client.SubmitFormAsync(replyLink!.Split('#')[0], "comment", new Dictionary<string, string> { ["Form.Body"] = form.QuerySelector("#form-body")!.TextContent + "thanks" });
        var page = await alice.Client.Http.GetFromJsonAsync<CommentPageDto>($"/api/v1/posts/{post}/comments");

        Assert.Equal($"/posts/{post}?replyTo={reply}#comment-form", replyLink);
        Assert.Equal(reply.ToString(System.Globalization.CultureInfo.InvariantCulture), form.QuerySelector("input[name='Form.ParentId']")?.GetAttribute("value"));
        Assert.Equal($"@{bob.Username} ", form.QuerySelector("#form-body")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var replies = Assert.Single(page!.Items).Replies;
        Assert.Equal(2, replies.Count);
        Assert.Equal($"@{bob.Username} thanks", replies[1].Body);
        Assert.Equal([bob.Username], replies[1].Mentions);
        Assert.Equal($"/posts/{post}?comments={thread + 1}#comment-{replies[1].Id}", Board.Location(response));
    }

    [Theory, BothDatabases]
    public async Task Edit_and_delete_appear_only_for_who_may_use_them(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (author, other, moderator) = (await Board.PersonAsync(factory), await Board.PersonAsync(factory), await Board.ModeratorAsync(factory));
        var post = await Board.PostAsync(factory, author.Id);
        var comment = await VotesApiTests.CommentAsync(author, post, "Mine");

        var asAuthor = await author.Client.GetPageAsync($"/posts/{post}");
        var asOther = await other.Client.GetPageAsync($"/posts/{post}");
        var asModerator = await moderator.Client.GetPageAsync($"/posts/{post}");
        var anonymous = await factory.CreateTestClient().GetPageAsync($"/posts/{post}");
        var foreignDelete = await DeleteWithTokenOfAsync(other, post, comment);

        Assert.NotNull(asAuthor.QuerySelector($"#comment-{comment} a[href*='edit={comment}']"));
        Assert.NotNull(asAuthor.QuerySelector($"#comment-{comment} form[action='/comments/{comment}/delete']"));
        Assert.Null(asOther.QuerySelector($"#comment-{comment} a[href*='edit=']"));
        Assert.Null(asOther.QuerySelector($"#comment-{comment} form[action='/comments/{comment}/delete']"));
        Assert.Null(asModerator.QuerySelector($"#comment-{comment} a[href*='edit=']"));
        Assert.NotNull(asModerator.QuerySelector($"#comment-{comment} form[action='/comments/{comment}/delete']"));
        Assert.Null(anonymous.QuerySelector("#comment-form"));
        Assert.NotNull(anonymous.QuerySelector("#comments a[href^='/account/signin']"));
        Assert.Equal(HttpStatusCode.Redirect, foreignDelete.StatusCode);
        Assert.StartsWith("/account/denied", Board.Location(foreignDelete), StringComparison.Ordinal);
        Assert.Equal((0, 0, 1), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task The_edit_link_fills_the_form_and_saving_marks_the_comment_edited(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var author = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, author.Id);
        var comment = await VotesApiTests.CommentAsync(author, post, "Frist");

        var form = await author.Client.GetPageAsync($"/posts/{post}?edit={comment}");
        var response = await author.Client.SubmitFormAsync($"/posts/{post}?edit={comment}", "comment", new Dictionary<string, string> { ["Form.Body"] = "First" });
        var page = await author.Client.GetPageAsync(Board.Location(response)!);

        Assert.Equal("Frist", form.QuerySelector("#form-body")?.TextContent);
        Assert.Equal("Edit your comment", form.QuerySelector("label[for='form-body']")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("First", page.QuerySelector($"#comment-{comment} .comment__body")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"#comment-{comment} .comment__edited"));
        Assert.Equal((0, 0, 1), await Board.CountsAsync(factory, post));
    }

    [Theory, BothDatabases]
    public async Task The_delete_button_deletes_and_says_so(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var author = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, author.Id);
        var comment = await VotesApiTests.CommentAsync(author, post, "Regrettable");

        var response = await Board.PostFormAsync(author.Client, $"/posts/{post}", $"/comments/{comment}/delete", new Dictionary<string, string>());
        var page = await author.Client.GetPageAsync(Board.Location(response)!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/posts/{post}?notice=comment-deleted#comments", Board.Location(response));
        Assert.Contains("deleted", page.QuerySelector("#comments [role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"#comment-{comment}"));
        Assert.Equal((0, 0, 0), await Board.CountsAsync(factory, post));
    }

    [Fact]
    public async Task Nothing_people_write_is_rendered_as_markup_and_mentions_are_links()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (writer, mentioned) = (await Board.PersonAsync(factory), await Board.PersonAsync(factory));
        var post = await Board.PostAsync(factory, writer.Id);
        var comment = await VotesApiTests.CommentAsync(writer, post,
            $"<script>alert(1)</script><img src=x onerror=alert(2)> [click](javascript:alert(3)) hi @{mentioned.Username} \"><b>x</b>");

        var response = await writer.Client.Http.GetAsync($"/posts/{post}");
        var html = await response.Content.ReadAsStringAsync();
        var page = await writer.Client.GetPageAsync($"/posts/{post}");
        var body = page.QuerySelector($"#comment-{comment} .comment__body");

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(body!.QuerySelectorAll("script, img, b"));
        Assert.Contains("<script>alert(1)</script>", body.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/@{mentioned.Username}", body.QuerySelector("a.mention")?.GetAttribute("href"));
        Assert.Equal("#", body.QuerySelector("a:not(.mention)")?.GetAttribute("href"));
    }

    [Fact]
    public async Task Older_threads_are_a_link_away()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var writer = await Board.PersonAsync(factory);
        var post = await Board.PostAsync(factory, writer.Id);
        await using (var db = factory.CreateDbContext())
        {
            for (var i = 0; i < CommentQueries.DefaultPageSize + 3; i++)
            {
                db.Add(new Comment { PostId = post, UserId = writer.Id, Body = $"Comment {i}", CreatedAt = DateTimeOffset.UtcNow });
            }
            await db.SaveChangesAsync();
        }

        var first = await writer.Client.GetPageAsync($"/posts/{post}");
        var older = first.QuerySelector("#comments a[rel='next']")?.GetAttribute("href");
        var second = await writer.Client.GetPageAsync(older!);

        Assert.Equal(CommentQueries.DefaultPageSize, first.QuerySelectorAll("#comments .comment-thread__item").Length);
        Assert.Equal(3, second.QuerySelectorAll("#comments .comment-thread__item").Length);
        Assert.Null(second.QuerySelector("#comments a[rel='next']"));
    }

    private static async Task<HttpResponseMessage> DeleteWithTokenOfAsync(Person person, long post, long comment) =>
        // A hand-made form: the page does not offer the button, but the endpoint must refuse anyway.
        await person.Client.Http.PostAsync($"/comments/{comment}/delete", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = (await person.Client.GetPageAsync($"/posts/{post}"))
                .QuerySelector("#comment-form input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        }));
}
