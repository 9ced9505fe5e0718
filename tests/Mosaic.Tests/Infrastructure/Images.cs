using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mosaic.Features.Posts;

namespace Mosaic.Tests.Infrastructure;

/// <summary>The committed image fixtures (tests/Mosaic.Tests/Media/Fixtures, made by make-fixtures.sh) and upload helpers.</summary>
public static class Images
{
    public static byte[] Fixture(string name) => File.ReadAllBytes(Repo.Path("tests", "Mosaic.Tests", "Media", "Fixtures", name));

    public static MultipartFormDataContent Form(byte[] file, string fileName, string? title = null, string? tags = null, string? rating = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        if (title is not null) form.Add(new StringContent(title), "title");
        if (tags is not null) form.Add(new StringContent(tags), "tags");
        if (rating is not null) form.Add(new StringContent(rating), "rating");
        return form;
    }

    /// <summary>Uploads with a bearer token and returns the response.</summary>
    public static Task<HttpResponseMessage> UploadAsync(HttpClient http, string token, byte[] file, string fileName, string? title = null, string? tags = null, string? rating = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/posts") { Content = Form(file, fileName, title, tags, rating) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    public static async Task<long> UploadReadyAsync(HttpClient http, string token, byte[] file, string fileName, string? title = null, string? tags = null)
    {
        var response = await UploadAsync(http, token, file, fileName, title, tags);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<UploadAcceptedDto>();
        var post = await WaitForPostAsync(http, token, accepted!.Id);
        Assert.Equal("ready", post.Status);
        return post.Id;
    }

    /// <summary>Polls the post until it leaves "processing" (the job runs in the test server's worker).</summary>
    public static async Task<PostDto> WaitForPostAsync(HttpClient http, string token, long id)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/posts/{id}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var post = await (await http.SendAsync(request)).Content.ReadFromJsonAsync<PostDto>();
            if (post!.Status != "processing")
            {
                return post;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Post {id} was still processing after a minute.");
    }
}
