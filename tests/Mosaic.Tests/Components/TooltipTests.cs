using Microsoft.AspNetCore.Components;
using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class TooltipTests
{
    [Fact]
    public async Task The_default_trigger_is_a_named_button_described_by_the_tooltip()
    {
        var rendered = await RenderAsync<Tooltip>(
            (nameof(Tooltip.Text), "Cats are small."),
            (nameof(Tooltip.TriggerLabel), "About cats"),
            (nameof(Tooltip.Id), "tip-cat"));

        var button = rendered.Find("button.tooltip__trigger");
        var bubble = rendered.Find("[role='tooltip']");
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Equal("About cats", button.GetAttribute("aria-label"));
        Assert.Equal("tip-cat", button.GetAttribute("aria-describedby"));
        Assert.Equal("tip-cat", bubble.Id);
        Assert.Equal("Cats are small.", bubble.TextContent);
        Assert.True(rendered.Find(".tooltip").HasAttribute("data-tooltip"));
    }

    [Fact]
    public async Task Child_content_receives_the_id_to_reference()
    {
        RenderFragment<string> trigger = id => builder =>
        {
            builder.OpenElement(0, "a");
            builder.AddAttribute(1, "href", "/tags/cat");
            builder.AddAttribute(2, "aria-describedby", id);
            builder.AddContent(3, "cat");
            builder.CloseElement();
        };

        var rendered = await RenderAsync<Tooltip>((nameof(Tooltip.Text), "Cats."), (nameof(Tooltip.ChildContent), trigger));

        var link = rendered.Find("a");
        var bubble = rendered.Find("[role='tooltip']");
        Assert.StartsWith("tooltip-", bubble.Id, StringComparison.Ordinal);
        Assert.Equal(bubble.Id, link.GetAttribute("aria-describedby"));
        Assert.Empty(rendered.FindAll("button"));
    }

    [Fact]
    public async Task It_is_shown_only_on_hover_or_focus_unless_made_visible()
    {
        var normal = await RenderAsync<Tooltip>((nameof(Tooltip.Text), "Cats."));
        var visible = await RenderAsync<Tooltip>((nameof(Tooltip.Text), "Cats."), (nameof(Tooltip.Visible), true));

        Assert.Equal(["tooltip"], normal.Find("[data-tooltip]").ClassList);
        Assert.Equal(["tooltip", "tooltip--visible"], visible.Find("[data-tooltip]").ClassList);
    }

    [Fact]
    public async Task Each_tooltip_gets_its_own_id()
    {
        var first = await RenderAsync<Tooltip>((nameof(Tooltip.Text), "One"));
        var second = await RenderAsync<Tooltip>((nameof(Tooltip.Text), "Two"));

        Assert.NotEqual(first.Find("[role='tooltip']").Id, second.Find("[role='tooltip']").Id);
    }

    [Fact]
    public async Task Text_is_encoded()
    {
        var rendered = await RenderAsync<Tooltip>((nameof(Tooltip.Text), ScriptPayload), (nameof(Tooltip.TriggerLabel), ScriptPayload));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("[role='tooltip']").TextContent);
        Assert.Equal(ScriptPayload, rendered.Find("button").GetAttribute("aria-label"));
    }
}
