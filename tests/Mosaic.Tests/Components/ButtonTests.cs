using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class ButtonTests
{
    [Fact]
    public async Task Default_button_is_a_primary_submit_button_that_is_enabled()
    {
        var rendered = await RenderAsync<Button>((nameof(Button.ChildContent), Text("Save")));

        var button = rendered.Find("button");
        Assert.Equal("submit", button.GetAttribute("type"));
        Assert.Equal(["button", "button--primary"], button.ClassList);
        Assert.False(button.HasAttribute("disabled"));
        Assert.False(button.HasAttribute("aria-busy"));
        Assert.Empty(rendered.FindAll(".button__spinner"));
        Assert.Equal("Save", button.TextContent.Trim());
    }

    [Theory]
    [InlineData(ButtonVariant.Primary, "button--primary")]
    [InlineData(ButtonVariant.Secondary, "button--secondary")]
    [InlineData(ButtonVariant.Ghost, "button--ghost")]
    [InlineData(ButtonVariant.Danger, "button--danger")]
    public async Task Variant_maps_to_its_modifier_class(ButtonVariant variant, string expectedClass)
    {
        var rendered = await RenderAsync<Button>((nameof(Button.Variant), variant));

        var button = rendered.Find("button");
        Assert.Equal(["button", expectedClass], button.ClassList);
    }

    [Fact]
    public void Every_variant_is_covered_by_the_class_mapping_theory()
    {
        // If a variant is added, the theory above needs a row for it (and the stylesheet a rule).
        Assert.Equal(
            [ButtonVariant.Primary, ButtonVariant.Secondary, ButtonVariant.Ghost, ButtonVariant.Danger],
            Enum.GetValues<ButtonVariant>());
    }

    [Theory]
    [InlineData("button")]
    [InlineData("reset")]
    public async Task Type_overrides_the_default_submit(string type)
    {
        var rendered = await RenderAsync<Button>((nameof(Button.Type), type));

        Assert.Equal(type, rendered.Find("button").GetAttribute("type"));
    }

    [Fact]
    public async Task Disabled_button_has_disabled_attribute_but_is_not_busy()
    {
        var rendered = await RenderAsync<Button>(
            (nameof(Button.Disabled), true),
            (nameof(Button.ChildContent), Text("Delete")));

        var button = rendered.Find("button");
        Assert.True(button.HasAttribute("disabled"));
        Assert.False(button.HasAttribute("aria-busy"));
        Assert.Empty(rendered.FindAll(".button__spinner"));
    }

    [Fact]
    public async Task Busy_button_is_disabled_announces_busy_and_shows_a_hidden_spinner()
    {
        var rendered = await RenderAsync<Button>(
            (nameof(Button.Busy), true),
            (nameof(Button.ChildContent), Text("Posting")));

        var button = rendered.Find("button");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("true", button.GetAttribute("aria-busy"));

        var spinner = rendered.Find("button > .button__spinner");
        Assert.Equal("span", spinner.LocalName);
        Assert.Equal("true", spinner.GetAttribute("aria-hidden"));
        Assert.Equal(string.Empty, spinner.TextContent);

        Assert.Equal("Posting", button.TextContent.Trim());
    }

    [Fact]
    public async Task Busy_and_disabled_button_is_disabled_and_busy()
    {
        var rendered = await RenderAsync<Button>(
            (nameof(Button.Busy), true),
            (nameof(Button.Disabled), true));

        var button = rendered.Find("button");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Equal("true", button.GetAttribute("aria-busy"));
    }

    [Fact]
    public async Task Name_and_value_are_rendered_when_given()
    {
        var rendered = await RenderAsync<Button>(
            (nameof(Button.Name), "action"),
            (nameof(Button.Value), "lock"));

        var button = rendered.Find("button");
        Assert.Equal("action", button.GetAttribute("name"));
        Assert.Equal("lock", button.GetAttribute("value"));
    }

    [Fact]
    public async Task Name_and_value_are_omitted_when_not_given()
    {
        var rendered = await RenderAsync<Button>();

        var button = rendered.Find("button");
        Assert.False(button.HasAttribute("name"));
        Assert.False(button.HasAttribute("value"));
    }

    [Fact]
    public async Task Unmatched_attributes_are_passed_through_to_the_button()
    {
        var rendered = await RenderAsync<Button>(
            (nameof(Button.Attributes), Attributes(("form", "reply-form"), ("data-testid", "send"), ("aria-label", "Send reply"))));

        var button = rendered.Find("button");
        Assert.Equal("reply-form", button.GetAttribute("form"));
        Assert.Equal("send", button.GetAttribute("data-testid"));
        Assert.Equal("Send reply", button.GetAttribute("aria-label"));
        Assert.Equal("submit", button.GetAttribute("type"));
        Assert.Equal(["button", "button--primary"], button.ClassList);
    }

    [Fact]
    public async Task Child_content_markup_is_rendered_inside_the_button()
    {
        var rendered = await RenderAsync<Button>(
            (nameof(Button.ChildContent), Markup("<span class=\"icon\"></span> Reply")));

        var button = rendered.Find("button");
        Assert.NotNull(button.QuerySelector("span.icon"));
        Assert.Equal("Reply", button.TextContent.Trim());
    }

    [Fact]
    public async Task User_supplied_text_and_value_are_html_encoded()
    {
        var rendered = await RenderAsync<Button>(
            (nameof(Button.Value), ScriptPayload),
            (nameof(Button.ChildContent), Text(ScriptPayload)));

        rendered.AssertNoScriptElements();
        var button = rendered.Find("button");
        Assert.Equal(ScriptPayload, button.GetAttribute("value"));
        Assert.Equal(ScriptPayload, button.TextContent.Trim());
        Assert.DoesNotContain(ScriptPayload, rendered.Html, StringComparison.Ordinal);
    }
}
