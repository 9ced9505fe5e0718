using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Votes;

/// <summary>A signed-in person: a cookie client (sending the XSRF header on API writes), their id and username.</summary>
internal sealed record Person(TestClient Client, Guid Id, string Username);

/// <summary>Arranges people and posts for the vote and comment tests; every call makes new ones.</summary>
internal static class Board
{
    public static async Task<Person> PersonAsync(MosaicFactory factory, string prefix = "v")
    {
        var client = factory.CreateTestClient();
        var credentials = await client.SignUpAndSignInAsync(prefix);
        var me = await client.Http.GetFromJsonAsync<AccountDto>("/api/v1/me");
        return new Person(client, me!.Id, credentials.Username);
    }

    public static Task<Person[]> PeopleAsync(MosaicFactory factory, int count, string prefix = "v") =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ => PersonAsync(factory, prefix)));

    /// <summary>A person with the moderator role, signed in after the role was given so the cookie carries it.</summary>
    public static async Task<Person> ModeratorAsync(MosaicFactory factory)
    {
        var client = factory.CreateTestClient();
        var credentials = await client.SignUpAsync("mod");
        await using (var db = factory.CreateDbContext())
        {
            var user = await db.Set<User>().SingleAsync(u => u.UserName == credentials.Username);
            var role = await db.Set<Role>().SingleAsync(r => r.Name == Roles.Moderator);
            db.Set<IdentityUserRole<Guid>>().Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
            await db.SaveChangesAsync();
        }
        var response = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { credentials.Username, credentials.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await client.Http.GetFromJsonAsync<AccountDto>("/api/v1/me");
        Assert.Contains(Roles.Moderator, me!.Roles);
        return new Person(client, me.Id, credentials.Username);
    }

    /// <summary>A post row as the pipeline leaves it, written directly: these tests are about votes and comments, not images.</summary>
    public static async Task<long> PostAsync(MosaicFactory factory, Guid owner, PostStatus status = PostStatus.Ready)
    {
        await using var db = factory.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        var post = new Post
        {
            UserId = owner,
            Title = "A test post",
            Rating = Rating.Safe,
            Status = status,
            Sha256 = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            OriginalKey = $"originals/{Guid.NewGuid():N}",
            OriginalContentType = "image/png",
            Width = 10,
            Height = 10,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(post);
        await db.SaveChangesAsync();
        return post.Id;
    }

    public static async Task<(int Likes, int Dislikes, int Comments)> CountsAsync(MosaicFactory factory, long postId)
    {
        await using var db = factory.CreateDbContext();
        var post = await db.Set<Post>().AsNoTracking().SingleAsync(p => p.Id == postId);
        return (post.LikeCount, post.DislikeCount, post.CommentCount);
    }

    /// <summary>
    /// Posts the form whose action is <paramref name="action"/> on the page at <paramref name="url"/> the way a browser
    /// without JavaScript does: its hidden fields (the antiforgery token among them) plus the given values.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(TestClient client, string url, string action, IReadOnlyDictionary<string, string> values)
    {
        var page = await client.GetPageAsync(url);
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>().FirstOrDefault(f => f.GetAttribute("action") == action)
            ?? throw new InvalidOperationException($"No form posting to {action} on {url}");
        var fields = form.QuerySelectorAll("input[type='hidden']").OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }
        return await client.Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Where a redirect goes, as a local path (the pages' own redirects are absolute URLs on this host).</summary>
    public static string? Location(HttpResponseMessage response) =>
        response.Headers.Location is { } location && location.IsAbsoluteUri && location.Host == "localhost"
            ? location.PathAndQuery + location.Fragment
            : response.Headers.Location?.OriginalString;
}
