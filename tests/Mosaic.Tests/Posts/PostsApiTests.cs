using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Platform.Storage;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Posts;

[Collection(ServerCollection.Name)]
public sealed class PostsApiTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task An_upload_becomes_a_ready_post_with_variants_palette_hashes_and_tags(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (http, token) = await SignedInAsync(factory);

        var response = await Images.UploadAsync(http, token, Images.Fixture("orientation-6-gps.jpg"), "holiday.jpg", "Holiday", "beach artist:ansel", "safe");
        var accepted = await response.Content.ReadFromJsonAsync<UploadAcceptedDto>();
        var post = await Images.WaitForPostAsync(http, token, accepted!.Id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/v1/posts/{accepted.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("ready", post.Status);
        Assert.Equal((480, 640), (post.Width, post.Height));
        Assert.Contains(post.Variants, v => v.Name == Variants.Thumb && v.ContentType == "image/webp" && v.Width == 360);
        Assert.Contains(post.Variants, v => v.Name == Variants.ThumbFallback && v.ContentType == "image/jpeg");
        Assert.Contains(post.Variants, v => v.Name == Variants.Sample && v.Height == 640);
        Assert.InRange(post.Palette.Count, 1, 8);
        Assert.Equal(1.0, post.Palette.Sum(c => c.Weight), 2);
        Assert.NotNull(post.Blurhash);
        Assert.Equal(16, post.PerceptualHash!.Length);
        Assert.Contains(post.Tags, t => t is { Name: "beach", Source: "human", Category: "general" });
        Assert.Contains(post.Tags, t => t is { Name: "ansel", Source: "human", Category: "artist" });
        Assert.Contains(post.Tags, t => t is { Name: "portrait", Source: "auto", Category: "meta" });
        Assert.All(post.Tags.Where(t => t.Source == "auto"), t => Assert.InRange(t.Confidence, 0, 1));
    }

    [Fact]
    public async Task Served_variants_are_cacheable_forever_and_carry_no_metadata()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (http, token) = await SignedInAsync(factory);
        var id = await Images.UploadReadyAsync(http, token, Images.Fixture("orientation-6-gps.jpg").Concat(new byte[] { 0xFF, 0xD9 }).ToArray(), "gps.jpg");
        var post = await http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{id}");

        foreach (var variant in post!.Variants)
        {
            var response = await http.GetAsync(variant.Url);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(variant.ContentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.NotNull(response.Headers.ETag);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.True(bytes.AsSpan().IndexOf("Exif"u8) < 0, $"{variant.Name} carries EXIF");
            Assert.True(bytes.AsSpan().IndexOf("GPS"u8) < 0, $"{variant.Name} carries GPS");
        }
    }

    [Theory, BothDatabases]
    public async Task An_exact_duplicate_is_a_409_pointing_at_the_existing_post(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (http, token) = await SignedInAsync(factory);
        var bytes = Unique(Images.Fixture("photo.jpg"));
        var first = await Images.UploadReadyAsync(http, token, bytes, "a.jpg");

        var again = await Images.UploadAsync(http, token, bytes, "renamed.jpg");
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(first, problem.GetProperty("existingPostId").GetInt64());
        Assert.Equal($"/posts/{first}", problem.GetProperty("existingPostUrl").GetString());
    }

    [Theory, BothDatabases]
    public async Task A_near_duplicate_is_accepted_and_flagged_on_both_posts(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (http, token) = await SignedInAsync(factory);
        var first = await Images.UploadReadyAsync(http, token, Unique(Images.Fixture("photo.jpg")), "photo.jpg");

        // The same picture as WebP: other bytes, same perceptual hash.
        var second = await Images.UploadReadyAsync(http, token, Images.Fixture("photo.webp"), "photo.webp");
        var firstPost = await http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{first}");
        var secondPost = await http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{second}");

        Assert.Contains(secondPost!.PossibleDuplicates, d => d.PostId == first && d.Distance <= 6);
        Assert.Contains(firstPost!.PossibleDuplicates, d => d.PostId == second);
    }

    [Theory]
    [InlineData("empty.jpg", HttpStatusCode.BadRequest)]
    [InlineData("random.jpg", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("svg.png", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("truncated.jpg", HttpStatusCode.BadRequest)]
    [InlineData("bomb-header.png", HttpStatusCode.RequestEntityTooLarge)]
    public async Task Bad_files_get_a_clear_problem_and_leave_nothing_behind(string fixture, HttpStatusCode expected)
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (http, token) = await SignedInAsync(factory);
        var (posts, objects) = await InventoryAsync(factory);

        var response = await Images.UploadAsync(http, token, Images.Fixture(fixture), fixture);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty("file")[0].GetString()));
        Assert.Equal((posts, objects), await InventoryAsync(factory));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_while_streaming()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (http, token) = await SignedInAsync(factory);
        var (posts, objects) = await InventoryAsync(factory);
        var sixtyMegabytes = new byte[60 * 1024 * 1024];
        Images.Fixture("photo.jpg").CopyTo(sixtyMegabytes, 0);

        var response = await Images.UploadAsync(http, token, sixtyMegabytes, "huge.jpg");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal((posts, objects), await InventoryAsync(factory));
    }

    [Theory]
    [InlineData("one-pixel.png", 1, 1, 1)]
    [InlineData("sixteen-bit.png", 240, 180, 1)]
    [InlineData("cmyk.jpg", 240, 180, 1)]
    [InlineData("alpha.png", 240, 180, 1)]
    [InlineData("animated-1000.gif", 16, 16, 1000)]
    public async Task Unusual_valid_images_are_processed(string fixture, int width, int height, int frames)
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (http, token) = await SignedInAsync(factory);

        var id = await Images.UploadReadyAsync(http, token, Unique(Images.Fixture(fixture)), fixture);
        var post = await http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{id}");

        Assert.Equal((width, height, frames), (post!.Width, post.Height, post.Frames));
        if (frames > 1)
        {
            Assert.Contains(post.Tags, t => t is { Name: "animated", Source: "auto" });
            var animation = Assert.Single(post.Variants, v => v.Name == Variants.Animation);
            var bytes = await http.GetByteArrayAsync(animation.Url);
            Assert.True(bytes.AsSpan().IndexOf("ANMF"u8) > 0, "the animation variant keeps its frames");
            Assert.Equal((width, height), (animation.Width, animation.Height));
        }
        if (fixture == "alpha.png")
        {
            Assert.Contains(post.Variants, v => v.Name == Variants.ThumbFallback && v.ContentType == "image/png");
            Assert.Contains(post.Tags, t => t is { Name: "transparent", Source: "auto" });
        }
    }

    [Theory]
    [InlineData("rating", "spicy")]
    [InlineData("tags", "bad:tag")]
    [InlineData("title", null)]
    public async Task Invalid_fields_are_named_in_the_errors_map(string field, string? value)
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (http, token) = await SignedInAsync(factory);

        var response = await Images.UploadAsync(http, token, Unique(Images.Fixture("photo.jpg")), "x.jpg",
            title: field == "title" ? new string('t', 201) : null,
            tags: field == "tags" ? value : null,
            rating: field == "rating" ? value : null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await AccountsErrors(response)).ContainsKey(field));
    }

    [Fact]
    public async Task Uploading_needs_a_signed_in_person_and_the_xsrf_header_with_a_cookie()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var anonymous = await factory.CreateClient().PostAsync("/api/v1/posts", Images.Form(Images.Fixture("photo.jpg"), "a.jpg"));
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync();

        var withoutHeader = await client.Http.PostAsync("/api/v1/posts", Images.Form(Images.Fixture("photo.jpg"), "a.jpg"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutHeader.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Only_the_owner_edits_and_the_owner_or_a_moderator_deletes(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var (http, owner) = await SignedInAsync(factory);
        var (_, other) = await SignedInAsync(factory);
        var id = await Images.UploadReadyAsync(http, owner, Unique(Images.Fixture("photo.jpg")), "mine.jpg", tags: "first");

        var foreignEdit = await http.SendAsync(Bearer(HttpMethod.Patch, $"/api/v1/posts/{id}", other, new { title = "mine now" }));
        var edit = await http.SendAsync(Bearer(HttpMethod.Patch, $"/api/v1/posts/{id}", owner, new { title = "Renamed", tags = "second", rating = "explicit" }));
        var edited = await edit.Content.ReadFromJsonAsync<PostDto>();
        var foreignDelete = await http.SendAsync(Bearer(HttpMethod.Delete, $"/api/v1/posts/{id}", other));
        var delete = await http.SendAsync(Bearer(HttpMethod.Delete, $"/api/v1/posts/{id}", owner));
        var gone = await http.GetAsync($"/api/v1/posts/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, foreignEdit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(("Renamed", "explicit"), (edited!.Title, edited.Rating));
        Assert.Contains(edited.Tags, t => t.Name == "second");
        Assert.DoesNotContain(edited.Tags, t => t.Name == "first");
        Assert.Equal(HttpStatusCode.Forbidden, foreignDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_deleted_posts_files_are_removed_by_the_purge_job()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (http, token) = await SignedInAsync(factory);
        var id = await Images.UploadReadyAsync(http, token, Unique(Images.Fixture("photo.jpg")), "doomed.jpg");
        await using var db = factory.CreateDbContext();
        // Identical renderings share content-addressed files with other posts: only this post's own must go.
        var keys = await db.Set<Variant>().Where(v => v.PostId == id && !db.Set<Variant>().Any(o => o.Key == v.Key && o.PostId != id)).Select(v => v.Key).ToListAsync();
        keys.Add(await db.Set<Post>().Where(p => p.Id == id).Select(p => p.OriginalKey).SingleAsync());
        var store = factory.Services.GetRequiredService<IObjectStore>();

        await http.SendAsync(Bearer(HttpMethod.Delete, $"/api/v1/posts/{id}", token));
        for (var attempt = 0; attempt < 300 && await AnyExistsAsync(store, keys); attempt++)
        {
            await Task.Delay(100);
        }

        Assert.False(await AnyExistsAsync(store, keys));
        Assert.Equal(PostStatus.Deleted, await db.Set<Post>().Where(p => p.Id == id).Select(p => p.Status).SingleAsync());
    }

    [Fact]
    public async Task Processing_posts_are_visible_only_to_their_uploader()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (http, owner) = await SignedInAsync(factory);
        var response = await Images.UploadAsync(http, owner, Unique(Images.Fixture("photo.jpg")), "p.jpg");
        var id = (await response.Content.ReadFromJsonAsync<UploadAcceptedDto>())!.Id;
        await using (var db = factory.CreateDbContext())
        {
            // Hold it in "processing" regardless of the worker, to look at it from outside.
            await Images.WaitForPostAsync(http, owner, id);
            await db.Set<Post>().Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PostStatus.Processing));
        }

        var stranger = await factory.CreateClient().GetAsync($"/api/v1/posts/{id}");
        var uploader = await http.SendAsync(Bearer(HttpMethod.Get, $"/api/v1/posts/{id}", owner));
        var page = await factory.CreateClient().GetAsync($"/posts/{id}");

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, uploader.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Fact]
    public async Task The_board_pages_with_a_cursor_newest_first_without_repeats()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (http, token) = await SignedInAsync(factory);
        for (var i = 0; i < 3; i++)
        {
            await Images.UploadReadyAsync(http, token, Unique(Images.Fixture("one-pixel.png")), $"{i}.png");
        }

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<PostPageDto>($"/api/v1/posts?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page!.Items.Select(p => p.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(seen.OrderByDescending(id => id), seen);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.True(seen.Count >= 3);
    }

    [Fact]
    public async Task The_post_page_and_the_board_render_the_post()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (http, token) = await SignedInAsync(factory);
        var id = await Images.UploadReadyAsync(http, token, Unique(Images.Fixture("photo.jpg")), "page.jpg", "<b>Bold</b> title", "page_test");
        var client = factory.CreateTestClient();

        var page = await client.GetPageAsync($"/posts/{id}");
        var board = await client.GetPageAsync("/?tag=page_test");

        Assert.Equal("<b>Bold</b> title", page.QuerySelector("h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("picture source[type='image/webp']"));
        Assert.NotNull(page.QuerySelector(".palette svg rect[fill^='#']"));
        Assert.NotNull(page.QuerySelector(".tags__group--auto"));
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector(".post__placeholder")?.GetAttribute("src"), StringComparison.Ordinal);
        Assert.NotNull(board.QuerySelector($"a.tile[href='/posts/{id}'] img[loading]"));
    }

    internal static async Task<(HttpClient Http, string Token)> SignedInAsync(MosaicFactory factory)
    {
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync("poster");
        return (factory.CreateClient(), await client.CreateTokenAsync());
    }

    /// <summary>A copy that differs by one trailing byte after the image data, so exact-duplicate detection lets it through.</summary>
    internal static byte[] Unique(byte[] image) => [.. image, .. Guid.NewGuid().ToByteArray()];

    private static HttpRequestMessage Bearer(HttpMethod method, string url, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return request;
    }

    private static async Task<Dictionary<string, string[]>> AccountsErrors(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;

    private static async Task<(int Posts, int Objects)> InventoryAsync(MosaicFactory factory)
    {
        await using var db = factory.CreateDbContext();
        var store = factory.Services.GetRequiredService<IObjectStore>();
        var objects = 0;
        await foreach (var _ in store.ListAsync("", default))
        {
            objects++;
        }
        return (await db.Set<Post>().CountAsync(), objects);
    }

    private static async Task<bool> AnyExistsAsync(IObjectStore store, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (await store.StatAsync(key, default) is not null)
            {
                return true;
            }
        }
        return false;
    }
}
