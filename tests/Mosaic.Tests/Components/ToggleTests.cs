using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class ToggleTests
{
    [Fact]
    public async Task Off_is_an_unchecked_switch_named_by_its_label()
    {
        var rendered = await RenderAsync<Toggle>((nameof(Toggle.Label), "Show tags"), (nameof(Toggle.Name), "Form.ShowTags"));

        var input = rendered.Find("input");
        Assert.Equal(("checkbox", "switch", "form-showtags"), (input.GetAttribute("type"), input.GetAttribute("role"), input.Id));
        Assert.Equal("true", input.GetAttribute("value"));
        Assert.False(input.HasAttribute("checked"));
        Assert.False(input.HasAttribute("disabled"));
        Assert.Equal("Show tags", rendered.Find($"label[for='{input.Id}']").TextContent);
    }

    [Fact]
    public async Task On_is_checked()
    {
        var rendered = await RenderAsync<Toggle>((nameof(Toggle.Label), "On"), (nameof(Toggle.Name), "on"), (nameof(Toggle.Checked), true));

        Assert.True(rendered.Find("input").HasAttribute("checked"));
    }

    [Fact]
    public async Task Disabled_is_disabled_and_styled_so()
    {
        var rendered = await RenderAsync<Toggle>((nameof(Toggle.Label), "Off"), (nameof(Toggle.Name), "off"), (nameof(Toggle.Disabled), true));

        Assert.True(rendered.Find("input").HasAttribute("disabled"));
        Assert.Contains("toggle--disabled", rendered.Find(".toggle").ClassList);
    }

    [Fact]
    public async Task A_hint_describes_the_switch()
    {
        var rendered = await RenderAsync<Toggle>((nameof(Toggle.Label), "Blur"), (nameof(Toggle.Id), "blur"), (nameof(Toggle.Hint), "Only thumbnails."));

        Assert.Equal("Only thumbnails.", rendered.Find($"#{rendered.Find("input").GetAttribute("aria-describedby")}").TextContent);
    }

    [Fact]
    public async Task Without_a_name_it_posts_nothing_and_passes_attributes_through()
    {
        var rendered = await RenderAsync<Toggle>(
            (nameof(Toggle.Label), "Customize"),
            (nameof(Toggle.Id), "board-customize"),
            (nameof(Toggle.Attributes), Attributes(("data-board-customize", true), ("aria-controls", "panel"))));

        var input = rendered.Find("input");
        Assert.False(input.HasAttribute("name"));
        Assert.False(input.HasAttribute("value"));
        Assert.True(input.HasAttribute("data-board-customize"));
        Assert.Equal("panel", input.GetAttribute("aria-controls"));
    }

    [Fact]
    public async Task The_label_is_encoded()
    {
        var rendered = await RenderAsync<Toggle>((nameof(Toggle.Label), ScriptPayload), (nameof(Toggle.Name), "x"));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("label").TextContent);
    }
}
