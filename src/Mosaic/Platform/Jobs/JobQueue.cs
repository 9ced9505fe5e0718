using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Data;

namespace Mosaic.Platform.Jobs;

public enum RetryOutcome
{
    Retried,
    NotFound,
    NotDead,

    /// <summary>A newer pending or running job holds the same dedup key and does the same work.</summary>
    Superseded,
}

/// <summary>Puts work on the durable queue and answers what the queue holds.</summary>
public sealed class JobQueue(MosaicDbContext db, TimeProvider time, IOptions<JobsOptions> options)
{
    internal static readonly JsonSerializerOptions PayloadJsonOptions = JsonSerializerOptions.Web;

    /// <summary>
    /// Adds a job to the context without saving, so the caller's own SaveChanges (or transaction) commits it together
    /// with the rows it is about: a post and the job that processes it exist both or neither. With a
    /// <paramref name="dedupKey"/> that an unfinished job already holds, that SaveChanges fails on the unique index:
    /// give a key here only when it is new by construction (derived from a row inserted in the same save), otherwise
    /// use <see cref="EnqueueAsync"/>.
    /// </summary>
    public Job Enqueue(string kind, object payload, string? dedupKey = null, DateTimeOffset? runAfter = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kind.Length, Job.KindMaxLength, nameof(kind));
        ArgumentNullException.ThrowIfNull(payload);
        if (dedupKey is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(dedupKey);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(dedupKey.Length, Job.DedupKeyMaxLength, nameof(dedupKey));
        }
        var now = time.GetUtcNow();
        var job = new Job
        {
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, payload.GetType(), PayloadJsonOptions),
            Status = JobStatus.Pending,
            MaxAttempts = options.Value.MaxAttempts,
            RunAfter = (runAfter ?? now).ToUniversalTime(),
            DedupKey = dedupKey,
            CreatedAt = now,
        };
        db.Set<Job>().Add(job);
        return job;
    }

    /// <summary>
    /// Adds a job and saves, together with anything else pending in the context (inside the caller's transaction
    /// if one is open). When an unfinished job already holds <paramref name="dedupKey"/>, nothing is added and that
    /// job is returned.
    /// </summary>
    public async Task<Job> EnqueueAsync(string kind, object payload, string? dedupKey = null, DateTimeOffset? runAfter = null, CancellationToken ct = default)
    {
        if (dedupKey is not null && await FindUnfinishedAsync(dedupKey, ct) is { } existing)
        {
            return existing;
        }
        var job = Enqueue(kind, payload, dedupKey, runAfter);
        try
        {
            await db.SaveChangesAsync(ct);
            return job;
        }
        catch (DbUpdateException) when (dedupKey is not null)
        {
            // Another process enqueued the same key between the lookup and the insert. EF rolled the save back
            // (to a savepoint inside a caller's transaction), so the caller's other changes are saved again without the job.
            db.Entry(job).State = EntityState.Detached;
            var winner = await FindUnfinishedAsync(dedupKey, ct);
            if (winner is null)
            {
                throw;
            }
            await db.SaveChangesAsync(ct);
            return winner;
        }
    }

    public Task<Job?> FindAsync(long id, CancellationToken ct = default) =>
        db.Set<Job>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);

    /// <summary>The newest jobs first.</summary>
    public Task<List<Job>> ListAsync(JobStatus? status = null, string? kind = null, int limit = 50, CancellationToken ct = default)
    {
        var jobs = db.Set<Job>().AsNoTracking();
        if (status is { } s)
        {
            jobs = jobs.Where(j => j.Status == s);
        }
        if (kind is not null)
        {
            jobs = jobs.Where(j => j.Kind == kind);
        }
        return jobs.OrderByDescending(j => j.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>How many jobs are in each status, every status present.</summary>
    public async Task<IReadOnlyDictionary<JobStatus, int>> CountByStatusAsync(string? kind = null, CancellationToken ct = default)
    {
        var jobs = db.Set<Job>().AsNoTracking();
        if (kind is not null)
        {
            jobs = jobs.Where(j => j.Kind == kind);
        }
        var counts = await jobs.GroupBy(j => j.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<JobStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0);
    }

    /// <summary>Makes a dead job pending again with its attempts reset.</summary>
    public async Task<RetryOutcome> RetryAsync(long id, CancellationToken ct = default)
    {
        var job = await FindAsync(id, ct);
        if (job is null)
        {
            return RetryOutcome.NotFound;
        }
        if (job.Status != JobStatus.Dead)
        {
            return RetryOutcome.NotDead;
        }
        if (job.DedupKey is not null && await FindUnfinishedAsync(job.DedupKey, ct) is not null)
        {
            return RetryOutcome.Superseded;
        }
        var revived = await db.Set<Job>().Where(j => j.Id == id && j.Status == JobStatus.Dead).ExecuteUpdateAsync(Revive(time.GetUtcNow()), ct);
        return revived == 1 ? RetryOutcome.Retried : RetryOutcome.NotDead;
    }

    /// <summary>
    /// Makes every dead job pending again, except where the same work is already queued: a dead job whose dedup
    /// key an unfinished job holds, or an older dead job with the same key as a newer one. Returns how many were revived.
    /// </summary>
    public Task<int> RetryDeadAsync(string? kind = null, CancellationToken ct = default)
    {
        var jobs = db.Set<Job>();
        var dead = jobs.Where(j => j.Status == JobStatus.Dead && (j.DedupKey == null || !jobs.Any(o =>
            o.DedupKey == j.DedupKey && o.Id != j.Id &&
            (o.Status == JobStatus.Pending || o.Status == JobStatus.Running || (o.Status == JobStatus.Dead && o.Id > j.Id)))));
        if (kind is not null)
        {
            dead = dead.Where(j => j.Kind == kind);
        }
        return dead.ExecuteUpdateAsync(Revive(time.GetUtcNow()), ct);
    }

    private async Task<Job?> FindUnfinishedAsync(string dedupKey, CancellationToken ct) =>
        db.ChangeTracker.Entries<Job>().FirstOrDefault(e => e.State == EntityState.Added && e.Entity.DedupKey == dedupKey)?.Entity
        ?? await db.Set<Job>().FirstOrDefaultAsync(j => j.DedupKey == dedupKey && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running), ct);

    private static Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<Job>> Revive(DateTimeOffset now) => s => s
        .SetProperty(j => j.Status, JobStatus.Pending)
        .SetProperty(j => j.Attempts, 0)
        .SetProperty(j => j.RunAfter, now)
        .SetProperty(j => j.CompletedAt, (DateTimeOffset?)null)
        .SetProperty(j => j.Progress, (string?)null);
}
