using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mosaic.Features.Albums;
using Mosaic.Features.Posts;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Albums;

/// <summary>People, posts and albums for album tests. Posts are written straight to the database (ready, with thumbnail rows), which is much faster than the image pipeline.</summary>
internal static class AlbumTestData
{
    /// <summary>A new person signed in with the session cookie, as the site's own scripts are.</summary>
    public static async Task<Person> PersonAsync(MosaicFactory factory)
    {
        var client = factory.CreateTestClient();
        var credentials = await client.SignUpAndSignInAsync("al");
        var me = await client.Http.GetFromJsonAsync<JsonElement>("/api/v1/me");
        return new Person(client, credentials.Username, me.GetProperty("id").GetGuid());
    }

    public static async Task<List<long>> ReadyPostsAsync(MosaicFactory factory, Guid userId, int count, PostStatus status = PostStatus.Ready)
    {
        await using var db = factory.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        var posts = Enumerable.Range(0, count).Select(i =>
        {
            var sha = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
            return new Post
            {
                UserId = userId,
                Title = $"Post {i}",
                Status = status,
                Sha256 = sha,
                OriginalKey = $"originals/{sha}",
                OriginalContentType = "image/png",
                Width = 40,
                Height = 30,
                CreatedAt = now,
                UpdatedAt = now,
                Variants =
                [
                    new Variant { Name = Variants.Thumb, Key = $"{sha}-t.webp", ContentType = "image/webp", Width = 360, Height = 270 },
                    new Variant { Name = Variants.Thumb2x, Key = $"{sha}-t2.webp", ContentType = "image/webp", Width = 720, Height = 540 },
                    new Variant { Name = Variants.ThumbFallback, Key = $"{sha}-t.jpg", ContentType = "image/jpeg", Width = 360, Height = 270 },
                    new Variant { Name = Variants.Sample, Key = $"{sha}-s.webp", ContentType = "image/webp", Width = 40, Height = 30 },
                ],
            };
        }).ToList();
        db.AddRange(posts);
        await db.SaveChangesAsync();
        return posts.ConvertAll(p => p.Id);
    }

    public static async Task<AlbumDto> CreateAlbumAsync(this Person person, string? name = null, bool isPublic = false)
    {
        var response = await person.Client.SendAsync(HttpMethod.Post, "/api/v1/albums", new { name = name ?? "Album " + Guid.NewGuid().ToString("N")[..6], isPublic });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AlbumDto>())!;
    }

    public static async Task AddAsync(this Person person, long albumId, params IEnumerable<long> postIds)
    {
        foreach (var postId in postIds)
        {
            var response = await person.Client.SendAsync(HttpMethod.Put, $"/api/v1/albums/{albumId}/posts/{postId}");
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
    }

    public static Task<HttpResponseMessage> MoveAsync(this Person person, long albumId, long postId, long? before = null, long? after = null) =>
        person.Client.SendAsync(HttpMethod.Post, $"/api/v1/albums/{albumId}/posts/{postId}/move", new { before, after });

    /// <summary>Every post of the album in order, read page by page through the API.</summary>
    public static async Task<List<long>> OrderAsync(this Person person, long albumId, int limit = 100)
    {
        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await person.Client.Http.GetFromJsonAsync<PostPageDto>($"/api/v1/albums/{albumId}/posts?limit={limit}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            seen.AddRange(page!.Items.Select(p => p.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return seen;
    }

    public static async Task<AlbumDto> AlbumAsync(this Person person, long albumId) =>
        (await person.Client.Http.GetFromJsonAsync<AlbumDto>($"/api/v1/albums/{albumId}"))!;
}

internal sealed record Person(TestClient Client, string Username, Guid Id);
