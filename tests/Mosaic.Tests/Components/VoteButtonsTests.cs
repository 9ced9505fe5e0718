using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class VoteButtonsTests
{
    private static Task<RenderedComponent> RenderVotesAsync(params (string Name, object? Value)[] extra) =>
        RenderAsync<VoteButtons>([(nameof(VoteButtons.ApiUrl), "/api/v1/posts/7/vote"), (nameof(VoteButtons.Likes), 12), (nameof(VoteButtons.Dislikes), 3), .. extra]);

    [Theory]
    [InlineData(0, "none", "false", "false", "1", "-1")]
    [InlineData(1, "liked", "true", "false", "0", "-1")]
    [InlineData(-1, "disliked", "false", "true", "1", "0")]
    public async Task Each_state_presses_its_button_and_the_other_value_toggles(int myVote, string state, string likePressed, string dislikePressed, string likeValue, string dislikeValue)
    {
        var rendered = await RenderVotesAsync((nameof(VoteButtons.MyVote), myVote), (nameof(VoteButtons.SignedIn), true));

        var group = rendered.Find("[data-votes]");
        var like = rendered.Find("[data-vote-button='1']");
        var dislike = rendered.Find("[data-vote-button='-1']");
        Assert.Contains($"votes--{state}", group.ClassList);
        Assert.Equal(myVote.ToString(System.Globalization.CultureInfo.InvariantCulture), group.GetAttribute("data-my-vote"));
        Assert.Equal((likePressed, dislikePressed), (like.GetAttribute("aria-pressed"), dislike.GetAttribute("aria-pressed")));
        Assert.Equal((likeValue, dislikeValue), (like.GetAttribute("value"), dislike.GetAttribute("value")));
        Assert.All([like, dislike], b => Assert.Equal(("submit", "value"), (b.GetAttribute("type"), b.GetAttribute("name"))));
    }

    [Fact]
    public async Task The_group_carries_what_the_script_needs()
    {
        var rendered = await RenderVotesAsync((nameof(VoteButtons.SignedIn), true), (nameof(VoteButtons.Id), "post-7-votes"));

        var group = rendered.Find("[role='group']");
        Assert.Equal("/api/v1/posts/7/vote", group.GetAttribute("data-votes"));
        Assert.Equal("Votes on this post", group.GetAttribute("aria-label"));
        Assert.Equal("post-7-votes", group.Id);
        Assert.Equal("Like", rendered.Find("[data-vote-button='1']").GetAttribute("aria-label"));
        Assert.Equal("Dislike", rendered.Find("[data-vote-button='-1']").GetAttribute("aria-label"));
        Assert.Equal("12", rendered.Find("[data-vote-button='1'] [data-count]").TextContent);
        Assert.Equal("3", rendered.Find("[data-vote-button='-1'] [data-count]").TextContent);
        Assert.Equal("post-7-votes-like-count", rendered.Find("[data-vote-button='1']").GetAttribute("aria-describedby"));
        var toast = rendered.Find("[data-toast]");
        Assert.Equal("status", toast.GetAttribute("role"));
        Assert.Equal("", toast.TextContent);
        Assert.Empty(rendered.FindAll(".votes__hint"));
        Assert.Null(group.GetAttribute("aria-busy"));
    }

    [Fact]
    public async Task Signed_out_the_buttons_are_disabled_with_a_sign_in_hint()
    {
        var rendered = await RenderVotesAsync((nameof(VoteButtons.SignInUrl), "/account/signin?ReturnUrl=%2Fposts%2F7"));

        Assert.All(rendered.FindAll("[data-vote-button]"), b => Assert.True(b.HasAttribute("disabled")));
        var hint = rendered.Find("a.votes__hint");
        Assert.Equal("/account/signin?ReturnUrl=%2Fposts%2F7", hint.GetAttribute("href"));
        Assert.Equal("Sign in to vote", hint.TextContent);
    }

    [Fact]
    public async Task The_hint_can_be_left_out_where_a_list_says_it_once()
    {
        var rendered = await RenderVotesAsync((nameof(VoteButtons.ShowSignInHint), false), (nameof(VoteButtons.Subject), "comment"));

        Assert.Empty(rendered.FindAll(".votes__hint"));
        Assert.Equal("Votes on this comment", rendered.Find("[role='group']").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Busy_marks_the_group_and_shows_a_spinner()
    {
        var rendered = await RenderVotesAsync((nameof(VoteButtons.SignedIn), true), (nameof(VoteButtons.Busy), true));

        Assert.Equal("true", rendered.Find("[data-votes]").GetAttribute("aria-busy"));
        Assert.Equal("true", rendered.Find(".votes__busy").GetAttribute("aria-hidden"));
    }

    [Fact]
    public async Task A_message_goes_to_the_toast_encoded()
    {
        var rendered = await RenderVotesAsync((nameof(VoteButtons.SignedIn), true), (nameof(VoteButtons.Message), ScriptPayload));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("[data-toast]").TextContent);
    }

    [Fact]
    public async Task Caller_attributes_do_not_replace_the_script_hooks()
    {
        var rendered = await RenderVotesAsync(
            (nameof(VoteButtons.SignedIn), true),
            (nameof(VoteButtons.Attributes), Attributes(("data-votes", "/elsewhere"), ("data-swipe", "1"))));

        var group = rendered.Find("[data-swipe]");
        Assert.Equal("/api/v1/posts/7/vote", group.GetAttribute("data-votes"));
    }
}
