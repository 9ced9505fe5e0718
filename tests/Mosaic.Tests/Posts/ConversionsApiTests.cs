using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Conversions;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Posts;

[Collection(ServerCollection.Name)]
public sealed class ConversionsApiTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task Anyone_converts_an_upload_and_downloads_the_result_until_it_expires(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var http = factory.CreateClient();

        var started = await http.PostAsync("/api/v1/conversions", Form(Images.Fixture("photo.jpg"), "sepia"));
        var accepted = await started.Content.ReadFromJsonAsync<ConversionAcceptedDto>();
        var result = await WaitAsync(http, accepted!.Id);
        var bytes = await result.Content.ReadAsByteArrayAsync();
        var before = await http.GetAsync($"/api/v1/conversions/{accepted.Id}/before");
        await using (var db = factory.CreateDbContext())
        {
            await db.Set<Conversion>().Where(c => c.Id == accepted.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }
        var expired = await http.GetAsync($"/api/v1/conversions/{accepted.Id}");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("image/jpeg", result.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0xFF, bytes[0]);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_persons_results_stay_in_their_gallery_and_nobody_else_sees_them()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var owner = factory.CreateTestClient();
        await owner.SignUpAndSignInAsync("conv");
        var token = await owner.CreateTokenAsync();
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var started = await http.PostAsync("/api/v1/conversions", Form(Images.Fixture("photo.jpg"), "pixelate", "8"));
        var id = (await started.Content.ReadFromJsonAsync<ConversionAcceptedDto>())!.Id;
        var done = await WaitAsync(http, id);
        var gallery = await http.GetFromJsonAsync<List<ConversionDto>>("/api/v1/conversions");
        var stranger = await factory.CreateClient().GetAsync($"/api/v1/conversions/{id}");
        var galleryPage = await owner.GetPageAsync("/me/conversions");

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var mine = Assert.Single(gallery!);
        Assert.Equal(("done", (DateTimeOffset?)null), (mine.Status, mine.ExpiresAt));
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.NotNull(galleryPage.QuerySelector($"a[href='/convert/{id}']"));
    }

    [Fact]
    public async Task A_post_can_be_converted_by_its_id()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var (http, token) = await PostsApiTests.SignedInAsync(factory);
        var postId = await Images.UploadReadyAsync(http, token, PostsApiTests.Unique(Images.Fixture("photo.jpg")), "c.jpg");
        var form = new MultipartFormDataContent { { new StringContent(postId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "postId" }, { new StringContent("rotate"), "operation" }, { new StringContent("90"), "amount" } };

        var started = await factory.CreateClient().PostAsync("/api/v1/conversions", form);
        var id = (await started.Content.ReadFromJsonAsync<ConversionAcceptedDto>())!.Id;
        var status = await WaitForStatusAsync(factory.CreateClient(), id);

        Assert.Equal("done", status.Status);
        Assert.Equal((480, 640), (status.Width, status.Height));
    }

    [Theory]
    [InlineData("melt", null, "operation")]
    [InlineData("blur", "500", "amount")]
    [InlineData("rotate", "45", "amount")]
    [InlineData("blur", "lots", "amount")]
    public async Task Invalid_requests_are_400_problems(string operation, string? amount, string field)
    {
        var response = await servers.For(DatabaseProvider.Sqlite).CreateClient().PostAsync("/api/v1/conversions", Form(Images.Fixture("photo.jpg"), operation, amount));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_before_anything_runs()
    {
        var response = await servers.For(DatabaseProvider.Sqlite).CreateClient().PostAsync("/api/v1/conversions", Form(Images.Fixture("svg.png"), "invert"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_conversions_are_404()
    {
        var response = await servers.For(DatabaseProvider.Sqlite).CreateClient().GetAsync($"/api/v1/conversions/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static MultipartFormDataContent Form(byte[] file, string operation, string? amount = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "source.jpg" }, { new StringContent(operation), "operation" } };
        if (amount is not null)
        {
            form.Add(new StringContent(amount), "amount");
        }
        return form;
    }

    private static async Task<HttpResponseMessage> WaitAsync(HttpClient http, Guid id)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var response = await http.GetAsync($"/api/v1/conversions/{id}");
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return response;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Conversion {id} still running after a minute.");
    }

    private static async Task<ConversionDto> WaitForStatusAsync(HttpClient http, Guid id)
    {
        await WaitAsync(http, id);
        return (await http.GetFromJsonAsync<ConversionDto>($"/api/v1/conversions/{id}/status"))!;
    }
}
