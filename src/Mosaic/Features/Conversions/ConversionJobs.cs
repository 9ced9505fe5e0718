using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Platform.Imaging;
using Mosaic.Platform.Jobs;
using Mosaic.Platform.Storage;

namespace Mosaic.Features.Conversions;

/// <summary>
/// The <c>conversions.run</c> job: applies the operation in the imaging host, stores the result and its "before"
/// under content-addressed keys, and drops the uploaded source. Idempotent: a done or failed conversion is left alone.
/// </summary>
public sealed class ConversionRunner(MosaicDbContext db, IObjectStore store, ImagingHost imaging, PostQueries posts, IOptions<ConversionsOptions> options, TimeProvider clock) : IJobHandler
{
    public async Task HandleAsync(JobContext context, CancellationToken ct)
    {
        var id = context.Payload<RunConversion>().ConversionId;
        var conversion = await db.Set<Conversion>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversion is null || conversion.Status != ConversionStatus.Pending)
        {
            return;
        }
        var (key, contentType) = conversion.SourceKey is { } sourceKey
            ? (sourceKey, conversion.SourceContentType)
            : await posts.OriginalOfAsync(conversion.SourcePostId!.Value, ct) ?? (null!, null!);
        byte[]? source = null;
        if (key is not null)
        {
            await using var stored = await store.OpenReadAsync(key, null, ct);
            if (stored is not null)
            {
                source = new byte[stored.Length];
                await stored.Content.ReadExactlyAsync(source, ct);
            }
        }
        if (source is null || ImageFormats.Sniff(source.AsSpan(0, Math.Min(source.Length, ImageFormats.SniffLength))) is not { } format)
        {
            await FinishAsync(conversion, "The source image is gone.", ct);
            return;
        }
        try
        {
            var result = await imaging.RunAsync(new ImagingRequest("convert", format, imaging.Limits, Conversion: new ConversionSpec(conversion.Operation, conversion.Amount)), source, ct);
            var after = result.Output("result");
            var before = result.Output("before");
            conversion.ResultKey = await StoreAsync(after, ct);
            conversion.BeforeKey = await StoreAsync(before, ct);
            conversion.ResultContentType = after.ContentType;
            conversion.ResultWidth = after.Width;
            conversion.ResultHeight = after.Height;
            await FinishAsync(conversion, null, ct);
        }
        catch (ImagingException ex) when (ex.Failure != ImagingFailure.HostFailed || context.IsLastAttempt)
        {
            await FinishAsync(conversion, ex.Message, ct);
        }
    }

    private async Task<string> StoreAsync(ImagingOutput output, CancellationToken ct)
    {
        var key = "conversions/results/" + ObjectKeys.ContentAddressed(SHA256.HashData(output.Bytes), output.ContentType == "image/png" ? "png" : "jpg");
        using var content = new MemoryStream(output.Bytes, writable: false);
        await store.PutAsync(key, content, output.ContentType, ct);
        return key;
    }

    private async Task FinishAsync(Conversion conversion, string? error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        conversion.Status = error is null ? ConversionStatus.Done : ConversionStatus.Failed;
        conversion.Error = error is { Length: > 500 } ? error[..500] : error;
        conversion.CompletedAt = now;
        // Anonymous results are a download, not a keepsake; signed-in people keep theirs in the gallery.
        conversion.ExpiresAt = conversion.UserId is null ? now + options.Value.Retention : null;
        var sourceKey = conversion.SourceKey;
        conversion.SourceKey = null;
        await db.SaveChangesAsync(ct);
        if (sourceKey is not null && !await db.Set<Conversion>().AnyAsync(c => c.SourceKey == sourceKey, ct))
        {
            await store.DeleteAsync(sourceKey, ct);
        }
    }
}

/// <summary>The <c>conversions.expire</c> job: removes expired conversions and the files no other conversion shares.</summary>
public sealed class ConversionExpiry(MosaicDbContext db, IObjectStore store, TimeProvider clock) : IJobHandler
{
    public const string Job = "conversions.expire";

    public async Task HandleAsync(JobContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await db.Set<Conversion>().Where(c => c.ExpiresAt != null && c.ExpiresAt <= now).Take(500).ToListAsync(ct);
        db.Set<Conversion>().RemoveRange(expired);
        await db.SaveChangesAsync(ct);
        await ConversionFiles.DeleteUnusedAsync(db, store, expired, ct);
    }
}

internal static class ConversionFiles
{
    public static async Task DeleteUnusedAsync(MosaicDbContext db, IObjectStore store, IEnumerable<Conversion> removed, CancellationToken ct)
    {
        var keys = removed.SelectMany(c => new[] { c.ResultKey, c.BeforeKey, c.SourceKey }).OfType<string>().Distinct().ToList();
        var stillUsed = await new ConversionStorageReferences(db).ReferencedAsync(keys, ct);
        foreach (var key in keys.Except(stillUsed))
        {
            await store.DeleteAsync(key, ct);
        }
    }
}

/// <summary>Which stored objects conversions still use.</summary>
internal sealed class ConversionStorageReferences(MosaicDbContext db) : IStoredObjectReferences
{
    public async Task<IReadOnlyCollection<string>> ReferencedAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var conversions = db.Set<Conversion>().AsNoTracking();
        var used = await conversions.Where(c => c.ResultKey != null && keys.Contains(c.ResultKey)).Select(c => c.ResultKey!).ToListAsync(ct);
        used.AddRange(await conversions.Where(c => c.BeforeKey != null && keys.Contains(c.BeforeKey)).Select(c => c.BeforeKey!).ToListAsync(ct));
        used.AddRange(await conversions.Where(c => c.SourceKey != null && keys.Contains(c.SourceKey)).Select(c => c.SourceKey!).ToListAsync(ct));
        return used;
    }
}

/// <summary>Enqueues the expiry sweep every minute; replicas agree through the dedup key.</summary>
public sealed class ConversionExpirySchedule(IServiceScopeFactory scopes, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(ConversionExpiry.Job, new { }, dedupKey: ConversionExpiry.Job, ct: stoppingToken);
        }
    }
}
