using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

/// <summary>Attributes a caller passes through never override the state a component owns.</summary>
public sealed class ComponentStateWinsTests
{
    [Fact]
    public async Task A_busy_button_stays_disabled_and_styled_whatever_the_caller_passes()
    {
        var rendered = await RenderAsync<Button>(
            (nameof(Button.Busy), true),
            (nameof(Button.Attributes), Attributes(("disabled", false), ("class", "other"), ("data-x", "1"))),
            (nameof(Button.ChildContent), Text("Posting")));

        var button = rendered.Find("button");
        Assert.True(button.HasAttribute("disabled"));
        Assert.Contains("button--primary", button.ClassList);
        Assert.Equal("1", button.GetAttribute("data-x"));
    }

    [Fact]
    public async Task A_text_field_keeps_its_error_linked_whatever_describedby_the_caller_passes()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Name"),
            (nameof(TextField.Name), "Form.Name"),
            (nameof(TextField.Error), "Required."),
            (nameof(TextField.Attributes), Attributes(("aria-describedby", "elsewhere"))));

        Assert.Equal("form-name-error", rendered.Find("input").GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task A_card_title_with_whitespace_and_symbols_makes_one_valid_id()
    {
        var rendered = await RenderAsync<Card>((nameof(Card.Title), "Über\tsettings & more"));

        var heading = rendered.Find("h2");
        Assert.Equal("über-settings-more-title", heading.Id);
        Assert.Equal(heading.Id, rendered.Find("section").GetAttribute("aria-labelledby"));
    }

    [Fact]
    public async Task A_secret_field_links_its_hint_to_the_input()
    {
        var rendered = await RenderAsync<SecretField>(
            (nameof(SecretField.Label), "Token"),
            (nameof(SecretField.Value), "mos_x"),
            (nameof(SecretField.Id), "tok"),
            (nameof(SecretField.Hint), "Shown once."));

        var describedBy = rendered.Find("input").GetAttribute("aria-describedby");
        Assert.Equal("Shown once.", rendered.Find($"#{describedBy}").TextContent);
    }
}
