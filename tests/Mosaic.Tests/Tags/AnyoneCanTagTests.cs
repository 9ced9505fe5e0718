using System.Net;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Tags;

/// <summary>An instance that lets every signed-in person tag every ready post (<c>Mosaic:Tags:AnyoneCanTag</c>).</summary>
public sealed class AnyoneCanTagTests : IAsyncLifetime
{
    private readonly MosaicFactory factory = new(DatabaseProvider.Sqlite, new Dictionary<string, string?>
    {
        ["Mosaic:Tags:AnyoneCanTag"] = "true",
        ["Mosaic:Tags:EditsPerUserPerHour"] = "3",
    });

    public Task InitializeAsync() => factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)factory).DisposeAsync();

    [Fact]
    public async Task Another_person_may_tag_a_ready_post_within_the_hourly_limit()
    {
        var owner = await TagData.PersonAsync(factory);
        var other = await TagData.PersonAsync(factory);
        var third = await TagData.PersonAsync(factory);
        var post = await TagData.PostAsync(factory, owner.Id, [TagData.Name()]);
        var processing = await TagData.PostAsync(factory, owner.Id, [TagData.Name()], PostStatus.Processing);

        var page = await other.Client.GetPageAsync($"/posts/{post}");
        var anonymousPage = await factory.CreateTestClient().GetPageAsync($"/posts/{post}");
        var responses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add((await other.SendAsync(HttpMethod.Post, $"/api/v1/posts/{post}/tags", new { add = TagData.Name() })).StatusCode);
        }
        var limited = await other.SendAsync(HttpMethod.Post, $"/api/v1/posts/{post}/tags", new { add = TagData.Name() });
        var notReady = await owner.SendAsync(HttpMethod.Post, $"/api/v1/posts/{processing}/tags", new { add = TagData.Name() });
        var byOtherNotReady = await third.SendAsync(HttpMethod.Post, $"/api/v1/posts/{processing}/tags", new { add = "x" });

        Assert.NotNull(page.QuerySelector("#tag-editor form"));
        Assert.Contains("Sign in", anonymousPage.QuerySelector(".post__details")?.TextContent, StringComparison.Ordinal);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], responses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOtherNotReady.StatusCode);
        Assert.Equal(1 + 3, (await TagData.TagsOfAsync(factory, post)).Count);
    }
}
