using Mosaic.Features.Posts;
using Mosaic.Features.Tags;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Tags;

[Collection(ServerCollection.Name)]
public sealed class RelatedPostsTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task Posts_sharing_more_and_rarer_tags_come_first(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var owner = await TagData.PersonAsync(factory);
        var (rare1, rare2, common) = (TagData.Name("rare"), TagData.Name("rare"), TagData.Name("common"));
        await TagData.PostsAsync(factory, owner.Id, 30, [common]);
        var post = await TagData.PostAsync(factory, owner.Id, [rare1, rare2, common]);
        var sharesBothRare = await TagData.PostAsync(factory, owner.Id, [rare1, rare2]);
        var sharesRareAndCommon = await TagData.PostAsync(factory, owner.Id, [rare1, common]);
        var sharesOneRare = await TagData.PostAsync(factory, owner.Id, [rare2]);
        var sharesCommon = await TagData.PostAsync(factory, owner.Id, [common]);
        var notReady = await TagData.PostAsync(factory, owner.Id, [rare1, rare2, common], PostStatus.Processing);
        var measuredOnly = await TagData.PostAsync(factory, owner.Id, [], autoTags: [rare1, rare2]);

        var related = await FindAsync(factory, post, 4);

        Assert.Equal([sharesBothRare, sharesRareAndCommon, sharesOneRare, sharesCommon], related.Select(p => p.Id));
        Assert.DoesNotContain(related, p => p.Id == post || p.Id == notReady || p.Id == measuredOnly);
    }

    [Theory, BothDatabases]
    public async Task Tags_on_more_posts_than_the_cap_are_not_followed(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var owner = await TagData.PersonAsync(factory);
        var (everywhere, alone) = (TagData.Name("everywhere"), TagData.Name("alone"));
        await TagData.PostsAsync(factory, owner.Id, 5, [everywhere]);
        var post = await TagData.PostAsync(factory, owner.Id, [everywhere, alone]);
        // Pretend the tag is on more posts than the cap allows: its rows are no longer read.
        await TagData.SetPostCountAsync(factory, everywhere, 2001);

        var related = await FindAsync(factory, post, 12);

        Assert.Empty(related);
    }

    [Fact]
    public void Rarer_tags_weigh_more()
    {
        Assert.True(RelatedPostsQuery.Weight(2) > RelatedPostsQuery.Weight(10));
        Assert.True(RelatedPostsQuery.Weight(10) > RelatedPostsQuery.Weight(1000));
        Assert.True(RelatedPostsQuery.Weight(1_000_000) > 0);
    }

    private static async Task<IReadOnlyList<PostSummaryDto>> FindAsync(MosaicFactory factory, long postId, int limit)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RelatedPostsQuery>().FindAsync(postId, limit, default);
    }
}
