using Microsoft.Extensions.Options;
using Mosaic.Platform.Data;

namespace Mosaic.Platform.Jobs;

/// <summary>
/// Runs queued jobs in <see cref="JobsOptions.Concurrency"/> slots, each claiming one job at a time. Stopping the host
/// stops the claiming at once; jobs already running get until the host's shutdown timeout, after which their leases
/// are handed back so another worker starts them again.
/// </summary>
public sealed partial class JobWorker(
    IServiceScopeFactory scopes,
    JobHandlerRegistry handlers,
    JobSignal signal,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<JobWorker> logger) : BackgroundService
{
    // Bookkeeping writes after a handler ends must land even while the host is stopping, but not hang it.
    private static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ErrorPause = TimeSpan.FromSeconds(5);

    /// <summary>Cancelled when the host stops waiting for running jobs; handlers see it through their token.</summary>
    private readonly CancellationTokenSource abandon = new();

    private readonly string instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled();
            return Task.CompletedTask;
        }
        if (handlers.Kinds.Count == 0)
        {
            LogNoHandlers();
            return Task.CompletedTask;
        }
        LogStarted(settings.Concurrency, string.Join(", ", handlers.Kinds));
        return Task.WhenAll(Enumerable.Range(1, settings.Concurrency).Select(slot => RunSlotAsync($"{instance}/{slot}", stoppingToken)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The base class stops waiting when the host's token fires, and the host then disposes the services the
        // slots need to hand their jobs back; instead, abandon the handlers then and wait for the hand-back.
        await using var registration = cancellationToken.Register(abandon.Cancel);
        await base.StopAsync(CancellationToken.None);
    }

    public override void Dispose()
    {
        abandon.Dispose();
        base.Dispose();
    }

    private async Task RunSlotAsync(string owner, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the claim, so a job committed after an empty claim still ends the wait below.
            var wake = signal.Next;
            bool worked;
            try
            {
                worked = await RunNextAsync(owner, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be down or restarting: keep trying, gently, rather than stop the host.
                LogSlotFailed(ex);
                await WaitAsync(null, ErrorPause, stoppingToken);
                continue;
            }
            if (!worked)
            {
                await WaitAsync(wake, options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Until <paramref name="wake"/> completes, <paramref name="timeout"/> passes or the host stops.</summary>
    private async Task WaitAsync(Task? wake, TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(timeout, time, poll.Token);
        await Task.WhenAny(wake ?? delay, delay);
        await poll.CancelAsync();
    }

    /// <summary>Claims one job and runs it to the end; false when nothing was due.</summary>
    internal async Task<bool> RunNextAsync(string owner, CancellationToken stoppingToken)
    {
        Job? job;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MosaicDbContext>();
            job = await JobLeases.ClaimAsync(db, owner, handlers.Kinds, time.GetUtcNow(), options.Value.LeaseDuration, stoppingToken);
            if (job is null)
            {
                return false;
            }
            if (job.Attempts > job.MaxAttempts)
            {
                // Its last attempt never reported back: the worker died or hung, possibly because of this very job.
                await JobLeases.BuryAsync(db, job.Id, owner, job.MaxAttempts,
                    $"The worker running attempt {job.MaxAttempts} of {job.MaxAttempts} stopped renewing its lease.", time.GetUtcNow(), stoppingToken);
                LogDead(job.Id, job.Kind, job.MaxAttempts, null);
                return true;
            }
        }
        await RunAsync(job, owner);
        return true;
    }

    private async Task RunAsync(Job job, string owner)
    {
        using var logScope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.Id, ["JobKind"] = job.Kind, ["Attempt"] = job.Attempts });
        using var handlerCancel = CancellationTokenSource.CreateLinkedTokenSource(abandon.Token);
        using var stopRenewing = new CancellationTokenSource();
        var started = time.GetTimestamp();

        var handling = Task.Run(() => HandleAsync(job, owner, handlerCancel.Token), CancellationToken.None);
        var renewing = RenewLeaseAsync(job.Id, owner, handlerCancel, stopRenewing.Token);
        Exception? error = null;
        try
        {
            await handling.WaitAsync(abandon.Token);
        }
        catch (Exception ex)
        {
            error = ex;
        }
        await stopRenewing.CancelAsync();
        await renewing;

        using var recordTimeout = new CancellationTokenSource(RecordTimeout);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MosaicDbContext>();
        var now = time.GetUtcNow();
        if (error is null)
        {
            if (await JobLeases.CompleteAsync(db, job.Id, owner, now, recordTimeout.Token))
            {
                LogSucceeded(job.Id, job.Kind, time.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                LogLeaseLostBeforeSuccess(job.Id, job.Kind);
            }
        }
        else if (abandon.IsCancellationRequested)
        {
            if (await JobLeases.ReleaseAsync(db, job.Id, owner, now, recordTimeout.Token))
            {
                LogReleased(job.Id, job.Kind);
            }
        }
        else if (handlerCancel.IsCancellationRequested)
        {
            // The renewal found the job no longer ours; its new owner records the outcome.
            LogAbandonedAfterLeaseLoss(job.Id, job.Kind);
        }
        else if (job.Attempts >= job.MaxAttempts)
        {
            await JobLeases.BuryAsync(db, job.Id, owner, job.Attempts, error.ToString(), now, recordTimeout.Token);
            LogDead(job.Id, job.Kind, job.Attempts, error);
        }
        else
        {
            var runAfter = now + JobLeases.Backoff(job.Attempts);
            await JobLeases.RetryLaterAsync(db, job.Id, owner, error.ToString(), runAfter, recordTimeout.Token);
            LogRetrying(job.Id, job.Kind, job.Attempts, job.MaxAttempts, runAfter, error);
        }
    }

    private async Task HandleAsync(Job job, string owner, CancellationToken ct)
    {
        var handlerType = handlers.Find(job.Kind)
            ?? throw new InvalidOperationException($"No handler for job kind '{job.Kind}'.");
        await using var scope = scopes.CreateAsyncScope();
        var handler = (IJobHandler)scope.ServiceProvider.GetRequiredService(handlerType);
        var context = new JobContext(job.Id, job.Kind, job.Attempts, job.MaxAttempts, job.Payload,
            (text, progressCt) => ReportProgressAsync(job.Id, owner, text, progressCt));
        await handler.HandleAsync(context, ct);
    }

    private async Task ReportProgressAsync(long id, string owner, string text, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await JobLeases.ReportProgressAsync(scope.ServiceProvider.GetRequiredService<MosaicDbContext>(), id, owner, text, ct);
    }

    /// <summary>Extends the lease every third of its length; if the job is no longer ours, cancels the handler.</summary>
    private async Task RenewLeaseAsync(long id, string owner, CancellationTokenSource handlerCancel, CancellationToken stop)
    {
        var lease = options.Value.LeaseDuration;
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, time, stop);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<MosaicDbContext>();
                    if (!await JobLeases.RenewAsync(db, id, owner, time.GetUtcNow() + lease, stop))
                    {
                        LogLeaseLost(id);
                        await handlerCancel.CancelAsync();
                        return;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A missed renewal is retried at the next tick; the lease has two more thirds to run.
                    LogRenewFailed(id, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job workers are disabled (Mosaic:Jobs:Enabled is false)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "No job handlers are registered; no job workers run in this process")]
    private partial void LogNoHandlers();

    [LoggerMessage(Level = LogLevel.Information, Message = "Job workers started: {Concurrency} slots for {Kinds}")]
    private partial void LogStarted(int concurrency, string kinds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A job worker slot hit an error; it tries again in a few seconds")]
    private partial void LogSlotFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) succeeded in {ElapsedMs:0} ms")]
    private partial void LogSucceeded(long jobId, string kind, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) failed on attempt {Attempt} of {MaxAttempts}; retrying after {RunAfter:O}")]
    private partial void LogRetrying(long jobId, string kind, int attempt, int maxAttempts, DateTimeOffset runAfter, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} ({Kind}) is dead after {Attempts} attempts")]
    private partial void LogDead(long jobId, string kind, int attempts, Exception? exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) did not finish before shutdown; its lease was released")]
    private partial void LogReleased(long jobId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} lost its lease to another worker; its handler was cancelled")]
    private partial void LogLeaseLost(long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) finished after its lease was lost; its new owner will run it again")]
    private partial void LogLeaseLostBeforeSuccess(long jobId, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) was stopped after losing its lease")]
    private partial void LogAbandonedAfterLeaseLoss(long jobId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the lease of job {JobId}")]
    private partial void LogRenewFailed(long jobId, Exception exception);
}
