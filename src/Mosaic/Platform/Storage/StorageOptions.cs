using Microsoft.Extensions.Options;

namespace Mosaic.Platform.Storage;

public enum StorageProvider
{
    FileSystem,
    S3,
}

public enum MediaDelivery
{
    /// <summary>Mosaic reads the object from the bucket and streams it to the client.</summary>
    Stream,

    /// <summary>Mosaic answers 302 with a presigned URL, and the client reads from the bucket itself.</summary>
    Redirect,
}

public sealed class StorageOptions
{
    public const string Section = "Mosaic:Storage";

    /// <summary><c>FileSystem</c> (default: the folder <c>objects</c> under the data path) or <c>S3</c>.</summary>
    public string Provider { get; set; } = nameof(StorageProvider.FileSystem);

    public S3StorageOptions S3 { get; set; } = new();

    public StorageProvider ParsedProvider =>
        Enum.TryParse<StorageProvider>(Provider, ignoreCase: true, out var parsed) ? parsed : StorageProvider.FileSystem;
}

public sealed class S3StorageOptions
{
    /// <summary>Endpoint of an S3-compatible service (MinIO, Ceph, s3rver…); empty for AWS itself, found from <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    /// <summary>Required for AWS; with <see cref="ServiceUrl"/> it is the region requests are signed for (default us-east-1).</summary>
    public string? Region { get; set; }

    /// <summary>With <see cref="SecretKey"/>; when both are empty the SDK's own chain applies (environment, web identity, instance role).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Path-style URLs (<c>host/bucket/key</c>), which most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary><c>Stream</c> (default) or <c>Redirect</c>: how /media answers, see <see cref="MediaDelivery"/>.</summary>
    public string Delivery { get; set; } = nameof(MediaDelivery.Stream);

    /// <summary>How long a presigned URL handed out in Redirect mode stays valid.</summary>
    public TimeSpan PresignedUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public MediaDelivery ParsedDelivery =>
        Enum.TryParse<MediaDelivery>(Delivery, ignoreCase: true, out var parsed) ? parsed : MediaDelivery.Stream;
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    private const string S3Section = StorageOptions.Section + ":S3";

    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!IsName<StorageProvider>(options.Provider))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.Section}:Provider must be FileSystem or S3 (was '{options.Provider}').");
        }
        if (options.ParsedProvider != StorageProvider.S3)
        {
            return ValidateOptionsResult.Success;
        }

        var s3 = options.S3;
        if (string.IsNullOrWhiteSpace(s3.Bucket))
        {
            return ValidateOptionsResult.Fail($"{S3Section}:Bucket is required when {StorageOptions.Section}:Provider is S3.");
        }
        if (!string.IsNullOrWhiteSpace(s3.ServiceUrl)
            && !(Uri.TryCreate(s3.ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            return ValidateOptionsResult.Fail($"{S3Section}:ServiceUrl must be an absolute http or https URL (was '{s3.ServiceUrl}').");
        }
        if (string.IsNullOrWhiteSpace(s3.ServiceUrl) && string.IsNullOrWhiteSpace(s3.Region))
        {
            return ValidateOptionsResult.Fail($"{S3Section}:Region or {S3Section}:ServiceUrl is required when {StorageOptions.Section}:Provider is S3.");
        }
        if (string.IsNullOrWhiteSpace(s3.AccessKey) != string.IsNullOrWhiteSpace(s3.SecretKey))
        {
            return ValidateOptionsResult.Fail($"{S3Section}:AccessKey and {S3Section}:SecretKey must be set together (or both left empty to use the SDK's credential chain).");
        }
        if (!IsName<MediaDelivery>(s3.Delivery))
        {
            return ValidateOptionsResult.Fail($"{S3Section}:Delivery must be Stream or Redirect (was '{s3.Delivery}').");
        }
        // SigV4 presigned URLs live at most seven days.
        if (s3.PresignedUrlLifetime < TimeSpan.FromSeconds(10) || s3.PresignedUrlLifetime > TimeSpan.FromDays(7))
        {
            return ValidateOptionsResult.Fail($"{S3Section}:PresignedUrlLifetime must be between 00:00:10 and 7.00:00:00 (was '{s3.PresignedUrlLifetime}').");
        }
        return ValidateOptionsResult.Success;
    }

    // Enum.TryParse also accepts numbers and comma-separated lists, which would make "1" or "S3,FileSystem" a provider.
    private static bool IsName<TEnum>(string? value) where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().Contains(value, StringComparer.OrdinalIgnoreCase);
}
