using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class AvatarPlaceholderTests
{
    [Theory]
    [InlineData("alice", "A")]
    [InlineData("mary_jane", "MJ")]
    [InlineData("x-ray-42", "XR")]
    [InlineData("__bob", "B")]
    [InlineData("42", "4")]
    [InlineData("", "?")]
    public void Initials_come_from_the_first_two_parts_of_the_name(string username, string expected) =>
        Assert.Equal(expected, AvatarPlaceholder.InitialsFor(username));

    [Fact]
    public void The_colour_is_deterministic_from_the_palette_and_ignores_case()
    {
        var colours = new[] { "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi" }.Select(AvatarPlaceholder.ColorFor).ToList();

        Assert.Equal(AvatarPlaceholder.ColorFor("alice"), AvatarPlaceholder.ColorFor("ALICE"));
        Assert.All(colours, c => Assert.Contains(c, AvatarPlaceholder.Palette));
        Assert.True(colours.Distinct().Count() > 3, "names should spread over the palette");
        // FNV-1a of "alice" is 0x872213e7; comments.js computes the same (keep them in step).
        Assert.Equal(AvatarPlaceholder.Palette[0x872213e7u % 12], AvatarPlaceholder.ColorFor("alice"));
    }

    [Fact]
    public async Task It_is_an_svg_image_named_after_the_person_coloured_by_fill_not_style()
    {
        var rendered = await RenderAsync<AvatarPlaceholder>((nameof(AvatarPlaceholder.Username), "mary_jane"), (nameof(AvatarPlaceholder.Size), 48));

        var svg = rendered.Find("svg.avatar");
        Assert.Equal(("img", "@mary_jane"), (svg.GetAttribute("role"), svg.GetAttribute("aria-label")));
        Assert.Equal(("48", "48"), (svg.GetAttribute("width"), svg.GetAttribute("height")));
        Assert.Equal(AvatarPlaceholder.ColorFor("mary_jane"), rendered.Find("circle").GetAttribute("fill"));
        Assert.Equal("MJ", rendered.Find("text").TextContent);
        Assert.Empty(rendered.FindAll("[style]"));
    }

    [Fact]
    public async Task Decorative_avatars_are_hidden_from_screen_readers()
    {
        var rendered = await RenderAsync<AvatarPlaceholder>((nameof(AvatarPlaceholder.Username), "alice"), (nameof(AvatarPlaceholder.Decorative), true));

        var svg = rendered.Find("svg");
        Assert.Equal("true", svg.GetAttribute("aria-hidden"));
        Assert.False(svg.HasAttribute("role"));
        Assert.False(svg.HasAttribute("aria-label"));
    }

    [Fact]
    public async Task The_name_is_encoded()
    {
        var rendered = await RenderAsync<AvatarPlaceholder>((nameof(AvatarPlaceholder.Username), "\"><script>alert(1)</script>"));

        rendered.AssertNoScriptElements();
        Assert.Equal("@\"><script>alert(1)</script>", rendered.Find("svg").GetAttribute("aria-label"));
    }
}
