using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class SecretFieldTests
{
    private const string Token = "mos_3f9a2c7e1b4d";

    [Fact]
    public async Task Value_is_shown_in_a_readonly_labelled_input()
    {
        var rendered = await RenderAsync<SecretField>(
            (nameof(SecretField.Label), "Your new token"),
            (nameof(SecretField.Value), Token));

        var label = rendered.Find("label.field__label");
        var input = rendered.Find("input.secret-field__value");
        Assert.Equal("Your new token", label.TextContent.Trim());
        Assert.Equal("secret", input.Id);
        Assert.Equal(input.Id, label.GetAttribute("for"));
        Assert.Equal("text", input.GetAttribute("type"));
        Assert.True(input.HasAttribute("readonly"));
        Assert.Equal(Token, input.GetAttribute("value"));
    }

    [Fact]
    public async Task Input_is_not_spellchecked_autocompleted_or_submitted_and_is_marked_for_the_script()
    {
        var rendered = await RenderAsync<SecretField>(
            (nameof(SecretField.Label), "Token"),
            (nameof(SecretField.Value), Token));

        var input = rendered.Find("input");
        Assert.Equal("false", input.GetAttribute("spellcheck"));
        Assert.Equal("off", input.GetAttribute("autocomplete"));
        Assert.True(input.HasAttribute("data-secret-value"));
        Assert.False(input.HasAttribute("name"));
    }

    [Fact]
    public async Task Copy_button_targets_the_input_and_is_hidden_until_scripts_enable_it()
    {
        var rendered = await RenderAsync<SecretField>(
            (nameof(SecretField.Label), "Token"),
            (nameof(SecretField.Value), Token));

        var button = rendered.Find("button");
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.True(button.HasAttribute("hidden"));
        Assert.Equal(rendered.Find("input").Id, button.GetAttribute("data-copy-target"));
        Assert.Equal("Copy", button.TextContent.Trim());
    }

    [Fact]
    public async Task Custom_id_is_used_by_the_label_input_and_copy_button()
    {
        var rendered = await RenderAsync<SecretField>(
            (nameof(SecretField.Label), "Recovery code"),
            (nameof(SecretField.Value), "ABCD-EFGH"),
            (nameof(SecretField.Id), "recovery-code"));

        Assert.Equal("recovery-code", rendered.Find("input").Id);
        Assert.Equal("recovery-code", rendered.Find("label").GetAttribute("for"));
        Assert.Equal("recovery-code", rendered.Find("button").GetAttribute("data-copy-target"));
    }

    [Fact]
    public async Task Hint_is_rendered_when_given()
    {
        var rendered = await RenderAsync<SecretField>(
            (nameof(SecretField.Label), "Token"),
            (nameof(SecretField.Value), Token),
            (nameof(SecretField.Hint), "It will not be shown again."));

        Assert.Equal("It will not be shown again.", rendered.Find("p.field__hint").TextContent.Trim());
    }

    [Fact]
    public async Task Hint_is_omitted_when_not_given()
    {
        var rendered = await RenderAsync<SecretField>(
            (nameof(SecretField.Label), "Token"),
            (nameof(SecretField.Value), Token));

        Assert.Empty(rendered.FindAll(".field__hint"));
    }

    [Fact]
    public async Task User_supplied_label_value_and_hint_are_html_encoded()
    {
        var rendered = await RenderAsync<SecretField>(
            (nameof(SecretField.Label), ScriptPayload),
            (nameof(SecretField.Value), ScriptPayload),
            (nameof(SecretField.Hint), ScriptPayload));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("label").TextContent.Trim());
        Assert.Equal(ScriptPayload, rendered.Find("input").GetAttribute("value"));
        Assert.Equal(ScriptPayload, rendered.Find(".field__hint").TextContent.Trim());
        Assert.DoesNotContain(ScriptPayload, rendered.Html, StringComparison.Ordinal);
    }
}
