using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class DropdownTests
{
    [Fact]
    public async Task A_dropdown_is_a_closed_disclosure_that_works_without_scripts()
    {
        var rendered = await RenderAsync<Dropdown>(
            (nameof(Dropdown.Id), "actions"),
            (nameof(Dropdown.Label), "Album"),
            (nameof(Dropdown.ChildContent), Markup("<a href=\"#edit\">Edit</a><button type=\"submit\">Delete</button>")));

        var details = rendered.Find("details[data-dropdown]");
        Assert.Equal("actions", details.Id);
        Assert.False(details.HasAttribute("open"));
        Assert.Contains("dropdown--start", details.ClassList);
        var summary = rendered.Find("details > summary");
        Assert.Equal("Album▾", summary.TextContent.Trim());
        Assert.Contains("button--secondary", summary.ClassList);
        Assert.Equal("true", rendered.Find(".dropdown__caret").GetAttribute("aria-hidden"));
        var menu = rendered.Find("details > [data-dropdown-menu]");
        Assert.Equal("actions-menu", menu.Id);
        Assert.Equal(2, menu.QuerySelectorAll("a, button").Length);
    }

    [Fact]
    public async Task Open_variant_alignment_and_a_longer_name_are_rendered()
    {
        var rendered = await RenderAsync<Dropdown>(
            (nameof(Dropdown.Id), "more"),
            (nameof(Dropdown.Label), "⋯"),
            (nameof(Dropdown.AriaLabel), "More actions"),
            (nameof(Dropdown.Variant), ButtonVariant.Ghost),
            (nameof(Dropdown.Align), "end"),
            (nameof(Dropdown.Open), true));

        var details = rendered.Find("details");
        Assert.True(details.HasAttribute("open"));
        Assert.Contains("dropdown--end", details.ClassList);
        var summary = rendered.Find("summary");
        Assert.Equal("More actions", summary.GetAttribute("aria-label"));
        Assert.Contains("button--ghost", summary.ClassList);
    }

    [Fact]
    public async Task The_label_is_encoded()
    {
        var rendered = await RenderAsync<Dropdown>((nameof(Dropdown.Id), "d"), (nameof(Dropdown.Label), ScriptPayload));

        rendered.AssertNoScriptElements();
        Assert.StartsWith(ScriptPayload, rendered.Find("summary").TextContent.Trim(), StringComparison.Ordinal);
    }
}
