using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class IconButtonTests
{
    [Theory]
    [InlineData(IconName.Like, "Like")]
    [InlineData(IconName.Dislike, "Dislike")]
    [InlineData(IconName.Comments, "Comments")]
    public async Task The_label_is_the_accessible_name_and_the_icon_is_hidden(IconName icon, string label)
    {
        var rendered = await RenderAsync<IconButton>((nameof(IconButton.Icon), icon), (nameof(IconButton.Label), label));

        var button = rendered.Find("button.icon-button");
        Assert.Equal(label, button.GetAttribute("aria-label"));
        Assert.Equal(label, button.GetAttribute("title"));
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Equal("true", rendered.Find("svg").GetAttribute("aria-hidden"));
        Assert.Equal(Icons.PathFor(icon), rendered.Find("svg path").GetAttribute("d"));
        Assert.Empty(rendered.FindAll(".icon-button__count"));
        Assert.False(button.HasAttribute("aria-pressed"));
        Assert.False(button.HasAttribute("style"));
    }

    [Fact]
    public void Every_icon_has_a_path() =>
        Assert.All(Enum.GetValues<IconName>(), icon => Assert.False(string.IsNullOrEmpty(Icons.PathFor(icon))));

    [Theory]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public async Task Pressed_makes_a_toggle(bool pressed, string expected)
    {
        var rendered = await RenderAsync<IconButton>(
            (nameof(IconButton.Icon), IconName.Like), (nameof(IconButton.Label), "Like"), (nameof(IconButton.Pressed), pressed));

        var button = rendered.Find("button");
        Assert.Equal(expected, button.GetAttribute("aria-pressed"));
        Assert.Equal(pressed, button.ClassList.Contains("icon-button--pressed"));
    }

    [Fact]
    public async Task A_count_with_an_id_describes_the_button()
    {
        var rendered = await RenderAsync<IconButton>(
            (nameof(IconButton.Icon), IconName.Like), (nameof(IconButton.Label), "Like"), (nameof(IconButton.Count), 1234), (nameof(IconButton.Id), "p-like"));

        var button = rendered.Find("button");
        Assert.Equal("p-like", button.Id);
        Assert.Equal("p-like-count", button.GetAttribute("aria-describedby"));
        Assert.Equal("1234", rendered.ById("p-like-count")?.TextContent);
        Assert.True(rendered.Find(".icon-button__count").HasAttribute("data-count"));
    }

    [Fact]
    public async Task Disabled_submit_with_name_and_value_for_plain_forms()
    {
        var rendered = await RenderAsync<IconButton>(
            (nameof(IconButton.Icon), IconName.Dislike), (nameof(IconButton.Label), "Dislike"), (nameof(IconButton.Type), "submit"),
            (nameof(IconButton.Name), "value"), (nameof(IconButton.Value), "-1"), (nameof(IconButton.Disabled), true));

        var button = rendered.Find("button");
        Assert.Equal(("submit", "value", "-1"), (button.GetAttribute("type"), button.GetAttribute("name"), button.GetAttribute("value")));
        Assert.True(button.HasAttribute("disabled"));
    }

    [Fact]
    public async Task With_href_it_is_a_link()
    {
        var rendered = await RenderAsync<IconButton>(
            (nameof(IconButton.Icon), IconName.Comments), (nameof(IconButton.Label), "Comments"), (nameof(IconButton.Href), "/posts/3#comments"),
            (nameof(IconButton.Count), 2));

        var link = rendered.Find("a.icon-button");
        Assert.Equal("/posts/3#comments", link.GetAttribute("href"));
        Assert.Equal("Comments", link.GetAttribute("aria-label"));
        Assert.Empty(rendered.FindAll("button"));
        Assert.Equal("2", rendered.Find("[data-count]").TextContent);
    }

    [Fact]
    public async Task Caller_attributes_pass_through_but_do_not_override_the_name_or_state()
    {
        var rendered = await RenderAsync<IconButton>(
            (nameof(IconButton.Icon), IconName.Like), (nameof(IconButton.Label), "Like"), (nameof(IconButton.Pressed), true),
            (nameof(IconButton.Attributes), Attributes(("data-vote-button", "1"), ("aria-label", "Something else"), ("class", "other"), ("aria-pressed", "false"))));

        var button = rendered.Find("button");
        Assert.Equal("1", button.GetAttribute("data-vote-button"));
        Assert.Equal("Like", button.GetAttribute("aria-label"));
        Assert.Equal("true", button.GetAttribute("aria-pressed"));
        Assert.Contains("icon-button--pressed", button.ClassList);
    }

    [Fact]
    public async Task The_label_is_encoded()
    {
        var rendered = await RenderAsync<IconButton>((nameof(IconButton.Icon), IconName.Like), (nameof(IconButton.Label), ScriptPayload));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("button").GetAttribute("aria-label"));
    }
}
