using Mosaic.Components.Ui;
using Mosaic.Features.Comments;
using Mosaic.Features.Posts;

namespace Mosaic.Tests.Components;

public sealed class CommentThreadTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    internal static CommentDto Comment(long id, string author = "alice", string? html = null, long? parent = null, bool deleted = false,
        bool mine = false, bool edited = false, int likes = 0, int dislikes = 0, int myVote = 0, IReadOnlyList<CommentDto>? replies = null) =>
        new(id, 9, parent, deleted ? null : new UserRefDto(Guid.NewGuid(), author), deleted ? "" : "text", deleted ? "" : html ?? $"<p>Comment {id}</p>",
            deleted ? "" : $"Comment {id}", [], Noon, edited ? Noon.AddHours(1) : null, deleted, likes, dislikes, myVote, mine, mine, replies ?? []);

    private static Task<RenderedComponent> RenderThreadAsync(IReadOnlyList<CommentDto> comments, bool signedIn = true, string pageUrl = "/posts/9") =>
        FormsRenderer.RenderAsync<CommentThread>(
            (nameof(CommentThread.Comments), comments), (nameof(CommentThread.SignedIn), signedIn), (nameof(CommentThread.PageUrl), pageUrl));

    [Fact]
    public async Task Threads_list_their_replies_inside()
    {
        var rendered = await RenderThreadAsync([Comment(2, replies: [Comment(3, "bob", parent: 2), Comment(4, "carol", parent: 2)]), Comment(1)]);

        Assert.Equal(["comment-2", "comment-1"], rendered.FindAll("ol.comment-thread > li > article").Select(a => a.Id));
        Assert.Equal(["comment-3", "comment-4"], rendered.FindAll("#comment-2 ol.comment__replies article").Select(a => a.Id));
        Assert.Equal("Replies (2)", rendered.Find("#comment-2 ol.comment__replies").GetAttribute("aria-label"));
        Assert.Equal("@bob", rendered.Find("#comment-3 .comment__author").TextContent);
        Assert.Equal("/@bob", rendered.Find("#comment-3 .comment__author").GetAttribute("href"));
        Assert.Equal("2026-11-21T12:00:00.0000000+00:00", rendered.Find("#comment-1 time").GetAttribute("datetime"));
    }

    [Fact]
    public async Task Every_action_is_a_plain_form_or_link_with_the_antiforgery_token()
    {
        var rendered = await RenderThreadAsync([Comment(5, mine: true, likes: 2, myVote: 1)], pageUrl: "/posts/9?comments=40");

        var vote = rendered.Find("form[action='/comments/5/vote']");
        Assert.Equal("post", vote.GetAttribute("method"));
        Assert.Equal(FormsRenderer.Token, vote.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value"));
        Assert.Equal("/posts/9?comments=40#comment-5", vote.QuerySelector("input[name='returnUrl']")?.GetAttribute("value"));
        Assert.Equal("/api/v1/comments/5/vote", vote.QuerySelector("[data-votes]")?.GetAttribute("data-votes"));
        Assert.Equal("true", vote.QuerySelector("[data-vote-button='1']")?.GetAttribute("aria-pressed"));
        var delete = rendered.Find("form[action='/comments/5/delete']");
        Assert.Equal(FormsRenderer.Token, delete.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value"));
        Assert.Equal("Delete this comment?", delete.GetAttribute("data-confirm"));
        Assert.Equal("/posts/9?comments=40&replyTo=5#comment-form", rendered.Find("a[aria-label='Reply to @alice']").GetAttribute("href"));
        Assert.Equal("/posts/9?comments=40&edit=5#comment-form", rendered.Find("a[aria-label='Edit your comment']").GetAttribute("href"));
    }

    [Fact]
    public async Task Others_see_no_edit_or_delete_and_signed_out_people_see_no_reply()
    {
        var theirs = await RenderThreadAsync([Comment(5)]);
        var signedOut = await RenderThreadAsync([Comment(5)], signedIn: false);

        Assert.Empty(theirs.FindAll("a[href*='edit=']"));
        Assert.Empty(theirs.FindAll("form[action$='/delete']"));
        Assert.Single(theirs.FindAll("a[href*='replyTo=']"));
        Assert.Empty(signedOut.FindAll("a[href*='replyTo=']"));
        Assert.All(signedOut.FindAll("[data-vote-button]"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Empty(signedOut.FindAll(".votes__hint"));
    }

    [Fact]
    public async Task Edited_comments_say_so()
    {
        var rendered = await RenderThreadAsync([Comment(6, edited: true), Comment(7)]);

        Assert.Equal("edited", rendered.Find("#comment-6 .comment__edited").TextContent);
        Assert.Empty(rendered.FindAll("#comment-7 .comment__edited"));
    }

    [Fact]
    public async Task A_deleted_comment_keeps_its_place_as_a_placeholder_without_author_or_actions()
    {
        var rendered = await RenderThreadAsync([Comment(8, deleted: true, replies: [Comment(9, "bob", parent: 8)])]);

        var placeholder = rendered.Find("#comment-8");
        Assert.Contains("comment--deleted", placeholder.ClassList);
        Assert.Equal("[deleted]", rendered.Find("#comment-8 > .comment__deleted").TextContent);
        Assert.Empty(rendered.FindAll("#comment-8 > .comment__main"));
        Assert.Empty(rendered.FindAll("form[action='/comments/8/vote']"));
        Assert.NotNull(rendered.ById("comment-9"));
    }

    [Fact]
    public async Task No_comments_says_so()
    {
        var signedIn = await RenderThreadAsync([]);
        var signedOut = await RenderThreadAsync([], signedIn: false);

        Assert.Equal("No comments yet. Be the first.", signedIn.Find(".comment-thread__empty").TextContent);
        Assert.Equal("No comments yet.", signedOut.Find(".comment-thread__empty").TextContent);
        Assert.Empty(signedIn.FindAll("ol"));
    }

    [Fact]
    public async Task The_body_html_from_comment_markdown_is_kept_and_names_are_encoded()
    {
        var body = CommentMarkdown.ToHtml(CommentMarkdown.Parse("<script>alert(1)</script> hi @bob"), new HashSet<string> { "bob" });
        var rendered = await RenderThreadAsync([Comment(10, author: "x\"><script>alert(2)</script>", html: body)]);

        rendered.AssertNoScriptElements();
        Assert.Equal("/@bob", rendered.Find("#comment-10 .comment__body a.mention").GetAttribute("href"));
        Assert.Contains("<script>alert(1)</script>", rendered.Find("#comment-10 .comment__body").TextContent, StringComparison.Ordinal);
        Assert.Equal("@x\"><script>alert(2)</script>", rendered.Find("#comment-10 .comment__author").TextContent);
    }
}
