using Mosaic.Platform.Storage;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Storage;

/// <summary>What every <see cref="IObjectStore"/> promises, run against each implementation by the classes below.</summary>
public abstract class ObjectStoreContract : IAsyncLifetime
{
    protected IObjectStore Store { get; private set; } = null!;

    protected abstract Task<IObjectStore> CreateStoreAsync();

    /// <summary>Fails if anything at all is stored, including what the store API would not show.</summary>
    protected virtual async Task AssertNothingStoredAsync() =>
        Assert.Empty(await Store.ListAsync("", CancellationToken.None).ToListAsync());

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync()
    {
        (Store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Put_then_open_returns_the_bytes_type_and_length()
    {
        var sample = Sample.Create(5000);

        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);
        await using var stored = await Store.OpenReadAsync(sample.Key, null, default);

        Assert.NotNull(stored);
        Assert.Equal(sample.Bytes, await Sample.ReadAllAsync(stored.Content));
        Assert.Equal(5000, stored.Length);
        Assert.Equal("image/png", stored.ContentType);
        Assert.Null(stored.Range);
        Assert.False(stored.RangeNotSatisfiable);
    }

    [Fact]
    public async Task Put_takes_a_source_that_cannot_seek()
    {
        var sample = Sample.Create(1000, "webp");

        await Store.PutAsync(sample.Key, new ForwardOnlyStream(sample.Bytes), "image/webp", default);
        await using var stored = await Store.OpenReadAsync(sample.Key, null, default);

        Assert.Equal(sample.Bytes, await Sample.ReadAllAsync(stored!.Content));
        Assert.Equal("image/webp", stored.ContentType);
    }

    [Fact]
    public async Task Put_of_an_existing_key_succeeds_and_keeps_the_object()
    {
        var sample = Sample.Create();
        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);

        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Store.PutAsync(sample.Key, new ForwardOnlyStream(sample.Bytes), "image/png", default)));

        await using var stored = await Store.OpenReadAsync(sample.Key, null, default);
        Assert.Equal(sample.Bytes, await Sample.ReadAllAsync(stored!.Content));
        Assert.Equal([sample.Key], await Store.ListAsync("", default).Select(o => o.Key).ToListAsync());
    }

    [Fact]
    public async Task Put_whose_source_fails_midway_leaves_nothing()
    {
        var sample = Sample.Create(4000);

        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync(sample.Key, new FailingStream(sample.Bytes), "image/png", default));

        Assert.Null(await Store.StatAsync(sample.Key, default));
        Assert.Null(await Store.OpenReadAsync(sample.Key, null, default));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Object_is_invisible_until_its_put_completes()
    {
        var sample = Sample.Create(4000);
        var source = new PausingStream(sample.Bytes);

        var put = Store.PutAsync(sample.Key, source, "image/png", default);
        await source.HalfRead;
        var statMidway = await Store.StatAsync(sample.Key, default);
        var openMidway = await Store.OpenReadAsync(sample.Key, null, default);
        var listMidway = await Store.ListAsync("", default).ToListAsync();
        source.Release();
        await put;

        Assert.Null(statMidway);
        Assert.Null(openMidway);
        Assert.Empty(listMidway);
        Assert.Equal(4000, (await Store.StatAsync(sample.Key, default))?.Length);
    }

    [Fact]
    public async Task Missing_objects_are_null()
    {
        var sample = Sample.Create();

        Assert.Null(await Store.OpenReadAsync(sample.Key, null, default));
        Assert.Null(await Store.OpenReadAsync(sample.Key, ByteRange.Between(0, 1), default));
        Assert.Null(await Store.StatAsync(sample.Key, default));
    }

    [Theory]
    [InlineData(0L, 9L, 0L, 9L)]
    [InlineData(10L, 10L, 10L, 10L)]
    [InlineData(90L, null, 90L, 99L)]
    [InlineData(95L, 500L, 95L, 99L)]
    [InlineData(null, 10L, 90L, 99L)]
    [InlineData(null, 500L, 0L, 99L)]
    public async Task Ranges_return_exactly_the_bytes_asked_for(long? from, long? to, long first, long last)
    {
        var sample = Sample.Create(100);
        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);

        await using var stored = await Store.OpenReadAsync(sample.Key, new ByteRange(from, to), default);

        Assert.NotNull(stored);
        Assert.Equal(ByteRange.Between(first, last), stored.Range);
        Assert.Equal(100, stored.Length);
        Assert.Equal(sample.Bytes[(int)first..((int)last + 1)], await Sample.ReadAllAsync(stored.Content));
    }

    [Fact]
    public async Task Range_past_the_end_is_not_satisfiable_and_tells_the_length()
    {
        var sample = Sample.Create(100);
        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);

        await using var stored = await Store.OpenReadAsync(sample.Key, ByteRange.StartingAt(100), default);

        Assert.NotNull(stored);
        Assert.True(stored.RangeNotSatisfiable);
        Assert.Null(stored.Range);
        Assert.Equal(100, stored.Length);
        Assert.Empty(await Sample.ReadAllAsync(stored.Content));
    }

    [Fact]
    public async Task Stat_reports_key_length_and_time_of_writing()
    {
        var sample = Sample.Create(1234, "jpg");
        await Store.PutAsync(sample.Key, sample.Stream(), "image/jpeg", default);

        var info = await Store.StatAsync(sample.Key, default);

        Assert.NotNull(info);
        Assert.Equal(sample.Key, info.Key);
        Assert.Equal(1234, info.Length);
        Assert.InRange(info.LastModified, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public async Task Delete_removes_the_object_and_may_be_repeated()
    {
        var sample = Sample.Create();
        var other = Sample.Create();
        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);
        await Store.PutAsync(other.Key, other.Stream(), "image/png", default);

        await Store.DeleteAsync(sample.Key, default);
        await Store.DeleteAsync(sample.Key, default);
        await Store.DeleteAsync(Sample.Create().Key, default);

        Assert.Null(await Store.StatAsync(sample.Key, default));
        Assert.Null(await Store.OpenReadAsync(sample.Key, null, default));
        Assert.NotNull(await Store.StatAsync(other.Key, default));
    }

    [Fact]
    public async Task List_returns_the_objects_under_a_prefix_with_their_lengths()
    {
        var keys = new[] { "backups/2026/a.tar.gz", "backups/2026/b.tar.gz", "backups/2027/c.tar.gz", "backupsx/d.json", "other/e.json" };
        for (var i = 0; i < keys.Length; i++)
        {
            await Store.PutAsync(keys[i], new MemoryStream(new byte[i + 1]), "application/octet-stream", default);
        }

        var folder = await Store.ListAsync("backups/", default).ToListAsync();
        var year = await Store.ListAsync("backups/2026/", default).ToListAsync();
        var partial = await Store.ListAsync("backups/2026/b", default).ToListAsync();
        var all = await Store.ListAsync("", default).ToListAsync();
        var none = await Store.ListAsync("nothing/", default).ToListAsync();

        Assert.Equal(["backups/2026/a.tar.gz", "backups/2026/b.tar.gz", "backups/2027/c.tar.gz"], folder.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["backups/2026/a.tar.gz", "backups/2026/b.tar.gz"], year.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, Assert.Single(partial).Length);
        Assert.Equal(keys.Order(StringComparer.Ordinal), all.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Empty(none);
    }

    [Fact]
    public async Task List_finds_content_addressed_keys_by_their_fan_out_folder()
    {
        var sample = Sample.Create();
        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);

        var found = await Store.ListAsync(sample.Key[..3], default).ToListAsync();

        Assert.Equal(sample.Key, Assert.Single(found).Key);
        Assert.Empty(await Store.ListAsync("../", default).ToListAsync());
    }

    [Theory]
    [MemberData(nameof(ObjectKeysTests.InvalidKeys), MemberType = typeof(ObjectKeysTests))]
    public async Task Every_operation_rejects_an_invalid_key(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(key, new MemoryStream([1, 2, 3]), "image/png", default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key, null, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.StatAsync(key, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key, default));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetPresignedUrlAsync(key, TimeSpan.FromMinutes(1), default));
        await AssertNothingStoredAsync();
    }
}

public sealed class FileSystemObjectStoreTests : ObjectStoreContract
{
    private readonly TempFolder folder = new();

    private string Root => Path.Combine(folder.Path, "objects");

    protected override Task<IObjectStore> CreateStoreAsync() => Task.FromResult<IObjectStore>(new FileSystemObjectStore(Root));

    protected override async Task AssertNothingStoredAsync()
    {
        await base.AssertNothingStoredAsync();
        // Not even a temporary file, and nothing outside the root where a bad key might have pointed.
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        folder.Dispose();
    }

    [Fact]
    public async Task Objects_are_files_under_the_root_at_their_key()
    {
        var sample = Sample.Create();

        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);

        Assert.Equal(sample.Bytes, await File.ReadAllBytesAsync(Path.Combine(Root, sample.Key)));
        Assert.Single(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Leftover_temporary_files_are_never_listed()
    {
        var sample = Sample.Create();
        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);
        var folderOfKey = Path.GetDirectoryName(Path.Combine(Root, sample.Key))!;
        await File.WriteAllTextAsync(Path.Combine(folderOfKey, ".crashed.tmp"), "half");

        var listed = await Store.ListAsync("", default).ToListAsync();

        Assert.Equal(sample.Key, Assert.Single(listed).Key);
    }

    [Fact]
    public async Task Abandoned_temporary_files_can_be_cleared_without_touching_objects()
    {
        var sample = Sample.Create();
        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);
        var folderOfKey = Path.GetDirectoryName(Path.Combine(Root, sample.Key))!;
        var old = Path.Combine(folderOfKey, $".{Path.GetFileName(sample.Key)}.0123.tmp");
        var fresh = Path.Combine(folderOfKey, $".{Path.GetFileName(sample.Key)}.4567.tmp");
        await File.WriteAllTextAsync(old, "half");
        await File.WriteAllTextAsync(fresh, "half");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-2));

        var deleted = ((FileSystemObjectStore)Store).DeleteAbandonedTemporaryFiles(DateTimeOffset.UtcNow.AddDays(-1));

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        Assert.NotNull(await Store.StatAsync(sample.Key, default));
    }

    [Fact]
    public async Task A_reader_keeps_its_bytes_when_the_object_is_deleted_under_it()
    {
        var sample = Sample.Create(1000);
        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);

        await using var stored = await Store.OpenReadAsync(sample.Key, null, default);
        await Store.DeleteAsync(sample.Key, default);

        Assert.Equal(sample.Bytes, await Sample.ReadAllAsync(stored!.Content));
    }

    [Fact]
    public async Task Type_is_the_one_the_key_extension_names()
    {
        var sample = Sample.Create(10, "avif");

        await Store.PutAsync(sample.Key, sample.Stream(), "image/avif", default);
        await using var stored = await Store.OpenReadAsync(sample.Key, null, default);

        Assert.Equal("image/avif", stored!.ContentType);
        Assert.Null(await Store.GetPresignedUrlAsync(sample.Key, TimeSpan.FromMinutes(1), default));
    }
}

public sealed class S3ObjectStoreTests : ObjectStoreContract
{
    private string bucket = "";

    protected override async Task<IObjectStore> CreateStoreAsync()
    {
        bucket = await S3Server.CreateBucketAsync();
        return new S3ObjectStore(S3Server.Options(bucket));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await S3Server.DeleteBucketAsync(bucket);
    }

    [Fact]
    public async Task Type_is_the_one_given_when_putting()
    {
        var sample = Sample.Create(10, "bin");

        await Store.PutAsync(sample.Key, sample.Stream(), "text/html", default);
        await using var stored = await Store.OpenReadAsync(sample.Key, null, default);

        Assert.Equal("text/html", stored!.ContentType);
    }

    [Fact]
    public async Task Presigned_url_reads_the_object_without_credentials()
    {
        var sample = Sample.Create(300);
        await Store.PutAsync(sample.Key, sample.Stream(), "image/png", default);

        var url = await Store.GetPresignedUrlAsync(sample.Key, TimeSpan.FromMinutes(5), default);
        using var http = new HttpClient();
        var response = await http.GetAsync(url);

        Assert.NotNull(url);
        Assert.StartsWith(S3Server.ServiceUrl, url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Signature=", url.Query, StringComparison.Ordinal);
        Assert.Equal(sample.Bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task List_pages_through_more_keys_than_one_response_holds()
    {
        var keys = Enumerable.Range(0, 1005).Select(i => $"many/{i:D4}.json").ToList();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (key, ct) => await Store.PutAsync(key, new MemoryStream([1]), "application/json", ct));

        var listed = await Store.ListAsync("many/", default).Select(o => o.Key).ToListAsync();

        Assert.Equal(keys, listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_missing_bucket_is_an_error_not_a_missing_object()
    {
        using var store = new S3ObjectStore(S3Server.Options("mosaic-no-such-bucket"));

        await Assert.ThrowsAsync<Amazon.S3.AmazonS3Exception>(() => store.OpenReadAsync(Sample.Create().Key, null, default));
    }
}
