using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class CommentsOverlayTests
{
    [Fact]
    public async Task It_is_a_closed_labelled_dialog_for_the_script()
    {
        var rendered = await RenderAsync<CommentsOverlay>((nameof(CommentsOverlay.SignedIn), true));

        var dialog = rendered.Find("dialog.comments-overlay");
        Assert.False(dialog.HasAttribute("open"));
        Assert.True(dialog.HasAttribute("data-comments-overlay"));
        Assert.Equal("true", dialog.GetAttribute("data-signed-in"));
        Assert.Equal("comments-overlay-title", dialog.GetAttribute("aria-labelledby"));
        Assert.StartsWith("Comments", rendered.ById("comments-overlay-title")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Close comments", rendered.Find("[data-comments-close]").GetAttribute("aria-label"));
        Assert.Equal("status", rendered.Find("[data-comments-status]").GetAttribute("role"));
        Assert.NotNull(rendered.Find("ol[data-comments-list]"));
        Assert.True(rendered.Find("[data-comments-more]").HasAttribute("hidden"));
    }

    [Fact]
    public async Task Signed_in_it_offers_the_form_and_signed_out_a_sign_in_link()
    {
        var signedIn = await RenderAsync<CommentsOverlay>((nameof(CommentsOverlay.SignedIn), true));
        var signedOut = await RenderAsync<CommentsOverlay>((nameof(CommentsOverlay.SignInUrl), "/account/signin?ReturnUrl=%2F"));

        Assert.False(signedIn.Find("form[data-comments-form]").HasAttribute("hidden"));
        Assert.True(signedIn.Find("[data-comments-signin]").HasAttribute("hidden"));
        Assert.Equal("comments-overlay-body", signedIn.Find("label[for='comments-overlay-body']").GetAttribute("for"));
        Assert.True(signedIn.Find("textarea[data-comments-body]").HasAttribute("required"));
        Assert.Equal("Markdown works; mention people with @username.", signedIn.Find(".field__hint").TextContent);
        Assert.Equal("alert", signedIn.Find("[data-comments-error]").GetAttribute("role"));
        Assert.True(signedOut.Find("form[data-comments-form]").HasAttribute("hidden"));
        Assert.False(signedOut.Find("[data-comments-signin]").HasAttribute("hidden"));
        Assert.Equal("/account/signin?ReturnUrl=%2F", signedOut.Find("[data-comments-signin] a").GetAttribute("href"));
    }

    [Fact]
    public async Task The_template_holds_one_comment_with_the_hooks_the_script_fills()
    {
        var rendered = await RenderAsync<CommentsOverlay>((nameof(CommentsOverlay.SignedIn), true));

        var template = (AngleSharp.Html.Dom.IHtmlTemplateElement)rendered.Find("template[data-comment-template]");
        var item = Assert.Single(template.Content.Children);
        Assert.Equal("li", item.LocalName);
        foreach (var hook in new[] { "[data-comment-author]", "[data-comment-time]", "[data-comment-edited]", "[data-comment-body]", "[data-votes]",
                     "[data-vote-button='1']", "[data-vote-button='-1']", "[data-comment-reply]", "[data-comment-replies]", "[data-avatar-fill]", "[data-avatar-initials]", "[data-toast]" })
        {
            Assert.True(item.QuerySelector(hook) is not null, $"The template lacks {hook}:\n{rendered.Html}");
        }
    }

    [Fact]
    public async Task Open_renders_a_preview_that_scripts_leave_alone()
    {
        var rendered = await RenderAsync<CommentsOverlay>(
            (nameof(CommentsOverlay.Open), true), (nameof(CommentsOverlay.Id), "preview"), (nameof(CommentsOverlay.PostId), 12L),
            (nameof(CommentsOverlay.Status), "No comments yet."), (nameof(CommentsOverlay.Total), "(0)"));

        var dialog = rendered.Find("dialog");
        Assert.True(dialog.HasAttribute("open"));
        Assert.False(dialog.HasAttribute("data-comments-overlay"));
        Assert.Contains("comments-overlay--preview", dialog.ClassList);
        Assert.Equal("preview-title", dialog.GetAttribute("aria-labelledby"));
        Assert.Equal("No comments yet.", rendered.Find("[data-comments-status]").TextContent);
        Assert.Equal("(0)", rendered.Find("[data-comments-total]").TextContent);
        Assert.Equal("/posts/12#comments", rendered.Find("[data-comments-permalink]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_comments_button_is_a_link_that_opens_the_overlay()
    {
        var rendered = await RenderAsync<CommentsButton>((nameof(CommentsButton.PostId), 42L), (nameof(CommentsButton.Count), 3), (nameof(CommentsButton.Id), "c42"));

        var link = rendered.Find("a.icon-button");
        Assert.Equal("/posts/42#comments", link.GetAttribute("href"));
        Assert.Equal("42", link.GetAttribute("data-comments-for"));
        Assert.Equal("Comments", link.GetAttribute("aria-label"));
        Assert.Equal("3", link.QuerySelector("[data-count]")?.TextContent);
        Assert.Equal("c42-count", link.GetAttribute("aria-describedby"));
    }
}
