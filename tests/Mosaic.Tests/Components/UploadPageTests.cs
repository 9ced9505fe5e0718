using System.Net;
using AngleSharp.Html.Dom;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Components;

/// <summary>The upload page renders its file field with <c>UploadDropzone</c>, keeping what upload.js and a browser without it rely on.</summary>
[Collection(ServerCollection.Name)]
public sealed class UploadPageTests(Servers servers)
{
    [Fact]
    public async Task The_page_has_the_dropzone_inside_the_form_upload_js_drives()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        await client.SignUpAndSignInAsync();

        var page = await client.GetPageAsync("/upload");

        var form = page.QuerySelector("form[data-upload-form]");
        Assert.NotNull(form);
        Assert.Equal("/api/v1/posts", form.GetAttribute("data-api"));
        var zone = form.QuerySelector("[data-dropzone]");
        Assert.Equal("empty", zone?.GetAttribute("data-state"));
        var input = zone!.QuerySelector("input[type='file'][data-upload-file]");
        Assert.Equal(("upload-file", "File"), (input?.Id, input?.GetAttribute("name")));
        Assert.Equal("Image", page.QuerySelector("label[for='upload-file']")?.TextContent);
        Assert.NotNull(zone.QuerySelector("img[data-upload-preview][alt='Preview of the chosen image']"));
        Assert.NotNull(zone.QuerySelector("progress[data-upload-progress]"));
        Assert.NotNull(page.QuerySelector("[data-upload-messages]"));
        Assert.Equal(["safe", "questionable", "explicit"], form.QuerySelectorAll("input[name='Form.Rating']").Select(r => r.GetAttribute("value")));
        Assert.Contains("MB", page.QuerySelector("#upload-file-hint")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_the_form_without_a_file_shows_the_dropzone_in_its_error_state()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        await client.SignUpAndSignInAsync();
        var page = await client.GetPageAsync("/upload");
        var form = (IHtmlFormElement)page.QuerySelector("form[data-upload-form]")!;
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type='hidden']").OfType<IHtmlInputElement>())
        {
            content.Add(new StringContent(hidden.Value), hidden.Name!);
        }
        content.Add(new StringContent("safe"), "Form.Rating");

        var response = await client.Http.PostAsync("/upload", content);
        var result = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var zone = result.QuerySelector("[data-dropzone]");
        Assert.Equal("error", zone?.GetAttribute("data-state"));
        Assert.Equal("true", zone?.QuerySelector("input[type='file']")?.GetAttribute("aria-invalid"));
        Assert.False(string.IsNullOrWhiteSpace(result.QuerySelector("#upload-file-error")?.TextContent));
        Assert.NotNull(result.QuerySelector("input[name='Form.Rating'][value='safe'][checked]"));
    }
}
