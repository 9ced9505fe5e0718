using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Jobs;

namespace Mosaic.Platform.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers <see cref="IObjectStore"/> (the folder <c>objects</c> under the data path, or the configured S3 bucket)
    /// and the hourly sweep of objects no feature refers to (features register <see cref="IStoredObjectReferences"/>).
    /// </summary>
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
        services.TryAddSingleton(TimeProvider.System);
        services.AddJobHandler<StorageSweeper>(StorageSweeper.Job);
        services.AddHostedService<StorageSweepSchedule>();
        return services;
    }

    public static string FileSystemRoot(MosaicOptions mosaic) => Path.Combine(mosaic.FullDataPath, "objects");
}
