using Mosaic.Platform.Jobs;

namespace Mosaic.Platform.Storage;

/// <summary>A feature that keeps objects in the store says which of a batch of keys it still refers to.</summary>
public interface IStoredObjectReferences
{
    Task<IReadOnlyCollection<string>> ReferencedAsync(IReadOnlyCollection<string> keys, CancellationToken ct);
}

/// <summary>
/// The <c>storage.sweep</c> job: deletes stored objects no feature refers to and older than a grace period (an
/// upload in flight has stored its file but not yet committed its row). Catches whatever a crash let slip through.
/// </summary>
public sealed partial class StorageSweeper(IObjectStore store, IEnumerable<IStoredObjectReferences> owners, TimeProvider clock, ILogger<StorageSweeper> logger) : IJobHandler
{
    public const string Job = "storage.sweep";
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    public async Task HandleAsync(JobContext context, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - Grace;
        var removed = 0;
        var batch = new List<string>(200);
        await foreach (var item in store.ListAsync("", ct))
        {
            if (item.LastModified < cutoff)
            {
                batch.Add(item.Key);
            }
            if (batch.Count == batch.Capacity)
            {
                removed += await SweepAsync(batch, ct);
                batch.Clear();
            }
        }
        removed += await SweepAsync(batch, ct);
        Swept(logger, removed);
    }

    private async Task<int> SweepAsync(List<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return 0;
        }
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            referenced.UnionWith(await owner.ReferencedAsync(keys, ct));
        }
        var orphans = keys.Where(k => !referenced.Contains(k)).ToList();
        foreach (var key in orphans)
        {
            await store.DeleteAsync(key, ct);
        }
        return orphans.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage sweep removed {Count} unreferenced objects")]
    private static partial void Swept(ILogger logger, int count);
}

/// <summary>Enqueues the sweep once an hour; the dedup key makes replicas agree on one run per hour.</summary>
public sealed class StorageSweepSchedule(IServiceScopeFactory scopes, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            var hour = clock.GetUtcNow().ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(StorageSweeper.Job, new { }, dedupKey: $"{StorageSweeper.Job}:{hour}", ct: stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
