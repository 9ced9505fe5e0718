using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Mosaic.Platform.Storage;

/// <summary>
/// Objects in an S3-compatible bucket. S3 makes an object visible only once its upload completes, so a put is atomic
/// by itself; a put whose source stream fails never completes its request and leaves nothing.
/// </summary>
public sealed class S3ObjectStore(S3StorageOptions options) : IObjectStore, IDisposable
{
    private readonly AmazonS3Client client = CreateClient(options);
    private readonly string bucket = options.Bucket ?? throw new ArgumentException("S3 storage needs a bucket.", nameof(options));

    internal IAmazonS3 Client => client;

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        ObjectKeys.EnsureValid(key);
        if (await StatAsync(key, ct) is not null)
        {
            return;
        }
        // The SDK needs the length before it sends: a stream that cannot tell is copied to a temporary file first,
        // which also means a failing source fails before any byte goes out.
        await using var buffered = content.CanSeek ? null : await BufferAsync(content, ct);
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = buffered ?? content,
            ContentType = contentType,
            AutoCloseStream = false,
            // Chunked (streaming) signatures are not understood by every S3-compatible server, s3rver among them.
            UseChunkEncoding = false,
        };
        await client.PutObjectAsync(request, ct);
    }

    public async Task<StoredObject?> OpenReadAsync(string key, ByteRange? range, CancellationToken ct)
    {
        ObjectKeys.EnsureValid(key);
        var request = new GetObjectRequest { BucketName = bucket, Key = key };
        if (range is { From: null })
        {
            // Not every S3-compatible server understands "the last n bytes" (s3rver reads it as 0-n): ask for explicit ends.
            if (await HeadAsync(key, ct) is not { } head)
            {
                return null;
            }
            if (range.Value.Resolve(head.Info.Length) is not { } explicitRange)
            {
                return NotSatisfiable(head);
            }
            range = explicitRange;
        }
        if (range is not null)
        {
            request.ByteRange = new Amazon.S3.Model.ByteRange(range.Value.ToHeaderValue());
        }
        GetObjectResponse response;
        try
        {
            response = await client.GetObjectAsync(request, ct);
        }
        catch (AmazonS3Exception ex) when (IsMissingObject(ex))
        {
            return null;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return await HeadAsync(key, ct) is { } head ? NotSatisfiable(head) : null;
        }

        var contentType = ContentTypeOf(response.Headers.ContentType);
        var lastModified = response.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
        var partLength = response.Headers.ContentLength;
        var content = new ObjectStream(response.ResponseStream, partLength, response);
        // A server may ignore the range and send everything, in which case there is no Content-Range to read.
        if (range is not null && ParseContentRange(response.ContentRange) is var (served, total))
        {
            return new StoredObject(content, total, contentType, lastModified, served);
        }
        return new StoredObject(content, partLength, contentType, lastModified, null);
    }

    public async Task<ObjectInfo?> StatAsync(string key, CancellationToken ct)
    {
        ObjectKeys.EnsureValid(key);
        return (await HeadAsync(key, ct))?.Info;
    }

    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        ObjectKeys.EnsureValid(key);
        // S3 answers 204 whether or not the key existed.
        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, ct);
    }

    public async IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        ListObjectsV2Response response;
        do
        {
            response = await client.ListObjectsV2Async(request, ct);
            foreach (var item in response.S3Objects ?? [])
            {
                if (ObjectKeys.IsValid(item.Key))
                {
                    yield return new ObjectInfo(item.Key, item.Size ?? 0, ToOffset(item.LastModified));
                }
            }
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true && !string.IsNullOrEmpty(response.NextContinuationToken));
    }

    public async Task<Uri?> GetPresignedUrlAsync(string key, TimeSpan lifetime, CancellationToken ct)
    {
        ObjectKeys.EnsureValid(key);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.GET,
            // The SDK signs with the system clock, so the expiry must come from the same clock.
            Expires = DateTime.UtcNow.Add(lifetime),
            Protocol = client.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        };
        return new Uri(await client.GetPreSignedURLAsync(request));
    }

    public void Dispose() => client.Dispose();

    private async Task<(ObjectInfo Info, string ContentType)?> HeadAsync(string key, CancellationToken ct)
    {
        try
        {
            var metadata = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, ct);
            return (new ObjectInfo(key, metadata.Headers.ContentLength, ToOffset(metadata.LastModified)), ContentTypeOf(metadata.Headers.ContentType));
        }
        catch (AmazonS3Exception ex) when (IsMissingObject(ex))
        {
            return null;
        }
    }

    private static StoredObject NotSatisfiable((ObjectInfo Info, string ContentType) head) =>
        new(Stream.Null, head.Info.Length, head.ContentType, head.Info.LastModified, null) { RangeNotSatisfiable = true };

    private static string ContentTypeOf(string? header) => string.IsNullOrEmpty(header) ? "application/octet-stream" : header;

    private static AmazonS3Client CreateClient(S3StorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // The SDK's default CRC checksums on every request are not understood by every S3-compatible server.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
        }
        return string.IsNullOrWhiteSpace(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    private static async Task<Stream> BufferAsync(Stream content, CancellationToken ct)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"mosaic-put-{Guid.NewGuid():N}.tmp"), new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
        });
        try
        {
            await content.CopyToAsync(file, ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    // A missing bucket is a configuration error, not a missing object; HEAD has no body to tell them apart, though.
    private static bool IsMissingObject(AmazonS3Exception ex) =>
        ex.StatusCode == HttpStatusCode.NotFound && ex.ErrorCode != "NoSuchBucket";

    private static DateTimeOffset ToOffset(DateTime? value) =>
        value is { } time ? new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;

    /// <summary>Reads <c>bytes first-last/total</c>.</summary>
    private static (ByteRange Served, long Total)? ParseContentRange(string? header)
    {
        if (header is null || !header.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var parts = header[6..].Split('/', 2);
        var ends = parts[0].Split('-', 2);
        return parts.Length == 2 && ends.Length == 2
            && long.TryParse(ends[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && long.TryParse(ends[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var total)
                ? (new ByteRange(first, last), total)
                : null;
    }
}
