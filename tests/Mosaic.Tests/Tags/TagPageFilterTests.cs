using System.Net.Http.Json;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;
using Mosaic.Tests.Posts;

namespace Mosaic.Tests.Tags;

[Collection(ServerCollection.Name)]
public sealed class TagPageFilterTests(Servers servers)
{
    [Fact]
    public async Task A_tag_page_hides_explicit_posts_by_default_like_the_board()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (http, token) = await PostsApiTests.SignedInAsync(factory);
        var tag = "filtered" + Guid.NewGuid().ToString("N")[..6];
        var shown = await Images.UploadReadyAsync(http, token, PostsApiTests.Unique(Images.Fixture("photo.jpg")), "a.jpg", "shown", tag);
        var response = await Images.UploadAsync(http, token, PostsApiTests.Unique(Images.Fixture("photo.jpg")), "b.jpg", "hidden", tag, "explicit");
        var hidden = (await Images.WaitForPostAsync(http, token, (await response.Content.ReadFromJsonAsync<UploadAcceptedDto>())!.Id)).Id;

        var page = await factory.CreateTestClient().GetPageAsync($"/tags/{tag}");

        Assert.NotNull(page.QuerySelector($"a.tile[href='/posts/{shown}']"));
        Assert.Null(page.QuerySelector($"a.tile[href='/posts/{hidden}']"));
    }
}
