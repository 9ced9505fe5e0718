using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Features.Tags;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Tags;

/// <summary>A person for a test: a browser-like client signed in with the session cookie, and an access token.</summary>
public sealed record Person(TestClient Client, Credentials Credentials, Guid Id, string Token)
{
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null) =>
        Client.Http.SendAsync(TestClient.WithBearer(method, url, Token, body));
}

/// <summary>Arranges tag data straight in a test server's database: people, ready posts with tags, names of their own.</summary>
internal static class TagData
{
    /// <summary>A tag name no other test uses.</summary>
    public static string Name(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..10];

    public static async Task<Person> PersonAsync(MosaicFactory factory, string? role = null)
    {
        var client = factory.CreateTestClient();
        var credentials = await client.SignUpAsync(role is null ? "u" : "m");
        Guid id;
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = (await users.FindByNameAsync(credentials.Username))!;
            if (role is not null)
            {
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            }
            id = user.Id;
        }
        // Signed in after the role is given, so the session cookie carries it.
        var response = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { credentials.Username, credentials.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Person(client, credentials, id, await client.CreateTokenAsync());
    }

    /// <summary>A post (ready unless told otherwise) with these tags as people's tags, counted as the pipeline would.</summary>
    public static async Task<long> PostAsync(MosaicFactory factory, Guid userId, IEnumerable<string> tags, PostStatus status = PostStatus.Ready, IEnumerable<string>? autoTags = null)
    {
        await using var db = factory.CreateDbContext();
        var service = new TagService(db, TimeProvider.System);
        var human = await service.EnsureAsync([.. tags.Select(t => new TagInput(t, null))], TagCategory.General, default);
        var auto = await service.EnsureAsync([.. (autoTags ?? []).Select(t => new TagInput(t, null))], TagCategory.Meta, default);
        var now = DateTimeOffset.UtcNow;
        var post = new Post
        {
            UserId = userId,
            Title = "arranged",
            Rating = Rating.Safe,
            Status = status,
            Sha256 = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            OriginalKey = "originals/arranged",
            OriginalContentType = "image/png",
            Width = 10,
            Height = 10,
            CreatedAt = now,
            UpdatedAt = now,
            Tags =
            [
                .. human.Select(t => new PostTag { TagId = t.Id, Source = TagSource.Human, Confidence = 1 }),
                .. auto.Where(a => human.All(h => h.Id != a.Id)).Select(t => new PostTag { TagId = t.Id, Source = TagSource.Auto, Confidence = 0.9 }),
            ],
        };
        db.Set<Post>().Add(post);
        await db.SaveChangesAsync();
        await new PostTagCounts(db).RecountForPostAsync(post.Id, default);
        return post.Id;
    }

    /// <summary>Many ready posts with the same tags, saved at once.</summary>
    public static async Task<List<long>> PostsAsync(MosaicFactory factory, Guid userId, int count, IEnumerable<string> tags)
    {
        await using var db = factory.CreateDbContext();
        var rows = await new TagService(db, TimeProvider.System).EnsureAsync([.. tags.Select(t => new TagInput(t, null))], TagCategory.General, default);
        var now = DateTimeOffset.UtcNow;
        var posts = Enumerable.Range(0, count).Select(_ => new Post
        {
            UserId = userId,
            Rating = Rating.Safe,
            Status = PostStatus.Ready,
            Sha256 = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            OriginalKey = "originals/arranged",
            OriginalContentType = "image/png",
            Width = 10,
            Height = 10,
            CreatedAt = now,
            UpdatedAt = now,
            Tags = [.. rows.Select(t => new PostTag { TagId = t.Id, Source = TagSource.Human, Confidence = 1 })],
        }).ToList();
        db.Set<Post>().AddRange(posts);
        await db.SaveChangesAsync();
        await new PostTagCounts(db).RecountAsync([.. rows.Select(t => t.Id)], default);
        return [.. posts.Select(p => p.Id)];
    }

    public static async Task<List<(string Name, TagSource Source)>> TagsOfAsync(MosaicFactory factory, long postId)
    {
        await using var db = factory.CreateDbContext();
        var rows = await db.Set<PostTag>().Where(pt => pt.PostId == postId).Select(pt => new { pt.Tag!.Name, pt.Source }).ToListAsync();
        return [.. rows.Select(r => (r.Name, r.Source)).OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    public static async Task<int?> PostCountAsync(MosaicFactory factory, string tag)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<Tag>().Where(t => t.Name == tag).Select(t => (int?)t.PostCount).FirstOrDefaultAsync();
    }

    public static async Task SetPostCountAsync(MosaicFactory factory, string tag, int count, TagCategory category = TagCategory.General)
    {
        await using var db = factory.CreateDbContext();
        await new TagService(db, TimeProvider.System).EnsureAsync([new TagInput(tag, category)], category, default);
        await db.Set<Tag>().Where(t => t.Name == tag).ExecuteUpdateAsync(s => s.SetProperty(t => t.PostCount, count));
    }

    /// <summary>Waits for the test server's job worker to make <paramref name="condition"/> true.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Timed out waiting until {what}.");
    }
}
