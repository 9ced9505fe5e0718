using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class EmptyStateTests
{
    [Fact]
    public async Task Title_is_rendered_as_a_heading()
    {
        var rendered = await RenderAsync<EmptyState>((nameof(EmptyState.Title), "No threads yet"));

        var heading = rendered.Find("div.empty-state > h2.empty-state__title");
        Assert.Equal("No threads yet", heading.TextContent.Trim());
    }

    [Fact]
    public async Task Decorative_art_is_hidden_from_assistive_technology()
    {
        var rendered = await RenderAsync<EmptyState>((nameof(EmptyState.Title), "Nothing here"));

        var art = rendered.Find("div.empty-state > .empty-state__art");
        Assert.Equal("true", art.GetAttribute("aria-hidden"));
        Assert.Equal(string.Empty, art.TextContent);
    }

    [Fact]
    public async Task Child_content_offers_a_way_forward_after_the_title()
    {
        var rendered = await RenderAsync<EmptyState>(
            (nameof(EmptyState.Title), "No boards yet"),
            (nameof(EmptyState.ChildContent), Markup("<a class=\"button button--primary\" href=\"/boards/new\">Create a board</a>")));

        var link = rendered.Find("div.empty-state > a[href='/boards/new']");
        Assert.Equal("Create a board", link.TextContent);
        Assert.Same(rendered.Find("h2.empty-state__title"), link.PreviousElementSibling);
    }

    [Fact]
    public async Task Without_child_content_only_art_and_title_are_rendered()
    {
        var rendered = await RenderAsync<EmptyState>((nameof(EmptyState.Title), "Quiet in here"));

        var root = rendered.Find("div.empty-state");
        Assert.Equal(["empty-state__art", "empty-state__title"], root.Children.Select(child => child.ClassName));
    }

    [Fact]
    public async Task User_supplied_title_is_html_encoded()
    {
        var rendered = await RenderAsync<EmptyState>((nameof(EmptyState.Title), ScriptPayload));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("h2.empty-state__title").TextContent.Trim());
        Assert.DoesNotContain(ScriptPayload, rendered.Html, StringComparison.Ordinal);
    }
}
