using Mosaic.Features.Comments;

namespace Mosaic.Tests.Comments;

public sealed class CommentMarkdownTests
{
    private static readonly HashSet<string> Existing = ["alice", "bob_smith", "x-y"];

    [Theory]
    [InlineData("hi @alice", new[] { "alice" })]
    [InlineData("@Alice and @bob_smith!", new[] { "alice", "bob_smith" })]
    [InlineData("*@x-y* (@nobody)", new[] { "x-y", "nobody" })]
    [InlineData("mail me@alice.example or see /@alice or @@alice", new string[0])]
    [InlineData("@al is too short, @" + "abcdefghijklmnopqrstuvwxyz0123456789 too long", new string[0])]
    [InlineData("`@alice` in code and [@alice](https://example.com) in a link", new string[0])]
    public void Mentions_are_found_in_text_only(string markdown, string[] expected)
    {
        var names = CommentMarkdown.MentionedNames(CommentMarkdown.Parse(markdown));

        Assert.Equal(expected.Order(), names.Order());
    }

    [Fact]
    public void Mentions_of_existing_people_become_links_and_others_stay_text()
    {
        var html = CommentMarkdown.ToHtml(CommentMarkdown.Parse("Thanks @Alice and @bob_smith, not @carol."), Existing);

        Assert.Equal(
            "<p>Thanks <a href=\"/@alice\" class=\"mention\">@Alice</a> and <a href=\"/@bob_smith\" class=\"mention\">@bob_smith</a>, not @carol.</p>\n",
            html);
    }

    [Fact]
    public void A_name_with_underscores_is_one_mention_even_where_emphasis_could_start()
    {
        var html = CommentMarkdown.ToHtml(CommentMarkdown.Parse("cc @bob_smith_"), new HashSet<string> { "bob_smith_", "bob" });

        Assert.Contains("href=\"/@bob_smith_\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/@bob\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script> @alice")]
    [InlineData("<img src=x onerror=alert(1)> @alice")]
    [InlineData("@alice<script>alert(1)</script>")]
    [InlineData("\"><svg onload=alert(1)> @alice")]
    public void Raw_html_is_encoded_around_mentions(string markdown)
    {
        var html = CommentMarkdown.ToHtml(CommentMarkdown.Parse(markdown), Existing);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/@alice\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](data:text/html,hi)")]
    [InlineData("![x](vbscript:msgbox)")]
    public void Unsafe_links_go_nowhere_and_images_become_links(string markdown)
    {
        var html = CommentMarkdown.ToHtml(CommentMarkdown.Parse(markdown), Existing);

        Assert.Contains("href=\"#\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("nofollow ugc", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Mentions_inside_emphasis_and_beside_links_are_linked_and_the_links_stay_safe()
    {
        var html = CommentMarkdown.ToHtml(CommentMarkdown.Parse("[x](javascript:alert(1)) *cc @alice* and @x-y"), Existing);

        Assert.Equal(
            "<p><a href=\"#\" rel=\"nofollow ugc noopener\">x</a> <em>cc <a href=\"/@alice\" class=\"mention\">@alice</a></em> and <a href=\"/@x-y\" class=\"mention\">@x-y</a></p>\n",
            html);
    }

    [Fact]
    public void Plain_text_drops_the_markdown_syntax()
    {
        Assert.Equal("bold and a link", CommentMarkdown.ToPlainText("**bold** and [a link](https://example.com)"));
    }
}
