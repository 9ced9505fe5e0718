using System.Net;
using System.Net.Http.Json;
using Mosaic.Features.Albums;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Albums;

/// <summary>The album pages as a browser without JavaScript uses them: links, plain forms with antiforgery, redirects.</summary>
[Collection(ServerCollection.Name)]
public sealed class AlbumPagesTests(Servers servers)
{
    private const string ScriptPayload = "<script>alert(1)</script>";

    [Theory, BothDatabases]
    public async Task The_album_page_shows_the_grid_in_album_order_to_whoever_may_see_it(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var bob = await AlbumTestData.PersonAsync(factory);
        var posts = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 3);
        var shown = await alice.CreateAlbumAsync("Shown", isPublic: true);
        var secret = await alice.CreateAlbumAsync("Secret");
        await alice.AddAsync(shown.Id, posts[2], posts[0], posts[1]);
        await alice.AddAsync(secret.Id, posts[0]);

        var page = await factory.CreateTestClient().GetPageAsync($"/albums/{shown.Id}");
        var bobOnSecret = await bob.Client.Http.GetAsync($"/albums/{secret.Id}");
        var anonymousOnSecret = await factory.CreateClient().GetAsync($"/albums/{secret.Id}");
        var ownerOnSecret = await alice.Client.Http.GetAsync($"/albums/{secret.Id}");

        Assert.Equal("Shown", page.QuerySelector("h1")?.TextContent);
        Assert.Equal(posts[2..].Concat(posts[..2]).Select(id => $"/posts/{id}"), [.. page.QuerySelectorAll(".grid a.tile").Select(a => a.GetAttribute("href"))]);
        Assert.Null(page.QuerySelector("form[method=post]"));
        Assert.Equal(HttpStatusCode.NotFound, bobOnSecret.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, anonymousOnSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownerOnSecret.StatusCode);
    }

    [Fact]
    public async Task The_album_page_links_to_the_next_page_with_a_cursor()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);
        var posts = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 41);
        var album = await alice.CreateAlbumAsync(isPublic: true);
        await alice.AddAsync(album.Id, posts);
        var client = factory.CreateTestClient();

        var first = await client.GetPageAsync($"/albums/{album.Id}");
        var next = first.QuerySelector("a[rel=next]")?.GetAttribute("href");
        var second = await client.GetPageAsync(next!);

        Assert.Equal(40, first.QuerySelectorAll(".grid a.tile").Length);
        Assert.StartsWith($"/albums/{album.Id}?cursor=", next, StringComparison.Ordinal);
        Assert.Equal([$"/posts/{posts[40]}"], second.QuerySelectorAll(".grid a.tile").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task What_people_type_is_encoded_on_every_album_page()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);
        var post = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1))[0];
        var album = await alice.CreateAlbumAsync(ScriptPayload, isPublic: true);
        await alice.Client.SendAsync(HttpMethod.Patch, $"/api/v1/albums/{album.Id}", new { description = "\"><script>alert(2)</script>" });
        await alice.AddAsync(album.Id, post);
        await alice.CreateAlbumAsync("<img src=x onerror=alert(3)>");

        var pages = new[] { $"/albums/{album.Id}", "/albums", $"/posts/{post}" };
        foreach (var url in pages)
        {
            var response = await alice.Client.Http.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        }
        var albumPage = await alice.Client.GetPageAsync($"/albums/{album.Id}");
        Assert.Equal(ScriptPayload, albumPage.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task My_albums_needs_a_signed_in_person()
    {
        var response = await servers.For(DatabaseProvider.Sqlite).CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/albums");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/signin", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task The_create_form_makes_an_album_and_shows_field_errors(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);

        var created = await alice.Client.SubmitFormAsync("/albums", "album-create", new Dictionary<string, string>
        {
            ["Form.Name"] = "Holidays",
            ["Form.Description"] = "Summer",
            ["Form.IsPublic"] = "true",
        });
        var empty = await alice.Client.SubmitFormAsync("/albums", "album-create", new Dictionary<string, string> { ["Form.Name"] = " " });
        var emptyPage = await TestClient.ParseAsync(empty);
        var list = await alice.Client.GetPageAsync("/albums");
        var album = Assert.Single((await alice.Client.Http.GetFromJsonAsync<List<AlbumDto>>("/api/v1/me/albums"))!);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/albums/{album.Id}?done=created", Location(created));
        Assert.Equal(("Holidays", "Summer", true), (album.Name, album.Description, album.IsPublic));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull(emptyPage.QuerySelector("#form-name-error"));
        Assert.Equal(["Holidays"], list.QuerySelectorAll(".album-card__name").Select(h => h.TextContent));
    }

    [Theory, BothDatabases]
    public async Task The_post_page_saves_to_an_album_to_a_new_album_and_removes_without_scripts(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var bob = await AlbumTestData.PersonAsync(factory);
        var post = (await AlbumTestData.ReadyPostsAsync(factory, bob.Id, 1))[0];
        var album = await alice.CreateAlbumAsync("Existing");
        var url = $"/posts/{post}";

        var saved = await alice.Client.SubmitFormAsync(url, "album-post-add", new Dictionary<string, string> { ["AlbumAdd.AlbumId"] = album.Id.ToString() });
        var toNew = await alice.Client.SubmitFormAsync(url, "album-post-add", new Dictionary<string, string> { ["AlbumAdd.NewName"] = "Fresh" });
        var page = await alice.Client.GetPageAsync(url);
        var mine = (await alice.Client.Http.GetFromJsonAsync<List<AlbumDto>>($"/api/v1/me/albums?postId={post}"))!;
        var removed = await alice.Client.SubmitFormAsync(url, "album-post-remove", new Dictionary<string, string> { ["AlbumRemove.AlbumId"] = album.Id.ToString() });
        var nothingChosen = await alice.Client.SubmitFormAsync(url, "album-post-add", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/posts/{post}?albums=saved", Location(saved));
        Assert.Equal(HttpStatusCode.Redirect, toNew.StatusCode);
        Assert.Equal(2, mine.Count);
        Assert.All(mine, a => Assert.True(a.ContainsPost));
        Assert.Contains(mine, a => a is { Name: "Fresh", IsPublic: false, PostCount: 1 });
        Assert.Equal(["Fresh", "Existing"], page.QuerySelectorAll(".post-albums__list a").Select(a => a.TextContent));
        Assert.NotNull(page.QuerySelector($"button[data-album-picker-for='{post}'][hidden]"));
        Assert.NotNull(page.QuerySelector($"dialog[data-album-picker][aria-labelledby]"));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False((await alice.Client.Http.GetFromJsonAsync<List<AlbumDto>>($"/api/v1/me/albums?postId={post}"))!.Single(a => a.Id == album.Id).ContainsPost);
        Assert.Equal(HttpStatusCode.BadRequest, nothingChosen.StatusCode);
    }

    [Fact]
    public async Task Signed_out_people_see_no_album_forms_on_a_post()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);
        var post = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1))[0];

        var page = await factory.CreateTestClient().GetPageAsync($"/posts/{post}");

        Assert.Null(page.QuerySelector("[data-album-picker-for]"));
        Assert.Null(page.QuerySelector("input[name='_handler'][value^='album-']"));
        Assert.NotNull(page.QuerySelector(".post-albums__signin a[href^='/account/signin']"));
    }

    [Theory, BothDatabases]
    public async Task The_owner_arranges_removes_edits_and_deletes_with_plain_forms(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var p = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 3);
        var album = await alice.CreateAlbumAsync("Before");
        await alice.AddAsync(album.Id, p);
        var url = $"/albums/{album.Id}";

        var up = await alice.Client.SubmitFormAsync(url, "album-arrange", new Dictionary<string, string> { ["Arrange.Action"] = $"up:{p[2]}" });
        var down = await alice.Client.SubmitFormAsync(url, "album-arrange", new Dictionary<string, string> { ["Arrange.Action"] = $"down:{p[0]}" });
        var orderAfterMoves = await alice.OrderAsync(album.Id);
        var topUp = await alice.Client.SubmitFormAsync(url, "album-arrange", new Dictionary<string, string> { ["Arrange.Action"] = $"up:{orderAfterMoves[0]}" });
        var remove = await alice.Client.SubmitFormAsync(url, "album-arrange", new Dictionary<string, string> { ["Arrange.Action"] = $"remove:{p[1]}" });
        var edit = await alice.Client.SubmitFormAsync(url, "album-edit", new Dictionary<string, string>
        {
            ["Edit.Name"] = "After",
            ["Edit.Description"] = "Two left",
            ["Edit.IsPublic"] = "true",
        });
        var edited = await alice.AlbumAsync(album.Id);
        var orderAfterRemove = await alice.OrderAsync(album.Id);
        var unconfirmed = await alice.Client.SubmitFormAsync(url, "album-delete", new Dictionary<string, string>());
        var delete = await alice.Client.SubmitFormAsync(url, "album-delete", new Dictionary<string, string> { ["Delete.Confirm"] = "true" });
        var gone = await alice.Client.Http.GetAsync($"/api/v1/albums/{album.Id}");

        Assert.Equal(HttpStatusCode.Redirect, up.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, down.StatusCode);
        Assert.Equal([p[2], p[0], p[1]], orderAfterMoves);
        Assert.Equal(HttpStatusCode.BadRequest, topUp.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Equal([p[2], p[0]], orderAfterRemove);
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Equal(("After", "Two left", true, 2), (edited.Name, edited.Description, edited.IsPublic, edited.PostCount));
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal("/albums?done=deleted", Location(delete));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Another_person_gets_no_owner_forms_and_cannot_post_them()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);
        var bob = await AlbumTestData.PersonAsync(factory);
        var post = (await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 1))[0];
        var album = await alice.CreateAlbumAsync("Alice's", isPublic: true);
        await alice.AddAsync(album.Id, post);

        var page = await bob.Client.GetPageAsync($"/albums/{album.Id}");
        // A real antiforgery token for Bob, from his own page, on a forged owner form.
        var token = (await bob.Client.GetPageAsync("/albums")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var forged = new List<HttpResponseMessage>();
        foreach (var (handler, field, value) in new[] { ("album-delete", "Delete.Confirm", "true"), ("album-edit", "Edit.Name", "Bob's"), ("album-arrange", "Arrange.Action", $"remove:{post}") })
        {
            forged.Add(await bob.Client.Http.PostAsync($"/albums/{album.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = handler,
                ["__RequestVerificationToken"] = token,
                [field] = value,
            })));
        }
        var after = await alice.AlbumAsync(album.Id);

        Assert.Null(page.QuerySelector("form[method=post] input[name='_handler'][value^='album-']"));
        Assert.Null(page.QuerySelector("[data-dropdown]"));
        Assert.All(forged, r => Assert.NotEqual(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(("Alice's", 1), (after.Name, after.PostCount));
    }

    [Fact]
    public async Task Forms_without_the_antiforgery_token_are_refused()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = await AlbumTestData.PersonAsync(factory);

        var response = await alice.Client.Http.PostAsync("/albums", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "album-create",
            ["Form.Name"] = "No token",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await alice.Client.Http.GetFromJsonAsync<List<AlbumDto>>("/api/v1/me/albums"))!);
    }

    private static string? Location(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString.Split('#')[0]) : null;
}
