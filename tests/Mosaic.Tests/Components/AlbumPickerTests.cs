using Mosaic.Components.Ui;
using Mosaic.Features.Albums;
using Mosaic.Features.Posts;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class AlbumPickerTests
{
    private static readonly UserRefDto Owner = new(Guid.NewGuid(), "alice");

    private static AlbumDto Album(long id, string name, bool contains, bool isPublic = false, int posts = 1) =>
        new(id, name, "", isPublic, posts, Owner, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, contains);

    [Fact]
    public async Task Without_albums_yet_it_shows_the_loading_state_in_a_closed_labelled_modal()
    {
        var rendered = await RenderAsync<AlbumPicker>((nameof(AlbumPicker.PostId), 42L));

        var dialog = rendered.Find("dialog[data-album-picker]");
        Assert.Equal("album-picker", dialog.Id);
        Assert.Equal("42", dialog.GetAttribute("data-album-picker-post"));
        Assert.False(dialog.HasAttribute("open"));
        Assert.Equal("Save to album", rendered.ById(dialog.GetAttribute("aria-labelledby")!)?.TextContent);
        Assert.Equal(["loading"], VisibleStates(rendered));
        Assert.True(rendered.Find("[data-album-picker-albums]").HasAttribute("hidden"));
        Assert.True(rendered.Find("[data-album-picker-error]").HasAttribute("hidden"));
        Assert.False(rendered.Find("form[data-album-picker-create]").HasAttribute("hidden"));
    }

    [Fact]
    public async Task With_no_albums_it_invites_to_create_one()
    {
        var rendered = await RenderAsync<AlbumPicker>((nameof(AlbumPicker.Albums), Array.Empty<AlbumDto>()));

        Assert.Equal(["empty"], VisibleStates(rendered));
        Assert.True(rendered.Find("[data-album-picker-albums]").HasAttribute("hidden"));
        var name = rendered.Find("form[data-album-picker-create] input[name=name]");
        Assert.Equal("New album", rendered.Find($"label[for='{name.Id}']").TextContent);
        Assert.Equal("100", name.GetAttribute("maxlength"));
    }

    [Fact]
    public async Task Albums_are_listed_with_a_checkbox_ticked_when_they_hold_the_post()
    {
        var rendered = await RenderAsync<AlbumPicker>((nameof(AlbumPicker.Albums), new[]
        {
            Album(1, "Sunsets", contains: true, isPublic: true, posts: 12),
            Album(2, "Work", contains: false, posts: 1),
        }));

        Assert.Empty(VisibleStates(rendered));
        Assert.False(rendered.Find("[data-album-picker-albums]").HasAttribute("hidden"));
        Assert.Equal("Your albums", rendered.Find("fieldset > legend").TextContent);
        var boxes = rendered.FindAll("[data-album-picker-list] input[type=checkbox]");
        Assert.Equal(["1", "2"], boxes.Select(b => b.GetAttribute("data-album-id")));
        Assert.Equal([true, false], boxes.Select(b => b.HasAttribute("checked")));
        Assert.Equal(["Sunsets", "Work"], rendered.FindAll("[data-album-picker-list] .album-picker__name").Select(n => n.TextContent));
        Assert.Equal(["Public · 12 posts", "Private · 1 post"], rendered.FindAll("[data-album-picker-list] .album-picker__meta").Select(n => n.TextContent));
        Assert.All(boxes, b => Assert.Equal("label", b.ParentElement?.LocalName));
    }

    [Fact]
    public async Task An_error_is_announced_above_the_albums()
    {
        var rendered = await RenderAsync<AlbumPicker>(
            (nameof(AlbumPicker.Albums), new[] { Album(1, "A", contains: false) }),
            (nameof(AlbumPicker.Error), "Too many album changes."));

        var error = rendered.Find("[data-album-picker-error]");
        Assert.False(error.HasAttribute("hidden"));
        Assert.Equal("alert", error.GetAttribute("role"));
        Assert.Equal("Too many album changes.", rendered.Find("[data-album-picker-error-text]").TextContent);
    }

    [Fact]
    public async Task Signed_out_it_offers_sign_in_and_no_create_form()
    {
        var rendered = await RenderAsync<AlbumPicker>((nameof(AlbumPicker.SignedIn), false));

        Assert.Equal(["signed-out"], VisibleStates(rendered));
        Assert.NotNull(rendered.Find("[data-album-picker-state='signed-out'] a[href='/account/signin']"));
        Assert.True(rendered.Find("form[data-album-picker-create]").HasAttribute("hidden"));
    }

    [Fact]
    public async Task Scripts_get_an_empty_row_template_and_a_live_region()
    {
        var html = await RenderHtmlAsync<AlbumPicker>();
        var template = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("template[data-album-picker-item]") as AngleSharp.Html.Dom.IHtmlTemplateElement;
        var rendered = await RenderAsync<AlbumPicker>();

        Assert.NotNull(template);
        Assert.NotNull(template.Content.QuerySelector("li input[type=checkbox][data-album-id]"));
        Assert.NotNull(template.Content.QuerySelector("[data-album-name]"));
        Assert.NotNull(template.Content.QuerySelector("[data-album-meta]"));
        Assert.Equal("status", rendered.Find("[data-album-picker-live]").GetAttribute("role"));
    }

    [Fact]
    public async Task Album_names_are_encoded()
    {
        var rendered = await RenderAsync<AlbumPicker>((nameof(AlbumPicker.Albums), new[] { Album(1, ScriptPayload, contains: false) }));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("[data-album-picker-list] .album-picker__name").TextContent);
    }

    [Fact]
    public void The_meta_line_matches_what_the_script_writes()
    {
        Assert.Equal("Private · 0 posts", AlbumPicker.Meta(Album(1, "A", contains: false, posts: 0)));
        Assert.Equal("Public · 1 post", AlbumPicker.Meta(Album(1, "A", contains: false, isPublic: true, posts: 1)));
    }

    private static List<string?> VisibleStates(RenderedComponent rendered) =>
        [.. rendered.FindAll("[data-album-picker-state]").Where(s => !s.HasAttribute("hidden")).Select(s => s.GetAttribute("data-album-picker-state"))];
}
