using Mosaic.Components.Ui;
using Mosaic.Features.Albums;
using Mosaic.Features.Posts;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class AlbumCardTests
{
    private static AlbumDto Album(string name = "Sunsets", bool isPublic = true, int posts = 3, string? cover = "/media/ab/cd/x.jpg") =>
        new(7, name, "", isPublic, posts, new UserRefDto(Guid.NewGuid(), "alice"), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, cover, null);

    [Fact]
    public async Task A_card_links_its_name_to_the_album_and_shows_the_cover()
    {
        var rendered = await RenderAsync<AlbumCard>((nameof(AlbumCard.Album), Album()));

        Assert.Equal("/albums/7", rendered.Find("h2 a").GetAttribute("href"));
        Assert.Equal("Sunsets", rendered.Find("h2 a").TextContent);
        Assert.Equal("/media/ab/cd/x.jpg", rendered.Find(".album-card__cover img").GetAttribute("src"));
        Assert.Equal("", rendered.Find(".album-card__cover img").GetAttribute("alt"));
        Assert.Equal("-1", rendered.Find("a.album-card__cover").GetAttribute("tabindex"));
        Assert.Contains("Public", rendered.Find(".album-card__meta").TextContent, StringComparison.Ordinal);
        Assert.Contains("3 posts", rendered.Find(".album-card__meta").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_private_album_has_a_placeholder_cover()
    {
        var rendered = await RenderAsync<AlbumCard>((nameof(AlbumCard.Album), Album(isPublic: false, posts: 1, cover: null)));

        Assert.Empty(rendered.FindAll("img"));
        Assert.NotNull(rendered.Find(".album-card__empty"));
        Assert.Contains("Private", rendered.Find(".album-card__meta").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 post", rendered.Find(".album-card__meta").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("1 posts", rendered.Find(".album-card__meta").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_name_is_encoded()
    {
        var rendered = await RenderAsync<AlbumCard>((nameof(AlbumCard.Album), Album(name: ScriptPayload)));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("h2 a").TextContent);
    }
}
