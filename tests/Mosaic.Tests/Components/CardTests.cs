using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class CardTests
{
    [Fact]
    public async Task Section_is_labelled_by_its_heading()
    {
        var rendered = await RenderAsync<Card>(
            (nameof(Card.Title), "Board settings"),
            (nameof(Card.ChildContent), Text("Settings go here.")));

        var section = rendered.Find("section.card");
        var heading = rendered.Find("section.card > h2.card__title");
        Assert.Equal("Board settings", heading.TextContent.Trim());
        Assert.Equal("board-settings-title", heading.Id);
        Assert.Equal(heading.Id, section.GetAttribute("aria-labelledby"));
        Assert.Same(heading, rendered.ById(section.GetAttribute("aria-labelledby")!));
    }

    [Fact]
    public async Task Explicit_id_is_used_for_the_heading_id()
    {
        var rendered = await RenderAsync<Card>(
            (nameof(Card.Title), "Access tokens"),
            (nameof(Card.Id), "tokens"));

        var heading = rendered.Find("h2.card__title");
        Assert.Equal("tokens-title", heading.Id);
        Assert.Equal("tokens-title", rendered.Find("section.card").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public async Task Explicit_id_is_put_on_the_section_so_it_can_be_linked_to()
    {
        var rendered = await RenderAsync<Card>(
            (nameof(Card.Title), "Access tokens"),
            (nameof(Card.Id), "tokens"));

        var section = rendered.Find("section.card");
        Assert.Equal("tokens", section.Id);
        Assert.NotEqual(section.Id, rendered.Find("h2.card__title").Id);
    }

    [Fact]
    public async Task Without_an_id_the_section_has_no_id_attribute()
    {
        var rendered = await RenderAsync<Card>((nameof(Card.Title), "Profile"));

        Assert.False(rendered.Find("section.card").HasAttribute("id"));
    }

    [Fact]
    public async Task Without_a_title_there_is_no_heading_and_no_dangling_labelledby()
    {
        var rendered = await RenderAsync<Card>(
            (nameof(Card.Id), "ignored"),
            (nameof(Card.ChildContent), Text("Just content.")));

        var section = rendered.Find("section.card");
        Assert.Empty(rendered.FindAll("h2"));
        Assert.False(section.HasAttribute("aria-labelledby"));
        Assert.Equal("Just content.", section.TextContent.Trim());
    }

    [Fact]
    public async Task Child_content_is_rendered_after_the_heading()
    {
        var rendered = await RenderAsync<Card>(
            (nameof(Card.Title), "Profile"),
            (nameof(Card.ChildContent), Markup("<form method=\"post\" class=\"profile-form\"></form>")));

        var form = rendered.Find("section.card > form.profile-form");
        Assert.Same(rendered.Find("h2.card__title"), form.PreviousElementSibling);
    }

    [Fact]
    public async Task User_supplied_title_is_html_encoded_and_still_labels_the_section()
    {
        var rendered = await RenderAsync<Card>((nameof(Card.Title), ScriptPayload));

        rendered.AssertNoScriptElements();
        var heading = rendered.Find("h2.card__title");
        Assert.Equal(ScriptPayload, heading.TextContent.Trim());
        Assert.Same(heading, rendered.ById(rendered.Find("section.card").GetAttribute("aria-labelledby")!));
        Assert.DoesNotContain(ScriptPayload, rendered.Html, StringComparison.Ordinal);
    }
}
