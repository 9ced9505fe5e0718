using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class TextFieldTests
{
    [Fact]
    public async Task Label_is_tied_to_the_input_by_for_and_id()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Email address"),
            (nameof(TextField.Name), "email"));

        var label = rendered.Find("label.field__label");
        var input = rendered.Find("input.field__input");
        Assert.Equal("Email address", label.TextContent.Trim());
        Assert.Equal("email", input.Id);
        Assert.Equal(input.Id, label.GetAttribute("for"));
    }

    [Theory]
    [InlineData("Input.Email", "input-email")]
    [InlineData("Input.NewPassword", "input-newpassword")]
    [InlineData("Board.Settings.Slug", "board-settings-slug")]
    [InlineData("handle", "handle")]
    public async Task Id_is_derived_from_a_dotted_name_but_name_is_kept_as_given(string name, string expectedId)
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Field"),
            (nameof(TextField.Name), name));

        var input = rendered.Find("input");
        Assert.Equal(expectedId, input.Id);
        Assert.Equal(name, input.GetAttribute("name"));
        Assert.Equal(expectedId, rendered.Find("label").GetAttribute("for"));
    }

    [Fact]
    public async Task Explicit_id_wins_over_the_derived_one_for_input_label_and_messages()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Email"),
            (nameof(TextField.Name), "Input.Email"),
            (nameof(TextField.Id), "login-email"),
            (nameof(TextField.Hint), "We never show it."),
            (nameof(TextField.Error), "Enter an email address."));

        var input = rendered.Find("input");
        Assert.Equal("login-email", input.Id);
        Assert.Equal("Input.Email", input.GetAttribute("name"));
        Assert.Equal("login-email", rendered.Find("label").GetAttribute("for"));
        Assert.Equal("login-email-hint login-email-error", input.GetAttribute("aria-describedby"));
        Assert.NotNull(rendered.ById("login-email-hint"));
        Assert.NotNull(rendered.ById("login-email-error"));
    }

    [Fact]
    public async Task Plain_field_has_text_type_and_no_optional_attributes_or_messages()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Name"),
            (nameof(TextField.Name), "name"));

        var input = rendered.Find("input");
        Assert.Equal("text", input.GetAttribute("type"));
        foreach (var attribute in new[]
                 {
                     "value", "required", "maxlength", "minlength", "autocomplete", "inputmode", "aria-invalid",
                     "aria-describedby",
                 })
        {
            Assert.False(input.HasAttribute(attribute), $"Unexpected '{attribute}' attribute in:\n{rendered.Html}");
        }

        Assert.Equal(["field"], rendered.Find("div.field").ClassList);
        Assert.Empty(rendered.FindAll(".field__hint"));
        Assert.Empty(rendered.FindAll(".field__error"));
    }

    [Theory]
    [InlineData("email")]
    [InlineData("password")]
    [InlineData("search")]
    public async Task Type_is_rendered_on_the_input(string type)
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Field"),
            (nameof(TextField.Name), "field"),
            (nameof(TextField.Type), type));

        Assert.Equal(type, rendered.Find("input").GetAttribute("type"));
    }

    [Fact]
    public async Task Value_is_rendered_on_the_input()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Handle"),
            (nameof(TextField.Name), "handle"),
            (nameof(TextField.Value), "mosaic_fan"));

        Assert.Equal("mosaic_fan", rendered.Find("input").GetAttribute("value"));
    }

    [Fact]
    public async Task Required_field_has_required_attribute()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Handle"),
            (nameof(TextField.Name), "handle"),
            (nameof(TextField.Required), true));

        Assert.True(rendered.Find("input").HasAttribute("required"));
    }

    [Fact]
    public async Task Length_limits_autocomplete_and_inputmode_are_rendered()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Code"),
            (nameof(TextField.Name), "code"),
            (nameof(TextField.MinLength), 6),
            (nameof(TextField.MaxLength), 8),
            (nameof(TextField.Autocomplete), "one-time-code"),
            (nameof(TextField.InputMode), "numeric"));

        var input = rendered.Find("input");
        Assert.Equal("6", input.GetAttribute("minlength"));
        Assert.Equal("8", input.GetAttribute("maxlength"));
        Assert.Equal("one-time-code", input.GetAttribute("autocomplete"));
        Assert.Equal("numeric", input.GetAttribute("inputmode"));
    }

    [Fact]
    public async Task Hint_is_rendered_and_referenced_by_aria_describedby()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Handle"),
            (nameof(TextField.Name), "Input.Handle"),
            (nameof(TextField.Hint), "Letters, digits and underscores."));

        var input = rendered.Find("input");
        Assert.Equal("input-handle-hint", input.GetAttribute("aria-describedby"));
        var hint = rendered.ById("input-handle-hint");
        Assert.NotNull(hint);
        Assert.Equal("Letters, digits and underscores.", hint.TextContent.Trim());
        Assert.Contains("field__hint", hint.ClassList);

        Assert.False(input.HasAttribute("aria-invalid"));
        Assert.Empty(rendered.FindAll(".field__error"));
        Assert.DoesNotContain("field--invalid", rendered.Find("div.field").ClassList);
    }

    [Fact]
    public async Task Error_marks_the_input_invalid_and_is_referenced_by_aria_describedby()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Email"),
            (nameof(TextField.Name), "Input.Email"),
            (nameof(TextField.Value), "not-an-email"),
            (nameof(TextField.Error), "Enter a valid email address."));

        var input = rendered.Find("input");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("input-email-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("not-an-email", input.GetAttribute("value"));

        var error = rendered.ById("input-email-error");
        Assert.NotNull(error);
        Assert.Equal("Enter a valid email address.", error.TextContent.Trim());
        Assert.Contains("field__error", error.ClassList);

        Assert.Contains("field--invalid", rendered.Find("div.field").ClassList);
        Assert.Empty(rendered.FindAll(".field__hint"));
    }

    [Fact]
    public async Task Hint_and_error_are_both_referenced_hint_first_and_each_id_resolves()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Password"),
            (nameof(TextField.Name), "Input.Password"),
            (nameof(TextField.Type), "password"),
            (nameof(TextField.Hint), "At least 12 characters."),
            (nameof(TextField.Error), "Too short."));

        var input = rendered.Find("input");
        var describedBy = input.GetAttribute("aria-describedby");
        Assert.Equal("input-password-hint input-password-error", describedBy);

        var texts = describedBy!
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(id => rendered.ById(id)?.TextContent.Trim() ?? $"(no element with id '{id}')")
            .ToArray();
        Assert.Equal(["At least 12 characters.", "Too short."], texts);
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Unmatched_attributes_are_passed_through_to_the_input()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Search"),
            (nameof(TextField.Name), "q"),
            (nameof(TextField.Attributes), Attributes(("placeholder", "Search threads"), ("autofocus", true), ("pattern", "[a-z]+"))));

        var input = rendered.Find("input");
        Assert.Equal("Search threads", input.GetAttribute("placeholder"));
        Assert.True(input.HasAttribute("autofocus"));
        Assert.Equal("[a-z]+", input.GetAttribute("pattern"));
        Assert.Equal("q", input.Id);
    }

    [Fact]
    public async Task User_supplied_label_value_hint_and_error_are_html_encoded()
    {
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), ScriptPayload),
            (nameof(TextField.Name), "subject"),
            (nameof(TextField.Value), ScriptPayload),
            (nameof(TextField.Hint), ScriptPayload),
            (nameof(TextField.Error), ScriptPayload));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("label").TextContent.Trim());
        Assert.Equal(ScriptPayload, rendered.Find("input").GetAttribute("value"));
        Assert.Equal(ScriptPayload, rendered.Find(".field__hint").TextContent.Trim());
        Assert.Equal(ScriptPayload, rendered.Find(".field__error").TextContent.Trim());
        Assert.DoesNotContain(ScriptPayload, rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Value_with_quotes_cannot_break_out_of_the_attribute()
    {
        const string Value = "\" autofocus onfocus=\"alert(1)";
        var rendered = await RenderAsync<TextField>(
            (nameof(TextField.Label), "Subject"),
            (nameof(TextField.Name), "subject"),
            (nameof(TextField.Value), Value));

        var input = rendered.Find("input");
        Assert.Equal(Value, input.GetAttribute("value"));
        Assert.False(input.HasAttribute("onfocus"));
        Assert.False(input.HasAttribute("autofocus"));
    }
}
