using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class CheckboxTests
{
    [Fact]
    public async Task Unchecked_checkbox_is_labelled_and_posts_true_when_ticked()
    {
        var rendered = await RenderAsync<Checkbox>((nameof(Checkbox.Label), "Hide explicit posts"), (nameof(Checkbox.Name), "Form.HideExplicit"));

        var input = rendered.Find("label.checkbox > input[type='checkbox']");
        Assert.Equal(("Form.HideExplicit", "true", "form-hideexplicit"), (input.GetAttribute("name"), input.GetAttribute("value"), input.Id));
        Assert.False(input.HasAttribute("checked"));
        Assert.Equal("Hide explicit posts", rendered.Find("label.checkbox").TextContent.Trim());
        Assert.False(input.HasAttribute("aria-describedby"));
        Assert.False(input.HasAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Checked_and_disabled_states_are_rendered()
    {
        var rendered = await RenderAsync<Checkbox>(
            (nameof(Checkbox.Label), "Blur"), (nameof(Checkbox.Name), "blur"), (nameof(Checkbox.Checked), true), (nameof(Checkbox.Disabled), true));

        var input = rendered.Find("input");
        Assert.True(input.HasAttribute("checked"));
        Assert.True(input.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Hint_and_error_are_linked_and_the_error_marks_it_invalid()
    {
        var rendered = await RenderAsync<Checkbox>(
            (nameof(Checkbox.Label), "Accept"), (nameof(Checkbox.Name), "accept"), (nameof(Checkbox.Hint), "Read it first."), (nameof(Checkbox.Error), "Tick it."));

        var input = rendered.Find("input");
        Assert.Equal("accept-hint accept-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("Read it first.", rendered.ById("accept-hint")?.TextContent);
        Assert.Equal("Tick it.", rendered.ById("accept-error")?.TextContent);
        Assert.Contains("checkbox-field--invalid", rendered.Find(".checkbox-field").ClassList);
    }

    [Fact]
    public async Task Text_is_encoded()
    {
        var rendered = await RenderAsync<Checkbox>((nameof(Checkbox.Label), ScriptPayload), (nameof(Checkbox.Name), "x"), (nameof(Checkbox.Error), ScriptPayload));

        rendered.AssertNoScriptElements();
    }
}
