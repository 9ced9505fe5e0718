using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Albums;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Albums;

[Collection(ServerCollection.Name)]
public sealed class AlbumsApiTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task An_album_is_created_renamed_made_public_and_deleted_by_its_owner(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);

        var create = await alice.Client.SendAsync(HttpMethod.Post, "/api/v1/albums", new { name = "  Sunsets ", description = "Evenings", isPublic = false });
        var created = await create.Content.ReadFromJsonAsync<AlbumDto>();
        var rename = await alice.Client.SendAsync(HttpMethod.Patch, $"/api/v1/albums/{created!.Id}", new { name = "Dusk", isPublic = true });
        var renamed = await rename.Content.ReadFromJsonAsync<AlbumDto>();
        var seenByOthers = await factory.CreateClient().GetAsync($"/api/v1/albums/{created.Id}");
        var delete = await alice.Client.SendAsync(HttpMethod.Delete, $"/api/v1/albums/{created.Id}");
        var gone = await alice.Client.Http.GetAsync($"/api/v1/albums/{created.Id}");

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal($"/api/v1/albums/{created.Id}", create.Headers.Location?.OriginalString);
        Assert.Equal(("Sunsets", "Evenings", false, 0, alice.Username), (created.Name, created.Description, created.IsPublic, created.PostCount, created.Owner.Username));
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        Assert.Equal(("Dusk", "Evenings", true), (renamed!.Name, renamed.Description, renamed.IsPublic));
        Assert.True(renamed.UpdatedAt >= created.UpdatedAt);
        Assert.Equal(HttpStatusCode.OK, seenByOthers.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("   ", "name")]
    [InlineData(null, "name")]
    [InlineData("long-name", "name")]
    [InlineData("long-description", "description")]
    public async Task Invalid_fields_are_named_in_the_errors_map(string? name, string field)
    {
        var alice = await AlbumTestData.PersonAsync(servers.For(DatabaseProvider.Sqlite));
        object body = name switch
        {
            "long-name" => new { name = new string('n', Album.NameMaxLength + 1) },
            "long-description" => new { name = "ok", description = new string('d', Album.DescriptionMaxLength + 1) },
            _ => new { name },
        };

        var response = await alice.Client.SendAsync(HttpMethod.Post, "/api/v1/albums", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Errors(response)).ContainsKey(field));
    }

    [Fact]
    public async Task Names_are_unique_per_person_whatever_the_case()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);
        var bob = await AlbumTestData.PersonAsync(factory);
        var first = await alice.CreateAlbumAsync("Cats");
        var other = await alice.CreateAlbumAsync("Dogs");

        var again = await alice.Client.SendAsync(HttpMethod.Post, "/api/v1/albums", new { name = "CATS" });
        var renameOnto = await alice.Client.SendAsync(HttpMethod.Patch, $"/api/v1/albums/{other.Id}", new { name = "cats" });
        var renameSelf = await alice.Client.SendAsync(HttpMethod.Patch, $"/api/v1/albums/{first.Id}", new { name = "cats" });
        var bobs = await bob.Client.SendAsync(HttpMethod.Post, "/api/v1/albums", new { name = "Cats" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True((await Errors(again)).ContainsKey("name"));
        Assert.Equal(HttpStatusCode.Conflict, renameOnto.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renameSelf.StatusCode);
        Assert.Equal(HttpStatusCode.Created, bobs.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_private_album_is_invisible_to_everyone_but_its_owner(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var bob = await AlbumTestData.PersonAsync(factory);
        var secret = await alice.CreateAlbumAsync("Secret");
        var shown = await alice.CreateAlbumAsync("Shown", isPublic: true);
        var anonymous = factory.CreateClient();

        var ownerView = await alice.Client.Http.GetAsync($"/api/v1/albums/{secret.Id}");
        var bobView = await bob.Client.Http.GetAsync($"/api/v1/albums/{secret.Id}");
        var anonymousView = await anonymous.GetAsync($"/api/v1/albums/{secret.Id}");
        var anonymousPosts = await anonymous.GetAsync($"/api/v1/albums/{secret.Id}/posts");
        var publicList = await anonymous.GetFromJsonAsync<List<AlbumDto>>($"/api/v1/users/{alice.Username.ToUpperInvariant()}/albums");
        var mine = await alice.Client.Http.GetFromJsonAsync<List<AlbumDto>>("/api/v1/me/albums");
        var bobsOwn = await bob.Client.Http.GetFromJsonAsync<List<AlbumDto>>("/api/v1/me/albums");
        var nobody = await anonymous.GetAsync("/api/v1/users/no-such-person-here/albums");
        var anonymousMine = await anonymous.GetAsync("/api/v1/me/albums");

        Assert.Equal(HttpStatusCode.OK, ownerView.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobView.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, anonymousView.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, anonymousPosts.StatusCode);
        Assert.Equal([shown.Id], publicList!.Select(a => a.Id));
        Assert.Equal([shown.Id, secret.Id], mine!.Select(a => a.Id));
        Assert.Empty(bobsOwn!);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousMine.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Nobody_changes_another_persons_album(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var bob = await AlbumTestData.PersonAsync(factory);
        var posts = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 3);
        var open = await alice.CreateAlbumAsync("Open", isPublic: true);
        var closed = await alice.CreateAlbumAsync("Closed");
        await alice.AddAsync(open.Id, posts[0], posts[1]);
        await alice.AddAsync(closed.Id, posts[0], posts[1]);

        foreach (var (album, expected) in new[] { (open, HttpStatusCode.Forbidden), (closed, HttpStatusCode.NotFound) })
        {
            var attempts = new[]
            {
                await bob.Client.SendAsync(HttpMethod.Patch, $"/api/v1/albums/{album.Id}", new { name = "Bob's now" }),
                await bob.Client.SendAsync(HttpMethod.Delete, $"/api/v1/albums/{album.Id}"),
                await bob.Client.SendAsync(HttpMethod.Put, $"/api/v1/albums/{album.Id}/posts/{posts[2]}"),
                await bob.Client.SendAsync(HttpMethod.Delete, $"/api/v1/albums/{album.Id}/posts/{posts[0]}"),
                await bob.MoveAsync(album.Id, posts[1], before: posts[0]),
            };

            Assert.All(attempts, r => Assert.Equal(expected, r.StatusCode));
            var after = await alice.AlbumAsync(album.Id);
            Assert.Equal((album.Name, 2), (after.Name, after.PostCount));
            Assert.Equal([posts[0], posts[1]], await alice.OrderAsync(album.Id));
        }
    }

    [Theory, BothDatabases]
    public async Task Adding_and_removing_are_idempotent_and_keep_the_count_exact(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var bob = await AlbumTestData.PersonAsync(factory);
        var posts = await AlbumTestData.ReadyPostsAsync(factory, bob.Id, 2);
        var album = await alice.CreateAlbumAsync();

        var first = await alice.Client.SendAsync(HttpMethod.Put, $"/api/v1/albums/{album.Id}/posts/{posts[0]}");
        var again = await alice.Client.SendAsync(HttpMethod.Put, $"/api/v1/albums/{album.Id}/posts/{posts[0]}");
        await alice.AddAsync(album.Id, posts[1]);
        var afterAdds = await alice.AlbumAsync(album.Id);
        var remove = await alice.Client.SendAsync(HttpMethod.Delete, $"/api/v1/albums/{album.Id}/posts/{posts[0]}");
        var removeAgain = await alice.Client.SendAsync(HttpMethod.Delete, $"/api/v1/albums/{album.Id}/posts/{posts[0]}");
        var afterRemoves = await alice.AlbumAsync(album.Id);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(2, afterAdds.PostCount);
        Assert.True(afterAdds.UpdatedAt > album.UpdatedAt);
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removeAgain.StatusCode);
        Assert.Equal(1, afterRemoves.PostCount);
        Assert.Equal([posts[1]], await alice.OrderAsync(album.Id));
        Assert.Equal(1, await RowCountAsync(factory, album.Id));
    }

    [Theory, BothDatabases]
    public async Task Concurrent_adds_of_many_posts_keep_the_count_exact(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var posts = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 12);
        var album = await alice.CreateAlbumAsync();

        // Each post twice, all at once: duplicates must neither fail nor count twice.
        var responses = await Task.WhenAll(posts.Concat(posts).Select(p => alice.Client.SendAsync(HttpMethod.Put, $"/api/v1/albums/{album.Id}/posts/{p}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal(12, (await alice.AlbumAsync(album.Id)).PostCount);
        Assert.Equal(12, await RowCountAsync(factory, album.Id));
        Assert.Equal(posts.Order(), (await alice.OrderAsync(album.Id)).Order());
    }

    [Theory, BothDatabases]
    public async Task Only_ready_posts_the_caller_can_see_are_added(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var bob = await AlbumTestData.PersonAsync(factory);
        var bobsProcessing = (await AlbumTestData.ReadyPostsAsync(factory, bob.Id, 1, PostStatus.Processing))[0];
        var ownFailed = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1, PostStatus.Failed))[0];
        var deleted = (await AlbumTestData.ReadyPostsAsync(factory, bob.Id, 1, PostStatus.Deleted))[0];
        var album = await alice.CreateAlbumAsync();

        foreach (var postId in new[] { bobsProcessing, ownFailed, deleted, long.MaxValue })
        {
            var response = await alice.Client.SendAsync(HttpMethod.Put, $"/api/v1/albums/{album.Id}/posts/{postId}");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(0, (await alice.AlbumAsync(album.Id)).PostCount);
    }

    [Fact]
    public async Task My_albums_say_which_hold_a_given_post()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);
        var post = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1))[0];
        var holding = await alice.CreateAlbumAsync("Holding");
        var empty = await alice.CreateAlbumAsync("Empty");
        await alice.AddAsync(holding.Id, post);

        var withPost = await alice.Client.Http.GetFromJsonAsync<List<AlbumDto>>($"/api/v1/me/albums?postId={post}");
        var without = await alice.Client.Http.GetFromJsonAsync<List<AlbumDto>>("/api/v1/me/albums");

        Assert.Equal([(holding.Id, true), (empty.Id, false)], withPost!.Select(a => (a.Id, a.ContainsPost!.Value)));
        Assert.All(without!, a => Assert.Null(a.ContainsPost));
        Assert.Equal($"/media/", withPost![0].CoverUrl?[..7]);
        Assert.Null(withPost[1].CoverUrl);
    }

    [Theory, BothDatabases]
    public async Task Album_pages_follow_album_order_without_repeats(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var posts = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 7);
        var album = await alice.CreateAlbumAsync();
        // Added newest first, so album order differs from id order.
        var order = Enumerable.Reverse(posts).ToList();
        await alice.AddAsync(album.Id, order);
        await alice.MoveAsync(album.Id, order[6], before: order[0]);
        order.Insert(0, order[6]);
        order.RemoveAt(7);

        var byThrees = await alice.OrderAsync(album.Id, limit: 3);
        var firstPage = await alice.Client.Http.GetFromJsonAsync<PostPageDto>($"/api/v1/albums/{album.Id}/posts?limit=3");
        var badCursor = await alice.Client.Http.GetAsync($"/api/v1/albums/{album.Id}/posts?cursor=garbage");

        Assert.Equal(order, byThrees);
        Assert.Equal(3, firstPage!.Items.Count);
        Assert.Equal(3, firstPage.Items[0].Thumbnails.Count);
        Assert.Equal(HttpStatusCode.OK, badCursor.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Posts_move_to_the_front_between_two_others_and_to_the_end(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var p = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 5);
        var album = await alice.CreateAlbumAsync();
        await alice.AddAsync(album.Id, p);

        var toFront = await alice.MoveAsync(album.Id, p[3], before: p[0]);
        var afterFront = await alice.OrderAsync(album.Id);
        var between = await alice.MoveAsync(album.Id, p[4], after: p[0], before: p[1]);
        var afterBetween = await alice.OrderAsync(album.Id);
        var toEnd = await alice.MoveAsync(album.Id, p[3], after: p[2]);
        var afterEnd = await alice.OrderAsync(album.Id);
        var stale = await alice.MoveAsync(album.Id, p[0], after: p[2], before: p[1]);

        Assert.Equal(HttpStatusCode.NoContent, toFront.StatusCode);
        Assert.Equal([p[3], p[0], p[1], p[2], p[4]], afterFront);
        Assert.Equal(HttpStatusCode.NoContent, between.StatusCode);
        Assert.Equal([p[3], p[0], p[4], p[1], p[2]], afterBetween);
        Assert.Equal(HttpStatusCode.NoContent, toEnd.StatusCode);
        Assert.Equal([p[0], p[4], p[1], p[2], p[3]], afterEnd);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(afterEnd, await alice.OrderAsync(album.Id));
        Assert.Equal(5, (await alice.AlbumAsync(album.Id)).PostCount);
    }

    [Theory, BothDatabases]
    public async Task A_used_up_gap_renumbers_the_album_and_keeps_the_order(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var p = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 4);
        var album = await alice.CreateAlbumAsync();
        await alice.AddAsync(album.Id, p);
        var model = new List<long>(p);

        // Always into the gap right after the first post: it halves each time and runs out after about ten moves.
        for (var i = 0; i < 14; i++)
        {
            var mover = model[^1];
            var response = await alice.MoveAsync(album.Id, mover, after: model[0]);
            model.Remove(mover);
            model.Insert(1, mover);

            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal(model, await alice.OrderAsync(album.Id));
        }

        var positions = await PositionsAsync(factory, album.Id);
        Assert.Equal(positions.Distinct().Count(), positions.Count);
        Assert.Contains(positions, position => position % AlbumService.Step != 0);
        Assert.True(positions.Max() - positions.Min() < 8 * AlbumService.Step, "the album was renumbered rather than spreading out");
    }

    [Theory, BothDatabases]
    public async Task Neighbours_one_apart_make_the_move_renumber_in_steps_of_1024(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var p = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 3);
        var album = await alice.CreateAlbumAsync();
        await alice.AddAsync(album.Id, p);
        await using (var db = factory.CreateDbContext())
        {
            await db.Set<AlbumPost>().Where(a => a.AlbumId == album.Id && a.PostId == p[1]).ExecuteUpdateAsync(s => s.SetProperty(a => a.Position, 1025));
        }

        var response = await alice.MoveAsync(album.Id, p[2], before: p[1]);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal([p[0], p[2], p[1]], await alice.OrderAsync(album.Id));
        Assert.Equal([1024L, 2048L, 3072L], await PositionsAsync(factory, album.Id));
    }

    [Fact]
    public async Task Impossible_moves_are_refused()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);
        var p = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 3);
        var album = await alice.CreateAlbumAsync();
        await alice.AddAsync(album.Id, p[0], p[1]);

        var nowhere = await alice.MoveAsync(album.Id, p[0]);
        var itself = await alice.MoveAsync(album.Id, p[0], before: p[0]);
        var anchorOutside = await alice.MoveAsync(album.Id, p[0], before: p[2]);
        var moverOutside = await alice.MoveAsync(album.Id, p[2], before: p[0]);
        var noAlbum = await alice.MoveAsync(long.MaxValue, p[0], before: p[1]);

        Assert.Equal(HttpStatusCode.BadRequest, nowhere.StatusCode);
        Assert.True((await Errors(nowhere)).ContainsKey("before"));
        Assert.Equal(HttpStatusCode.BadRequest, itself.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, anchorOutside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, moverOutside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noAlbum.StatusCode);
        Assert.Equal([p[0], p[1]], await alice.OrderAsync(album.Id));
    }

    [Fact]
    public async Task Cookie_writes_need_the_xsrf_header_and_tokens_do_not()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);
        var token = await alice.Client.CreateTokenAsync();

        var withoutHeader = await alice.Client.SendAsync(HttpMethod.Post, "/api/v1/albums", new { name = "No header" }, xsrf: false);
        var withToken = await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Post, "/api/v1/albums", token, new { name = "By token" }));
        var anonymous = await factory.CreateClient().PostAsJsonAsync("/api/v1/albums", new { name = "Nobody" });

        Assert.Equal(HttpStatusCode.BadRequest, withoutHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(["By token"], (await alice.Client.Http.GetFromJsonAsync<List<AlbumDto>>("/api/v1/me/albums"))!.Select(a => a.Name));
    }

    [Fact]
    public async Task Limits_on_albums_posts_and_writes_answer_409_and_429()
    {
        var factory = new MosaicFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Mosaic:Albums:MaxAlbumsPerUser"] = "2",
            ["Mosaic:Albums:MaxPostsPerAlbum"] = "2",
            ["Mosaic:Albums:WritesPerUserPerMinute"] = "7",
        });
        await factory.InitializeAsync();
        try
        {
            var alice = await AlbumTestData.PersonAsync(factory);
            var posts = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 3);
            var album = await alice.CreateAlbumAsync("One");
            await alice.CreateAlbumAsync("Two");

            var thirdAlbum = await alice.Client.SendAsync(HttpMethod.Post, "/api/v1/albums", new { name = "Three" });
            await alice.AddAsync(album.Id, posts[0], posts[1]);
            var thirdPost = await alice.Client.SendAsync(HttpMethod.Put, $"/api/v1/albums/{album.Id}/posts/{posts[2]}");
            var seventh = await alice.Client.SendAsync(HttpMethod.Delete, $"/api/v1/albums/{album.Id}/posts/{posts[1]}");
            var eighth = await alice.Client.SendAsync(HttpMethod.Delete, $"/api/v1/albums/{album.Id}/posts/{posts[0]}");
            var bob = await AlbumTestData.PersonAsync(factory);
            var othersUnaffected = await bob.Client.SendAsync(HttpMethod.Post, "/api/v1/albums", new { name = "Bob's" });

            Assert.Equal(HttpStatusCode.Conflict, thirdAlbum.StatusCode);
            Assert.Equal(HttpStatusCode.Conflict, thirdPost.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, seventh.StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, eighth.StatusCode);
            Assert.True(int.Parse(eighth.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Equal(1, (await alice.AlbumAsync(album.Id)).PostCount);
            Assert.Equal(HttpStatusCode.Created, othersUnaffected.StatusCode);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    [Theory, BothDatabases]
    public async Task Removing_a_post_everywhere_keeps_every_albums_count_exact(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var posts = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 2);
        var first = await alice.CreateAlbumAsync();
        var second = await alice.CreateAlbumAsync();
        await alice.AddAsync(first.Id, posts);
        await alice.AddAsync(second.Id, posts[0]);

        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AlbumService>().RemovePostEverywhereAsync(posts[0], default);
        }

        Assert.Equal(1, (await alice.AlbumAsync(first.Id)).PostCount);
        Assert.Equal(0, (await alice.AlbumAsync(second.Id)).PostCount);
        Assert.Equal([posts[1]], await alice.OrderAsync(first.Id));
    }

    private static async Task<int> RowCountAsync(MosaicFactory factory, long albumId)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<AlbumPost>().CountAsync(a => a.AlbumId == albumId);
    }

    private static async Task<List<long>> PositionsAsync(MosaicFactory factory, long albumId)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<AlbumPost>().Where(a => a.AlbumId == albumId).OrderBy(a => a.Position).Select(a => a.Position).ToListAsync();
    }

    private static async Task<Dictionary<string, string[]>> Errors(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
}
