using Microsoft.Extensions.Options;
using Mosaic.Platform.Configuration;

namespace Mosaic.Platform.Storage;

public static class StorageExtensions
{
    /// <summary>Registers <see cref="IObjectStore"/>: the folder <c>objects</c> under the data path, or the configured S3 bucket.</summary>
    public static IServiceCollection AddObjectStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);
        services.AddSingleton<IObjectStore>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.ParsedProvider == StorageProvider.S3
                ? new S3ObjectStore(storage.S3)
                : new FileSystemObjectStore(FileSystemRoot(sp.GetRequiredService<IOptions<MosaicOptions>>().Value));
        });
        return services;
    }

    public static string FileSystemRoot(MosaicOptions mosaic) => Path.Combine(mosaic.FullDataPath, "objects");
}
