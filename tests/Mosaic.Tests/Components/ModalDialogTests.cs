using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class ModalDialogTests
{
    [Fact]
    public async Task A_dialog_is_closed_by_default_and_labelled_by_its_title()
    {
        var rendered = await RenderAsync<ModalDialog>(
            (nameof(ModalDialog.Id), "pick"),
            (nameof(ModalDialog.Title), "Save to album"),
            (nameof(ModalDialog.ChildContent), Text("Body")));

        var dialog = rendered.Find("dialog");
        Assert.Equal("pick", dialog.Id);
        Assert.False(dialog.HasAttribute("open"));
        Assert.True(dialog.HasAttribute("data-modal-dialog"));
        Assert.Equal("Save to album", rendered.ById(dialog.GetAttribute("aria-labelledby")!)?.TextContent);
        Assert.False(dialog.HasAttribute("aria-describedby"));
        Assert.Equal("Body", rendered.Find(".modal__body").TextContent.Trim());
        Assert.Empty(rendered.FindAll("footer"));
    }

    [Fact]
    public async Task The_close_button_is_a_named_non_submitting_button()
    {
        var rendered = await RenderAsync<ModalDialog>((nameof(ModalDialog.Id), "d"), (nameof(ModalDialog.Title), "Settings"));

        var close = rendered.Find("[data-modal-close]");
        Assert.Equal("button", close.GetAttribute("type"));
        Assert.Equal("Close Settings", close.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task An_open_dialog_with_description_and_footer_links_the_description()
    {
        var rendered = await RenderAsync<ModalDialog>(
            (nameof(ModalDialog.Id), "d"),
            (nameof(ModalDialog.Title), "Title"),
            (nameof(ModalDialog.Description), "What it is for."),
            (nameof(ModalDialog.Open), true),
            (nameof(ModalDialog.Footer), Text("Actions")));

        var dialog = rendered.Find("dialog");
        Assert.True(dialog.HasAttribute("open"));
        Assert.Equal("What it is for.", rendered.ById(dialog.GetAttribute("aria-describedby")!)?.TextContent);
        Assert.Equal("Actions", rendered.Find("footer.modal__footer").TextContent);
    }

    [Fact]
    public async Task Caller_attributes_pass_through_but_the_dialog_keeps_its_id_and_class()
    {
        var rendered = await RenderAsync<ModalDialog>(
            (nameof(ModalDialog.Id), "mine"),
            (nameof(ModalDialog.Title), "T"),
            (nameof(ModalDialog.Attributes), Attributes(("data-album-picker", true), ("id", "other"), ("class", "x"))));

        var dialog = rendered.Find("dialog");
        Assert.Equal("mine", dialog.Id);
        Assert.Contains("modal", dialog.ClassList);
        Assert.True(dialog.HasAttribute("data-album-picker"));
    }

    [Fact]
    public async Task The_title_and_description_are_encoded()
    {
        var rendered = await RenderAsync<ModalDialog>(
            (nameof(ModalDialog.Id), "d"),
            (nameof(ModalDialog.Title), ScriptPayload),
            (nameof(ModalDialog.Description), ScriptPayload));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("h2").TextContent);
    }
}
