using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mosaic.Platform.Jobs;

/// <summary>
/// Where a job is in its life. A failed attempt that will be retried is <see cref="Pending"/> again with
/// <see cref="Job.RunAfter"/> in the future; <see cref="Dead"/> is a failure that will not be retried by itself.
/// </summary>
public enum JobStatus
{
    Pending,
    Running,
    Succeeded,
    Dead,
}

/// <summary>One unit of background work, durable in the database and delivered at least once.</summary>
public sealed class Job
{
    public const int KindMaxLength = 100;
    public const int DedupKeyMaxLength = 200;
    public const int LeaseOwnerMaxLength = 200;
    public const int LastErrorMaxLength = 4000;
    public const int ProgressMaxLength = 500;

    public long Id { get; set; }

    /// <summary>Names the handler, e.g. <c>media.process</c>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The handler's input as JSON.</summary>
    public string Payload { get; set; } = "{}";

    public JobStatus Status { get; set; }

    /// <summary>How many times a worker has started the job, counted when it is claimed so that a job which kills its worker still runs out of attempts.</summary>
    public int Attempts { get; set; }

    public int MaxAttempts { get; set; }

    /// <summary>Not claimed before this instant: the enqueue time, a schedule, or the end of a retry's backoff.</summary>
    public DateTimeOffset RunAfter { get; set; }

    /// <summary>The worker slot that claimed the job while <see cref="Status"/> is <see cref="JobStatus.Running"/>.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>A running job whose lease has passed belongs to whichever worker claims it next.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    /// <summary>Free text the handler reports while it runs, for <c>mosaic jobs list</c>.</summary>
    public string? Progress { get; set; }

    /// <summary>At most one pending or running job holds a given key; enqueueing it again returns that job.</summary>
    public string? DedupKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("Jobs");
        builder.Property(j => j.Kind).HasMaxLength(Job.KindMaxLength);
        // Stored by name so the claim SQL and an operator's ad-hoc queries read the same words as the code.
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.LeaseOwner).HasMaxLength(Job.LeaseOwnerMaxLength);
        builder.Property(j => j.LastError).HasMaxLength(Job.LastErrorMaxLength);
        builder.Property(j => j.Progress).HasMaxLength(Job.ProgressMaxLength);
        builder.Property(j => j.DedupKey).HasMaxLength(Job.DedupKeyMaxLength);

        // The claim: due pending jobs in RunAfter order.
        builder.HasIndex(j => new { j.Status, j.RunAfter });
        // Running jobs whose worker stopped renewing.
        builder.HasIndex(j => new { j.Status, j.LeaseUntil });
        // Unique only while unfinished, so a finished job's key can be enqueued again (a post reprocessed later)
        // while a burst of identical requests still makes one job. Both databases support partial indexes, and
        // double-quoted identifiers read the same in both.
        builder.HasIndex(j => j.DedupKey)
            .IsUnique()
            .HasFilter($"\"DedupKey\" IS NOT NULL AND \"Status\" IN ('{nameof(JobStatus.Pending)}', '{nameof(JobStatus.Running)}')");
    }
}
