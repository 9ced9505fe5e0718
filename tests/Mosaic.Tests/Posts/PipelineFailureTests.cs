using System.Net;
using System.Net.Http.Json;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Platform.Imaging;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Posts;

/// <summary>
/// A decoder that hangs or crashes on a real upload, on a server of its own: short timeout, two attempts, and the
/// imaging host's test triggers (an image exactly 4242 or 4243 pixels wide) switched on.
/// </summary>
public sealed class PipelineFailureTests : IAsyncLifetime
{
    private readonly MosaicFactory factory = new(DatabaseProvider.Sqlite, new Dictionary<string, string?>
    {
        ["Mosaic:Imaging:EnableTestOperations"] = "true",
        ["Mosaic:Imaging:OperationTimeout"] = "00:00:02",
        ["Mosaic:Jobs:MaxAttempts"] = "2",
    });

    public Task InitializeAsync() => factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)factory).DisposeAsync();

    [Theory]
    [InlineData("hang-4242.png", "longer than")]
    [InlineData("crash-4243.png", "crashed")]
    public async Task A_hung_or_crashing_decode_restarts_the_host_retries_and_fails_the_post_cleanly(string fixture, string reason)
    {
        var (http, token) = await PostsApiTests.SignedInAsync(factory);
        var imaging = factory.Services.GetRequiredService<ImagingHost>();
        var restartsBefore = imaging.Restarts;

        var response = await Images.UploadAsync(http, token, Images.Fixture(fixture), fixture);
        var accepted = await response.Content.ReadFromJsonAsync<UploadAcceptedDto>();
        var post = await Images.WaitForPostAsync(http, token, accepted!.Id);
        var healthy = await Images.UploadReadyAsync(http, token, PostsApiTests.Unique(Images.Fixture("photo.jpg")), "after.jpg");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("failed", post.Status);
        Assert.Contains(reason, post.FailureReason, StringComparison.Ordinal);
        Assert.Equal(2, imaging.Restarts - restartsBefore);
        Assert.True(healthy > 0);
    }
}
