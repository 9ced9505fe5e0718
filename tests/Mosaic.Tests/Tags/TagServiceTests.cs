using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Features.Tags;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Tags;

[Collection(ServerCollection.Name)]
public sealed class TagServiceTests(Servers servers)
{
    [Theory]
    [InlineData("ca", "ca")]
    [InlineData("  Cat ", "cat")]
    [InlineData("artist:Ans", "ans")]
    [InlineData("-cat", "cat")]
    [InlineData("new york", "new_york")]
    [InlineData("unknown:cat", null)]
    [InlineData("<script>", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_typed_prefix_is_normalised_like_a_tag_name(string? typed, string? expected) =>
        Assert.Equal(expected, TagService.NormalizePrefix(typed));

    [Theory, BothDatabases]
    public async Task Implications_are_followed_transitively_up_to_the_depth_limit(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var moderator = await TagData.PersonAsync(factory, Roles.Moderator);
        var chain = Enumerable.Range(0, TagService.MaxImplicationDepth + 3).Select(i => TagData.Name($"d{i}_")).ToList();
        for (var i = 0; i < chain.Count - 1; i++)
        {
            await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{chain[i]}/implications/{chain[i + 1]}");
        }
        // A shortcut (0 ⇒ 2 beside 0 ⇒ 1 ⇒ 2): two paths bring a tag once, and the shorter one counts for the depth.
        await moderator.SendAsync(HttpMethod.Put, $"/api/v1/tags/{chain[0]}/implications/{chain[2]}");
        await using var db = factory.CreateDbContext();
        var ids = await db.Set<Tag>().Where(t => chain.Contains(t.Name)).ToDictionaryAsync(t => t.Name, t => t.Id);
        var service = new TagService(db, TimeProvider.System);

        var implied = await service.ImpliedClosureAsync([ids[chain[0]]], default);
        var rows = await service.EnsureForPeopleAsync([new TagInput(chain[0], null)], default);

        Assert.Equal(chain.Skip(1).Take(TagService.MaxImplicationDepth + 1).Select(n => ids[n]).ToHashSet(), implied);
        Assert.Equal(TagService.MaxImplicationDepth + 2, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
    }
}
