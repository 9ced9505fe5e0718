using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Mosaic.Platform.Data;
using Mosaic.Platform.Storage;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Storage;

public enum StorageKind
{
    FileSystem,
    S3,
}

/// <summary>Mosaic servers on each kind of storage: the folder, a bucket streamed through, a bucket redirected to.</summary>
public sealed class MediaServers : IAsyncLifetime
{
    private readonly List<MosaicFactory> factories = [];
    private string? bucket;

    public MosaicFactory FileSystem { get; private set; } = null!;
    public MosaicFactory S3 { get; private set; } = null!;
    public MosaicFactory S3Redirect { get; private set; } = null!;

    public MosaicFactory For(StorageKind kind) => kind == StorageKind.S3 ? S3 : FileSystem;

    public async Task InitializeAsync()
    {
        bucket = await S3Server.CreateBucketAsync();
        FileSystem = await StartAsync(null);
        S3 = await StartAsync(S3Server.Settings(bucket));
        S3Redirect = await StartAsync(S3Server.Settings(bucket, MediaDelivery.Redirect));
    }

    private async Task<MosaicFactory> StartAsync(Dictionary<string, string?>? settings)
    {
        var factory = new MosaicFactory(DatabaseProvider.Sqlite, settings);
        factories.Add(factory);
        await factory.InitializeAsync();
        return factory;
    }

    public async Task DisposeAsync()
    {
        foreach (IAsyncLifetime factory in factories)
        {
            await factory.DisposeAsync();
        }
        if (bucket is not null)
        {
            await S3Server.DeleteBucketAsync(bucket);
        }
    }
}

public sealed class MediaEndpointsTests(MediaServers servers) : IClassFixture<MediaServers>
{
    [Theory]
    [InlineData(StorageKind.FileSystem)]
    [InlineData(StorageKind.S3)]
    public async Task Image_is_served_immutable_with_a_strong_etag_and_no_sniffing(StorageKind kind)
    {
        var sample = await PutAsync(kind, Sample.Create(2000, "webp"), "image/webp");

        var response = await Client(kind).GetAsync(MediaEndpoints.UrlOf(sample.Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sample.Bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2000, response.Content.Headers.ContentLength);
        Assert.Equal($"\"{ObjectKeys.HashOf(sample.Key)}\"", response.Headers.ETag?.Tag);
        Assert.False(response.Headers.ETag?.IsWeak);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.NotNull(response.Content.Headers.LastModified);
    }

    [Theory]
    [InlineData(StorageKind.FileSystem, "jpg", "image/jpeg")]
    [InlineData(StorageKind.FileSystem, "png", "image/png")]
    [InlineData(StorageKind.FileSystem, "gif", "image/gif")]
    [InlineData(StorageKind.FileSystem, "avif", "image/avif")]
    [InlineData(StorageKind.S3, "jpeg", "image/jpeg")]
    [InlineData(StorageKind.S3, "avif", "image/avif")]
    public async Task Every_allowed_image_type_is_served(StorageKind kind, string extension, string contentType)
    {
        var sample = await PutAsync(kind, Sample.Create(10, extension), contentType);

        var response = await Client(kind).GetAsync(MediaEndpoints.UrlOf(sample.Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(StorageKind.FileSystem)]
    [InlineData(StorageKind.S3)]
    public async Task Head_answers_the_headers_without_the_body(StorageKind kind)
    {
        var sample = await PutAsync(kind, Sample.Create(700), "image/png");

        var response = await Client(kind).SendAsync(new HttpRequestMessage(HttpMethod.Head, MediaEndpoints.UrlOf(sample.Key)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(700, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(StorageKind.FileSystem)]
    [InlineData(StorageKind.S3)]
    public async Task Matching_If_None_Match_is_304_with_the_caching_headers(StorageKind kind)
    {
        var sample = await PutAsync(kind, Sample.Create(), "image/png");
        var client = Client(kind);
        var first = await client.GetAsync(MediaEndpoints.UrlOf(sample.Key));

        var request = new HttpRequestMessage(HttpMethod.Get, MediaEndpoints.UrlOf(sample.Key));
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(StorageKind.FileSystem)]
    [InlineData(StorageKind.S3)]
    public async Task Other_If_None_Match_gets_the_image(StorageKind kind)
    {
        var sample = await PutAsync(kind, Sample.Create(), "image/png");

        var request = new HttpRequestMessage(HttpMethod.Get, MediaEndpoints.UrlOf(sample.Key));
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"" + new string('0', 64) + "\""));
        var response = await Client(kind).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sample.Bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(StorageKind.FileSystem, "bytes=10-19", 10, 19)]
    [InlineData(StorageKind.FileSystem, "bytes=990-", 990, 999)]
    [InlineData(StorageKind.FileSystem, "bytes=-5", 995, 999)]
    [InlineData(StorageKind.S3, "bytes=10-19", 10, 19)]
    [InlineData(StorageKind.S3, "bytes=990-", 990, 999)]
    [InlineData(StorageKind.S3, "bytes=-5", 995, 999)]
    public async Task Range_is_206_with_those_bytes(StorageKind kind, string range, int first, int last)
    {
        var sample = await PutAsync(kind, Sample.Create(1000), "image/png");

        var request = new HttpRequestMessage(HttpMethod.Get, MediaEndpoints.UrlOf(sample.Key));
        request.Headers.TryAddWithoutValidation("Range", range);
        var response = await Client(kind).SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(new ContentRangeHeaderValue(first, last, 1000), response.Content.Headers.ContentRange);
        Assert.Equal(sample.Bytes[first..(last + 1)], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData(StorageKind.FileSystem)]
    [InlineData(StorageKind.S3)]
    public async Task Range_past_the_end_is_416_with_the_length(StorageKind kind)
    {
        var sample = await PutAsync(kind, Sample.Create(1000), "image/png");

        var request = new HttpRequestMessage(HttpMethod.Get, MediaEndpoints.UrlOf(sample.Key));
        request.Headers.Range = new RangeHeaderValue(1000, null);
        var response = await Client(kind).SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */1000", response.Content.Headers.ContentRange?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(StorageKind.FileSystem)]
    [InlineData(StorageKind.S3)]
    public async Task If_Range_decides_between_part_and_whole(StorageKind kind)
    {
        var sample = await PutAsync(kind, Sample.Create(1000), "image/png");
        var client = Client(kind);
        var etag = (await client.GetAsync(MediaEndpoints.UrlOf(sample.Key))).Headers.ETag!;

        var current = new HttpRequestMessage(HttpMethod.Get, MediaEndpoints.UrlOf(sample.Key));
        current.Headers.Range = new RangeHeaderValue(0, 9);
        current.Headers.IfRange = new RangeConditionHeaderValue(etag);
        var stale = new HttpRequestMessage(HttpMethod.Get, MediaEndpoints.UrlOf(sample.Key));
        stale.Headers.Range = new RangeHeaderValue(0, 9);
        stale.Headers.IfRange = new RangeConditionHeaderValue("\"stale\"");
        var part = await client.SendAsync(current);
        var whole = await client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(10, (await part.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(sample.Bytes, await whole.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(StorageKind.FileSystem)]
    [InlineData(StorageKind.S3)]
    public async Task Several_ranges_or_a_malformed_one_get_the_whole_image(StorageKind kind)
    {
        var sample = await PutAsync(kind, Sample.Create(100), "image/png");

        foreach (var range in new[] { "bytes=0-1,5-6", "bytes=9-2", "pages=1-2", "bytes=x-" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, MediaEndpoints.UrlOf(sample.Key));
            request.Headers.TryAddWithoutValidation("Range", range);
            var response = await Client(kind).SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(sample.Bytes, await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Theory]
    [InlineData(StorageKind.FileSystem)]
    [InlineData(StorageKind.S3)]
    public async Task Unknown_key_is_404(StorageKind kind)
    {
        var response = await Client(kind).GetAsync(MediaEndpoints.UrlOf(Sample.Create().Key));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
    }

    [Theory]
    [InlineData(StorageKind.FileSystem)]
    [InlineData(StorageKind.S3)]
    public async Task Deleted_object_is_404_even_to_a_client_that_cached_it(StorageKind kind)
    {
        var sample = await PutAsync(kind, Sample.Create(), "image/png");
        var client = Client(kind);
        var etag = (await client.GetAsync(MediaEndpoints.UrlOf(sample.Key))).Headers.ETag!;
        await Store(kind).DeleteAsync(sample.Key, default);

        var request = new HttpRequestMessage(HttpMethod.Get, MediaEndpoints.UrlOf(sample.Key));
        request.Headers.IfNoneMatch.Add(etag);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(StorageKind.FileSystem, "html", "text/html")]
    [InlineData(StorageKind.FileSystem, "svg", "image/svg+xml")]
    [InlineData(StorageKind.FileSystem, "json", "application/json")]
    [InlineData(StorageKind.S3, "html", "text/html")]
    [InlineData(StorageKind.S3, "png", "text/html")]
    [InlineData(StorageKind.S3, "webp", "image/svg+xml")]
    public async Task Object_of_a_type_browsers_could_run_is_404(StorageKind kind, string extension, string contentType)
    {
        var sample = await PutAsync(kind, Sample.Create(50, extension), contentType);

        var response = await Client(kind).GetAsync(MediaEndpoints.UrlOf(sample.Key));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual(sample.Bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/media/..%2Fmosaic.db")]
    [InlineData("/media/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/media/%2E%2E/%2E%2E/etc/passwd")]
    [InlineData("/media/ab/cd/..%2F..%2F..%2Fsecret.png")]
    [InlineData("/media/%2Fetc%2Fpasswd")]
    [InlineData("/media/secret.png")]
    [InlineData("/media/objects-outside.png")]
    [InlineData("/media/")]
    public async Task Keys_outside_the_content_addressed_shape_are_404(string url)
    {
        var factory = servers.FileSystem;
        // Bait: files a traversal would reach, in the data folder and in the objects folder outside the fan-out.
        await File.WriteAllBytesAsync(Path.Combine(factory.DataPath, "secret.png"), [1, 2, 3]);
        Directory.CreateDirectory(Path.Combine(factory.DataPath, "objects"));
        await File.WriteAllBytesAsync(Path.Combine(factory.DataPath, "objects", "secret.png"), [1, 2, 3]);

        var response = await factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual<byte[]>([1, 2, 3], await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(StorageKind.FileSystem)]
    [InlineData(StorageKind.S3)]
    public async Task Object_outside_the_content_addressed_namespace_is_404(StorageKind kind)
    {
        // Originals keep the uploader's metadata, so they live under a prefix and are never delivered.
        var sample = Sample.Create();
        var key = "originals/" + sample.Key;
        await Store(kind).PutAsync(key, sample.Stream(), "image/png", default);

        var response = await Client(kind).GetAsync(MediaEndpoints.UrlOf(key));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual(sample.Bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Valid_key_in_uppercase_is_404()
    {
        var sample = await PutAsync(StorageKind.FileSystem, Sample.Create(), "image/png");

        var response = await Client(StorageKind.FileSystem).GetAsync(MediaEndpoints.UrlOf(sample.Key.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Redirect_mode_sends_the_client_to_a_presigned_url_that_serves_the_image()
    {
        var sample = await PutAsync(servers.S3Redirect, Sample.Create(500), "image/png");
        var client = servers.S3Redirect.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(MediaEndpoints.UrlOf(sample.Key));
        using var bucket = new HttpClient();
        var direct = await bucket.GetAsync(response.Headers.Location);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(S3Server.ServiceUrl, response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", response.Headers.Location.Query, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.Private);
        Assert.Equal(TimeSpan.FromMinutes(7.5), response.Headers.CacheControl?.MaxAge);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal(sample.Bytes, await direct.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("html")]
    [InlineData("missing")]
    public async Task Redirect_mode_is_404_for_what_stream_mode_would_not_serve(string what)
    {
        var sample = what == "html"
            ? await PutAsync(servers.S3Redirect, Sample.Create(50, "html"), "text/html")
            : Sample.Create();
        var client = servers.S3Redirect.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(MediaEndpoints.UrlOf(sample.Key));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Media_is_not_part_of_the_API_description()
    {
        var document = await servers.FileSystem.CreateClient().GetStringAsync("/api/v1/openapi.json");

        Assert.DoesNotContain("/media", document, StringComparison.Ordinal);
    }

    private HttpClient Client(StorageKind kind) => servers.For(kind).CreateClient();

    private IObjectStore Store(StorageKind kind) => servers.For(kind).Services.GetRequiredService<IObjectStore>();

    private Task<Sample> PutAsync(StorageKind kind, Sample sample, string contentType) => PutAsync(servers.For(kind), sample, contentType);

    private static async Task<Sample> PutAsync(MosaicFactory factory, Sample sample, string contentType)
    {
        await factory.Services.GetRequiredService<IObjectStore>().PutAsync(sample.Key, sample.Stream(), contentType, default);
        return sample;
    }
}
