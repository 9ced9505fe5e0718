using Microsoft.Extensions.Options;

namespace Mosaic.Platform.Jobs;

public sealed class JobsOptions
{
    public const string Section = "Mosaic:Jobs";

    /// <summary>Whether this process runs job workers; a web-only replica turns them off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Jobs run at the same time by this process.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>How long a claim holds without renewal; a worker that dies loses its jobs to others after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an idle worker looks for jobs enqueued by other processes or coming due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts given to a new job before it is dead.</summary>
    public int MaxAttempts { get; set; } = 5;
}

internal sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var errors = new List<string>();
        if (options.Concurrency is < 1 or > 64) errors.Add($"{JobsOptions.Section}:Concurrency must be 1 to 64 (was {options.Concurrency}).");
        // Renewal runs every third of the lease, so a lease under a few seconds would be renewed in a busy loop.
        if (options.LeaseDuration < TimeSpan.FromSeconds(3)) errors.Add($"{JobsOptions.Section}:LeaseDuration must be at least 00:00:03 (was {options.LeaseDuration}).");
        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromHours(1)) errors.Add($"{JobsOptions.Section}:PollInterval must be more than 0 and at most 01:00:00 (was {options.PollInterval}).");
        if (options.MaxAttempts is < 1 or > 100) errors.Add($"{JobsOptions.Section}:MaxAttempts must be 1 to 100 (was {options.MaxAttempts}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
