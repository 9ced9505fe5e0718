using Microsoft.EntityFrameworkCore;
using Mosaic.Platform.Data;

namespace Mosaic.Platform.Jobs;

/// <summary>
/// The claim and every later change of a claimed job. Each change names the lease owner in its WHERE clause, so a
/// worker that lost its lease (it stalled, another worker reclaimed the job) cannot overwrite the new owner's result.
/// </summary>
internal static class JobLeases
{
    private const string Pending = nameof(JobStatus.Pending);
    private const string Running = nameof(JobStatus.Running);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <summary>
    /// Takes one job for <paramref name="owner"/>: first a running job whose lease has expired (its worker died),
    /// then the due pending job that waited longest. Attempts are counted here, so a job that kills its worker
    /// still runs out of them; the caller buries a reclaimed job that is past <see cref="Job.MaxAttempts"/>.
    /// </summary>
    public static async Task<Job?> ClaimAsync(MosaicDbContext db, string owner, IReadOnlyList<string> kinds, DateTimeOffset now, TimeSpan lease, CancellationToken ct) =>
        await ClaimAsync(db, owner, kinds, now, lease, expired: true, ct)
        ?? await ClaimAsync(db, owner, kinds, now, lease, expired: false, ct);

    private static async Task<Job?> ClaimAsync(MosaicDbContext db, string owner, IReadOnlyList<string> kinds, DateTimeOffset now, TimeSpan lease, bool expired, CancellationToken ct)
    {
        var until = now + lease;
        // Two single statements rather than one with OR, so each walks its own index in order and stops at the first row.
        var query = db.Database.IsNpgsql()
            ? expired
                ? db.Set<Job>().FromSql($"""
                    UPDATE "Jobs" SET "Status" = {Running}, "Attempts" = "Attempts" + 1, "LeaseOwner" = {owner}, "LeaseUntil" = {until}
                    WHERE "Id" = (
                        SELECT "Id" FROM "Jobs"
                        WHERE "Status" = {Running} AND "LeaseUntil" < {now} AND "Kind" = ANY({kinds.ToArray()})
                        ORDER BY "LeaseUntil"
                        LIMIT 1
                        FOR UPDATE SKIP LOCKED)
                    RETURNING *
                    """)
                : db.Set<Job>().FromSql($"""
                    UPDATE "Jobs" SET "Status" = {Running}, "Attempts" = "Attempts" + 1, "LeaseOwner" = {owner}, "LeaseUntil" = {until}
                    WHERE "Id" = (
                        SELECT "Id" FROM "Jobs"
                        WHERE "Status" = {Pending} AND "RunAfter" <= {now} AND "Kind" = ANY({kinds.ToArray()})
                        ORDER BY "RunAfter"
                        LIMIT 1
                        FOR UPDATE SKIP LOCKED)
                    RETURNING *
                    """)
            // SQLite runs the whole statement under its one write lock, so the inner SELECT and the UPDATE cannot
            // interleave with another claim. Instants are the UTC ticks MosaicDbContext stores there; RETURNING needs
            // SQLite 3.35 (the bundled e_sqlite3 is 3.50).
            : expired
                ? db.Set<Job>().FromSql($"""
                    UPDATE "Jobs" SET "Status" = {Running}, "Attempts" = "Attempts" + 1, "LeaseOwner" = {owner}, "LeaseUntil" = {until.UtcTicks}
                    WHERE "Id" = (
                        SELECT "Id" FROM "Jobs"
                        WHERE "Status" = {Running} AND "LeaseUntil" < {now.UtcTicks} AND "Kind" IN (SELECT "value" FROM json_each({KindsJson(kinds)}))
                        ORDER BY "LeaseUntil"
                        LIMIT 1)
                    RETURNING *
                    """)
                : db.Set<Job>().FromSql($"""
                    UPDATE "Jobs" SET "Status" = {Running}, "Attempts" = "Attempts" + 1, "LeaseOwner" = {owner}, "LeaseUntil" = {until.UtcTicks}
                    WHERE "Id" = (
                        SELECT "Id" FROM "Jobs"
                        WHERE "Status" = {Pending} AND "RunAfter" <= {now.UtcTicks} AND "Kind" IN (SELECT "value" FROM json_each({KindsJson(kinds)}))
                        ORDER BY "RunAfter"
                        LIMIT 1)
                    RETURNING *
                    """);
        var claimed = await query.AsNoTracking().ToListAsync(ct);
        return claimed.Count == 0 ? null : claimed[0];
    }

    public static async Task<bool> RenewAsync(MosaicDbContext db, long id, string owner, DateTimeOffset until, CancellationToken ct) =>
        await Owned(db, id, owner).ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until), ct) == 1;

    public static async Task<bool> ReportProgressAsync(MosaicDbContext db, long id, string owner, string text, CancellationToken ct) =>
        await Owned(db, id, owner).ExecuteUpdateAsync(s => s.SetProperty(j => j.Progress, Truncate(text, Job.ProgressMaxLength)), ct) == 1;

    public static async Task<bool> CompleteAsync(MosaicDbContext db, long id, string owner, DateTimeOffset now, CancellationToken ct) =>
        await Owned(db, id, owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Succeeded)
            .SetProperty(j => j.CompletedAt, now)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), ct) == 1;

    /// <summary>Schedules the next attempt after a failure.</summary>
    public static async Task<bool> RetryLaterAsync(MosaicDbContext db, long id, string owner, string error, DateTimeOffset runAfter, CancellationToken ct) =>
        await Owned(db, id, owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Pending)
            .SetProperty(j => j.RunAfter, runAfter)
            .SetProperty(j => j.LastError, Truncate(error, Job.LastErrorMaxLength))
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), ct) == 1;

    /// <summary>Gives up on a job: it stays dead until an operator runs <c>mosaic jobs retry</c>.</summary>
    public static async Task<bool> BuryAsync(MosaicDbContext db, long id, string owner, int attempts, string error, DateTimeOffset now, CancellationToken ct) =>
        await Owned(db, id, owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Dead)
            .SetProperty(j => j.Attempts, attempts)
            .SetProperty(j => j.CompletedAt, now)
            .SetProperty(j => j.LastError, Truncate(error, Job.LastErrorMaxLength))
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), ct) == 1;

    /// <summary>Hands an unfinished job back at shutdown; the interrupted run does not count as an attempt.</summary>
    public static async Task<bool> ReleaseAsync(MosaicDbContext db, long id, string owner, DateTimeOffset now, CancellationToken ct) =>
        await Owned(db, id, owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Pending)
            .SetProperty(j => j.Attempts, j => j.Attempts - 1)
            .SetProperty(j => j.RunAfter, now)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), ct) == 1;

    /// <summary>2^attempt seconds, at most an hour, spread by ±20% so jobs that failed together do not retry together.</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var seconds = Math.Min(Math.Pow(2, Math.Max(attempt, 1)), MaxBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    public static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static IQueryable<Job> Owned(MosaicDbContext db, long id, string owner) =>
        db.Set<Job>().Where(j => j.Id == id && j.Status == JobStatus.Running && j.LeaseOwner == owner);

    private static string KindsJson(IReadOnlyList<string> kinds) => System.Text.Json.JsonSerializer.Serialize(kinds);
}
