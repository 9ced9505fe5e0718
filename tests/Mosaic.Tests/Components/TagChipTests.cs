using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class TagChipTests
{
    [Theory]
    [InlineData("general")]
    [InlineData("artist")]
    [InlineData("character")]
    [InlineData("copyright")]
    [InlineData("meta")]
    [InlineData("auto")]
    public async Task The_chip_is_coloured_by_its_category(string category)
    {
        var rendered = await RenderAsync<TagChip>((nameof(TagChip.Name), "cat"), (nameof(TagChip.Category), category));

        Assert.Contains($"chip--{category}", rendered.Find(".chip").ClassList);
    }

    [Fact]
    public async Task An_unknown_category_falls_back_to_general_and_cannot_inject_classes()
    {
        var rendered = await RenderAsync<TagChip>((nameof(TagChip.Name), "cat"), (nameof(TagChip.Category), "x\" onclick=\"alert(1)"));

        var chip = rendered.Find(".chip");
        Assert.Equal(["chip", "chip--general"], chip.ClassList);
        Assert.False(chip.HasAttribute("onclick"));
    }

    [Fact]
    public async Task With_a_link_and_a_count_the_count_is_read_with_its_unit()
    {
        var rendered = await RenderAsync<TagChip>(
            (nameof(TagChip.Name), "cat"),
            (nameof(TagChip.Count), 1234),
            (nameof(TagChip.Href), "/tags/cat"));

        var link = rendered.Find("a.chip__label");
        Assert.Equal("/tags/cat", link.GetAttribute("href"));
        Assert.Equal("cat 1,234 posts", link.TextContent);
        Assert.Equal("cat", rendered.Find(".chip__name").TextContent);
        Assert.Equal("1,234", rendered.Find(".chip__count").FirstChild?.TextContent?.Trim());
        Assert.Equal(" posts", rendered.Find(".chip__count .visually-hidden").TextContent);
    }

    [Fact]
    public async Task One_post_is_singular_and_no_count_renders_no_badge()
    {
        var one = await RenderAsync<TagChip>((nameof(TagChip.Name), "cat"), (nameof(TagChip.Count), 1));
        var none = await RenderAsync<TagChip>((nameof(TagChip.Name), "cat"));

        Assert.Equal(" post", one.Find(".chip__count .visually-hidden").TextContent);
        Assert.Empty(none.FindAll(".chip__count"));
        Assert.Empty(none.FindAll("a"));
        Assert.Equal("cat", none.Find("span.chip__label").TextContent.Trim());
    }

    [Fact]
    public async Task The_remove_button_submits_the_name_and_has_an_accessible_name()
    {
        var rendered = await RenderAsync<TagChip>((nameof(TagChip.Name), "cat"), (nameof(TagChip.RemoveField), "Removal.Name"));

        var button = rendered.Find("button.chip__remove");
        Assert.Equal("submit", button.GetAttribute("type"));
        Assert.Equal("Removal.Name", button.GetAttribute("name"));
        Assert.Equal("cat", button.GetAttribute("value"));
        Assert.Equal("Remove tag cat", button.GetAttribute("aria-label"));
        Assert.Equal("true", button.QuerySelector("span")?.GetAttribute("aria-hidden"));
    }

    [Fact]
    public async Task Without_a_remove_field_there_is_no_button()
    {
        var rendered = await RenderAsync<TagChip>((nameof(TagChip.Name), "cat"), (nameof(TagChip.Href), "/tags/cat"));

        Assert.Empty(rendered.FindAll("button"));
    }

    [Fact]
    public async Task A_description_reference_makes_a_plain_chip_focusable()
    {
        var plain = await RenderAsync<TagChip>((nameof(TagChip.Name), "cat"), (nameof(TagChip.DescribedBy), "tip-1"));
        var linked = await RenderAsync<TagChip>((nameof(TagChip.Name), "cat"), (nameof(TagChip.Href), "/tags/cat"), (nameof(TagChip.DescribedBy), "tip-1"));

        Assert.Equal(("tip-1", "0"), (plain.Find(".chip__label").GetAttribute("aria-describedby"), plain.Find(".chip__label").GetAttribute("tabindex")));
        Assert.Equal("tip-1", linked.Find("a").GetAttribute("aria-describedby"));
        Assert.False(linked.Find("a").HasAttribute("tabindex"));
    }

    [Fact]
    public async Task Names_are_encoded_everywhere()
    {
        var rendered = await RenderAsync<TagChip>(
            (nameof(TagChip.Name), ScriptPayload),
            (nameof(TagChip.Href), "/tags/x"),
            (nameof(TagChip.RemoveField), "remove"));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("a").TextContent);
        Assert.Equal(ScriptPayload, rendered.Find("button").GetAttribute("value"));
        Assert.Equal($"Remove tag {ScriptPayload}", rendered.Find("button").GetAttribute("aria-label"));
    }
}
