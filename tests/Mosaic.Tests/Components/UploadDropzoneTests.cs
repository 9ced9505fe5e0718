using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.LocalizedComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class UploadDropzoneTests
{
    [Fact]
    public async Task Empty_is_a_labelled_file_input_with_the_hooks_upload_js_uses()
    {
        var rendered = await RenderAsync<UploadDropzone>(
            (nameof(UploadDropzone.Label), "Image"), (nameof(UploadDropzone.Accept), "image/png"), (nameof(UploadDropzone.Hint), "PNG only."));

        var zone = rendered.Find("[data-dropzone]");
        var input = rendered.Find("input[type='file'][data-upload-file]");
        Assert.Equal("empty", zone.GetAttribute("data-state"));
        Assert.Equal(("upload-file", "File", "image/png"), (input.Id, input.GetAttribute("name"), input.GetAttribute("accept")));
        Assert.True(input.HasAttribute("required"));
        Assert.Equal("Image", rendered.Find("label[for='upload-file']").TextContent);
        Assert.Equal("upload-file-hint", input.GetAttribute("aria-describedby"));
        Assert.True(rendered.Find("img[data-upload-preview]").HasAttribute("hidden"));
        Assert.True(rendered.Find("progress[data-upload-progress]").HasAttribute("hidden"));
        Assert.Empty(rendered.FindAll(".field__error"));
    }

    [Fact]
    public async Task The_preview_has_a_text_alternative_from_the_resources()
    {
        var rendered = await RenderAsync<UploadDropzone>((nameof(UploadDropzone.Label), "Image"));

        Assert.Equal("Preview of the chosen image", rendered.Find("img[data-upload-preview]").GetAttribute("alt"));
    }

    [Fact]
    public async Task Dragging_is_a_state_for_the_stylesheet()
    {
        var rendered = await RenderAsync<UploadDropzone>((nameof(UploadDropzone.Label), "Image"), (nameof(UploadDropzone.State), DropzoneState.Dragging));

        Assert.Equal("dragging", rendered.Find("[data-dropzone]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Preview_shows_the_chosen_image()
    {
        var rendered = await RenderAsync<UploadDropzone>(
            (nameof(UploadDropzone.Label), "Image"), (nameof(UploadDropzone.State), DropzoneState.Preview), (nameof(UploadDropzone.PreviewUrl), "blob:preview"));

        var preview = rendered.Find("img[data-upload-preview]");
        Assert.Equal("preview", rendered.Find("[data-dropzone]").GetAttribute("data-state"));
        Assert.Equal("blob:preview", preview.GetAttribute("src"));
        Assert.False(preview.HasAttribute("hidden"));
    }

    [Fact]
    public async Task Uploading_shows_a_labelled_progress_bar()
    {
        var rendered = await RenderAsync<UploadDropzone>(
            (nameof(UploadDropzone.Label), "Image"), (nameof(UploadDropzone.State), DropzoneState.Uploading), (nameof(UploadDropzone.Progress), 42));

        var progress = rendered.Find("progress");
        Assert.False(progress.HasAttribute("hidden"));
        Assert.Equal(("42", "100", "42%"), (progress.GetAttribute("value"), progress.GetAttribute("max"), progress.TextContent));
        Assert.Equal("Upload progress", progress.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task An_error_is_the_error_state_linked_to_the_input()
    {
        var rendered = await RenderAsync<UploadDropzone>(
            (nameof(UploadDropzone.Label), "Image"), (nameof(UploadDropzone.Hint), "Any image."), (nameof(UploadDropzone.Error), "Not an image."));

        var input = rendered.Find("input");
        Assert.Equal("error", rendered.Find("[data-dropzone]").GetAttribute("data-state"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("upload-file-hint upload-file-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("Not an image.", rendered.ById("upload-file-error")?.TextContent);
    }

    [Fact]
    public async Task Text_is_encoded()
    {
        var rendered = await RenderAsync<UploadDropzone>(
            (nameof(UploadDropzone.Label), ComponentRenderer.ScriptPayload), (nameof(UploadDropzone.Error), ComponentRenderer.ScriptPayload));

        rendered.AssertNoScriptElements();
    }
}
