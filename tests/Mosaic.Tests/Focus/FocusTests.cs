using System.Net;
using Microsoft.EntityFrameworkCore;
using Mosaic.Components.Pages.Focus;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Tests.Albums;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Focus;

/// <summary>Focus mode: the neighbour query and the /focus/{id} page as a browser without JavaScript sees it.</summary>
[Collection(ServerCollection.Name)]
public sealed class FocusTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task Neighbours_are_the_nearest_ready_posts_in_board_order_skipping_the_others(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var first = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1))[0];
        var processing = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1, PostStatus.Processing))[0];
        var failed = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1, PostStatus.Failed))[0];
        var middle = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1))[0];
        var deleted = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1, PostStatus.Deleted))[0];
        var newest = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1))[0];
        var hidden = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1, PostStatus.Processing))[0];
        await using var db = factory.CreateDbContext();
        var oldest = await db.Set<Post>().Where(p => p.Status == PostStatus.Ready).MinAsync(p => p.Id);

        var ofMiddle = await FocusNeighbours.FindAsync(db, middle, default);
        var ofNewest = await FocusNeighbours.FindAsync(db, newest, default);
        var ofFirst = await FocusNeighbours.FindAsync(db, first, default);
        var ofOldest = await FocusNeighbours.FindAsync(db, oldest, default);
        var ofSkipped = await FocusNeighbours.FindAsync(db, processing, default);

        Assert.True(first < processing && processing < failed && failed < middle && middle < deleted && deleted < newest && newest < hidden);
        Assert.Equal(new FocusNeighbourIds(newest, first), ofMiddle);
        Assert.Equal(new FocusNeighbourIds(null, middle), ofNewest);
        Assert.Equal(middle, ofFirst.Newer);
        Assert.Null(ofOldest.Older);
        Assert.Equal(new FocusNeighbourIds(middle, first), ofSkipped);
    }

    [Theory, BothDatabases]
    public async Task Neighbours_skip_posts_the_board_filter_hides(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var posts = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 3);
        await using var db = factory.CreateDbContext();
        var explicitPost = await db.Set<Post>().SingleAsync(p => p.Id == posts[1]);
        explicitPost.Rating = Rating.Explicit;
        await db.SaveChangesAsync();

        var unfiltered = await FocusNeighbours.FindAsync(db, posts[2], default);
        var filtered = await FocusNeighbours.FindAsync(db, posts[2], default, new BoardFilter([Rating.Explicit], []));

        Assert.Equal(posts[1], unfiltered.Older);
        Assert.Equal(posts[0], filtered.Older);
    }

    [Fact]
    public async Task The_focus_page_shows_the_sample_with_previous_and_next_links_and_the_post_actions()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);
        var posts = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 3);
        await using var db = factory.CreateDbContext();
        var sample = await db.Set<Variant>().Where(v => v.PostId == posts[1] && v.Name == Variants.Sample).Select(v => v.Key).SingleAsync();

        var page = await alice.Client.GetPageAsync($"/focus/{posts[1]}");

        Assert.Equal($"/focus/{posts[2]}", page.QuerySelector("a[aria-label=Previous]")?.GetAttribute("href"));
        Assert.Equal($"/focus/{posts[0]}", page.QuerySelector("a[aria-label=Next]")?.GetAttribute("href"));
        Assert.Equal($"/posts/{posts[1]}", page.QuerySelector("[data-focus]")?.GetAttribute("data-focus-exit"));
        Assert.Equal($"/media/{sample}", page.QuerySelector(".focus__image")?.GetAttribute("src"));
        Assert.Equal($"/api/v1/posts/{posts[1]}/vote", page.QuerySelector("[data-votes]")?.GetAttribute("data-votes"));
        Assert.NotNull(page.QuerySelector($"[data-comments-for='{posts[1]}']"));
        Assert.NotNull(page.QuerySelector($"[data-album-picker-for='{posts[1]}']"));
        Assert.Single(page.QuerySelectorAll("dialog[data-album-picker]"));
    }

    [Fact]
    public async Task The_newest_post_has_no_previous_link_and_posts_not_ready_are_not_found()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);
        var newest = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 2))[1];
        var processing = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1, PostStatus.Processing))[0];
        var client = factory.CreateTestClient();

        var page = await client.GetPageAsync($"/focus/{newest}");
        var missing = await client.Http.GetAsync($"/focus/{processing}");

        Assert.Null(page.QuerySelector("a[aria-label=Previous]"));
        Assert.Equal($"/focus/{newest - 1}", page.QuerySelector("a[aria-label=Next]")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Board_tiles_link_to_focus_mode_and_the_grid_is_ready_for_infinite_scroll()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);
        var newest = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1))[0];

        var page = await factory.CreateTestClient().GetPageAsync("/");

        Assert.NotNull(page.QuerySelector($".grid a.tile__focus[href='/focus/{newest}']"));
        Assert.NotNull(page.QuerySelector("[data-grid-scroll] [data-grid]"));
        Assert.NotNull(page.QuerySelector("[data-grid-scroll] [data-grid-status][role=status]"));
    }
}
