using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Features.Tags;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Preferences;

/// <summary>Ready posts written straight to the database (no image pipeline), each set under a tag of its own so a test sees only its posts.</summary>
internal sealed record BoardPosts(string Tag, string BadTag, long Safe, long Questionable, long Explicit, long Blacklisted)
{
    /// <summary>A safe, a questionable and an explicit post, and a safe one that also carries <see cref="BadTag"/>.</summary>
    public static async Task<BoardPosts> CreateAsync(MosaicFactory factory)
    {
        var owner = factory.CreateTestClient();
        await owner.SignUpAndSignInAsync("owner");
        var me = await owner.Http.GetFromJsonAsync<AccountDto>("/api/v1/me");
        var suffix = Guid.NewGuid().ToString("N")[..10];
        await using var db = factory.CreateDbContext();
        var now = DateTimeOffset.UtcNow;
        var tag = new Tag { Name = $"set_{suffix}", CreatedAt = now };
        var badTag = new Tag { Name = $"bad_{suffix}", CreatedAt = now };
        Post Make(Rating rating, params Tag[] tags)
        {
            var post = new Post
            {
                UserId = me!.Id,
                Title = $"{rating} {suffix}",
                Rating = rating,
                Status = PostStatus.Ready,
                Sha256 = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
                OriginalKey = $"originals/{suffix}",
                OriginalContentType = "image/png",
                Width = 40,
                Height = 30,
                CreatedAt = now,
                UpdatedAt = now,
            };
            post.Tags.AddRange(tags.Select(t => new PostTag { Tag = t, Source = TagSource.Human }));
            return post;
        }
        var safe = Make(Rating.Safe, tag);
        var questionable = Make(Rating.Questionable, tag);
        var explicitPost = Make(Rating.Explicit, tag);
        var blacklisted = Make(Rating.Safe, tag, badTag);
        db.AddRange(safe, questionable, explicitPost, blacklisted);
        await db.SaveChangesAsync();
        return new BoardPosts(tag.Name, badTag.Name, safe.Id, questionable.Id, explicitPost.Id, blacklisted.Id);
    }

    public string BoardUrl => $"/?tag={Tag}";

    /// <summary>The ids of the posts the board shows, in order.</summary>
    public static IReadOnlyList<long> Shown(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("a.tile").Select(a => long.Parse(a.GetAttribute("href")!["/posts/".Length..], System.Globalization.CultureInfo.InvariantCulture))];
}
