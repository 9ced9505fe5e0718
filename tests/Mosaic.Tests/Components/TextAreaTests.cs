using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class TextAreaTests
{
    [Fact]
    public async Task The_label_is_tied_to_the_textarea_and_the_id_comes_from_the_name()
    {
        var rendered = await RenderAsync<TextArea>((nameof(TextArea.Label), "Add a comment"), (nameof(TextArea.Name), "Form.Body"));

        var textarea = rendered.Find("textarea.field__input");
        Assert.Equal("form-body", textarea.Id);
        Assert.Equal("Form.Body", textarea.GetAttribute("name"));
        Assert.Equal("form-body", rendered.Find("label").GetAttribute("for"));
        Assert.Equal("Add a comment", rendered.Find("label").TextContent);
        Assert.Equal("4", textarea.GetAttribute("rows"));
        foreach (var attribute in new[] { "required", "maxlength", "aria-invalid", "aria-describedby", "placeholder" })
        {
            Assert.False(textarea.HasAttribute(attribute), $"Unexpected '{attribute}' in:\n{rendered.Html}");
        }
        Assert.Equal(["field"], rendered.Find("div.field").ClassList);
    }

    [Fact]
    public async Task Value_rows_limits_and_extra_attributes_are_rendered()
    {
        var rendered = await RenderAsync<TextArea>(
            (nameof(TextArea.Label), "Body"), (nameof(TextArea.Name), "body"), (nameof(TextArea.Id), "overlay-body"),
            (nameof(TextArea.Value), "Line one\nLine two"), (nameof(TextArea.Rows), 2), (nameof(TextArea.MaxLength), 5000),
            (nameof(TextArea.Required), true), (nameof(TextArea.Attributes), Attributes(("data-comments-body", true))));

        var textarea = rendered.Find("textarea");
        Assert.Equal("overlay-body", textarea.Id);
        Assert.Equal("Line one\nLine two", textarea.TextContent);
        Assert.Equal(("2", "5000"), (textarea.GetAttribute("rows"), textarea.GetAttribute("maxlength")));
        Assert.True(textarea.HasAttribute("required"));
        Assert.True(textarea.HasAttribute("data-comments-body"));
    }

    [Fact]
    public async Task Hint_and_error_are_linked_and_the_error_marks_it_invalid()
    {
        var rendered = await RenderAsync<TextArea>(
            (nameof(TextArea.Label), "Body"), (nameof(TextArea.Name), "Form.Body"),
            (nameof(TextArea.Hint), "Markdown works."), (nameof(TextArea.Error), "Write something first."));

        var textarea = rendered.Find("textarea");
        Assert.Equal("form-body-hint form-body-error", textarea.GetAttribute("aria-describedby"));
        Assert.Equal("true", textarea.GetAttribute("aria-invalid"));
        Assert.Equal("Markdown works.", rendered.ById("form-body-hint")?.TextContent);
        Assert.Equal("Write something first.", rendered.ById("form-body-error")?.TextContent);
        Assert.Contains("field--invalid", rendered.Find("div.field").ClassList);
    }

    [Fact]
    public async Task What_people_typed_stays_text_inside_the_textarea()
    {
        const string Typed = "</textarea><script>alert(1)</script>";
        var rendered = await RenderAsync<TextArea>(
            (nameof(TextArea.Label), ScriptPayload), (nameof(TextArea.Name), "body"), (nameof(TextArea.Value), Typed),
            (nameof(TextArea.Hint), ScriptPayload), (nameof(TextArea.Error), ScriptPayload));

        rendered.AssertNoScriptElements();
        Assert.Equal(Typed, rendered.Find("textarea").TextContent);
        Assert.Equal(ScriptPayload, rendered.Find("label").TextContent);
    }
}
