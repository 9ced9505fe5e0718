using Mosaic.Platform.Storage;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Storage;

/// <summary>
/// The S3-compatible server the tests use: the endpoint in MOSAIC_TEST_S3 when the test command started one, otherwise
/// an s3rver (scripts/s3rver) on a free loopback port, started on first use and stopped once the process has exited.
/// Each test makes buckets of its own.
/// </summary>
public static class S3Server
{
    /// <summary>s3rver's fixed credentials.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly Lazy<string> Endpoint = new(StartOrReuse, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ServiceUrl => Endpoint.Value;

    public static S3StorageOptions Options(string bucket) => new()
    {
        ServiceUrl = ServiceUrl,
        Bucket = bucket,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
    };

    /// <summary>Creates an empty bucket and returns its name.</summary>
    public static async Task<string> CreateBucketAsync()
    {
        var bucket = "mosaic-" + Guid.NewGuid().ToString("N")[..16];
        using var store = new S3ObjectStore(Options(bucket));
        await store.Client.PutBucketAsync(bucket);
        return bucket;
    }

    /// <summary>Empties and removes a bucket, so the server's folder stays small over a long run.</summary>
    public static async Task DeleteBucketAsync(string bucket)
    {
        using var store = new S3ObjectStore(Options(bucket));
        await foreach (var item in store.ListAsync("", default))
        {
            await store.DeleteAsync(item.Key, default);
        }
        await store.Client.DeleteBucketAsync(bucket);
    }

    /// <summary>The settings that point a Mosaic server at <paramref name="bucket"/>.</summary>
    public static Dictionary<string, string?> Settings(string bucket, MediaDelivery delivery = MediaDelivery.Stream) => new()
    {
        ["Mosaic:Storage:Provider"] = "S3",
        ["Mosaic:Storage:S3:ServiceUrl"] = ServiceUrl,
        ["Mosaic:Storage:S3:Bucket"] = bucket,
        ["Mosaic:Storage:S3:AccessKey"] = AccessKey,
        ["Mosaic:Storage:S3:SecretKey"] = SecretKey,
        ["Mosaic:Storage:S3:Delivery"] = delivery.ToString(),
    };

    private static string StartOrReuse()
    {
        if (Environment.GetEnvironmentVariable("MOSAIC_TEST_S3") is { Length: > 0 } given)
        {
            return given;
        }
        var dir = Path.Combine(Path.GetTempPath(), $"mosaic-s3-{Environment.ProcessId}");
        // The script watches this process and stops the server when it exits: an exit handler here would not run
        // when the test host is killed, and would race the host's shutdown even when it is not.
        return TestProcesses.Run(Repo.Path("scripts", "s3rver"), $"start {dir} {TestProcesses.FreePort()} {Environment.ProcessId}").Trim();
    }
}
