using Mosaic.Platform.Data;
using Mosaic.Platform.Jobs;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Jobs;

[Collection(JobsCollection.Name)]
public sealed class JobWorkerTests(Servers databases)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory, BothDatabases]
    public async Task A_failing_job_backs_off_exponentially_then_is_dead_after_max_attempts(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("fail");
        var log = new RunLog();
        var clock = new ManualClock();
        await using var host = new JobHost(databases.For(provider), s => s.AddSingleton(log).AddJobHandler<FailingHandler>(kind), clock,
            new Dictionary<string, string?> { ["Mosaic:Jobs:MaxAttempts"] = "3" });
        var id = (await host.EnqueueAsync(kind, new CountPayload(1))).Id;

        await host.RunNextAsync();
        var afterFirst = await host.GetAsync(id);
        var tooEarly = await host.RunNextAsync();
        clock.Advance(TimeSpan.FromSeconds(3));
        await host.RunNextAsync();
        var afterSecond = await host.GetAsync(id);
        clock.Advance(TimeSpan.FromSeconds(5));
        await host.RunNextAsync();
        var afterThird = await host.GetAsync(id);
        clock.Advance(TimeSpan.FromHours(2));
        var afterDeath = await host.RunNextAsync();

        Assert.Equal((JobStatus.Pending, 1, 3), (afterFirst.Status, afterFirst.Attempts, afterFirst.MaxAttempts));
        AssertBetween(afterFirst.RunAfter - afterFirst.CreatedAt, TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2.4));
        Assert.Contains("boom on attempt 1", afterFirst.LastError, StringComparison.Ordinal);
        Assert.False(tooEarly);
        Assert.Equal((JobStatus.Pending, 2), (afterSecond.Status, afterSecond.Attempts));
        AssertBetween(afterSecond.RunAfter - afterFirst.CreatedAt - TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.2), TimeSpan.FromSeconds(4.8));
        Assert.Equal((JobStatus.Dead, 3), (afterThird.Status, afterThird.Attempts));
        Assert.Contains("boom on attempt 3", afterThird.LastError, StringComparison.Ordinal);
        Assert.NotNull(afterThird.CompletedAt);
        Assert.False(afterDeath);
        Assert.Equal(new[] { 1, 2, 3 }, log.Runs.Select(r => r.Attempt));
    }

    [Theory, BothDatabases]
    public async Task A_dead_job_retried_by_the_operator_runs_again_with_fresh_attempts(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("revive");
        var clock = new ManualClock();
        await using var host = new JobHost(databases.For(provider), s => s.AddSingleton(new RunLog()).AddJobHandler<FailingHandler>(kind), clock,
            new Dictionary<string, string?> { ["Mosaic:Jobs:MaxAttempts"] = "1" });
        var single = (await host.EnqueueAsync(kind, new CountPayload(1))).Id;
        var bulk = (await host.EnqueueAsync(kind, new CountPayload(2))).Id;
        await host.RunNextAsync();
        await host.RunNextAsync();

        var notFound = await host.QueueAsync(q => q.RetryAsync(long.MaxValue));
        var retried = await host.QueueAsync(q => q.RetryAsync(single));
        var notDead = await host.QueueAsync(q => q.RetryAsync(single));
        var retriedInBulk = await host.QueueAsync(q => q.RetryDeadAsync(kind));

        Assert.Equal((RetryOutcome.NotFound, RetryOutcome.Retried, RetryOutcome.NotDead, 1), (notFound, retried, notDead, retriedInBulk));
        foreach (var id in new[] { single, bulk })
        {
            var job = await host.GetAsync(id);
            Assert.Equal((JobStatus.Pending, 0, clock.GetUtcNow()), (job.Status, job.Attempts, job.RunAfter));
            Assert.Null(job.CompletedAt);
        }
    }

    [Theory, BothDatabases]
    public async Task Retrying_dead_jobs_skips_work_already_queued_under_the_same_dedup_key(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("superseded");
        var key = "post:" + Guid.NewGuid().ToString("N");
        await using var host = new JobHost(databases.For(provider), s => s.AddSingleton(new RunLog()).AddJobHandler<FailingHandler>(kind), null,
            new Dictionary<string, string?> { ["Mosaic:Jobs:MaxAttempts"] = "1" });
        var older = (await host.EnqueueAsync(kind, new CountPayload(1), key)).Id;
        await host.RunNextAsync();
        var newer = (await host.EnqueueAsync(kind, new CountPayload(2), key)).Id;
        await host.RunNextAsync();
        var queued = (await host.EnqueueAsync(kind, new CountPayload(3), key)).Id;

        var single = await host.QueueAsync(q => q.RetryAsync(older));
        var bulk = await host.QueueAsync(q => q.RetryDeadAsync(kind));

        Assert.Equal((RetryOutcome.Superseded, 0), (single, bulk));
        Assert.Equal(JobStatus.Dead, (await host.GetAsync(older)).Status);
        Assert.Equal(JobStatus.Dead, (await host.GetAsync(newer)).Status);
        Assert.Equal(JobStatus.Pending, (await host.GetAsync(queued)).Status);
    }

    [Theory, BothDatabases]
    public async Task Two_workers_racing_for_the_same_jobs_run_each_exactly_once(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("race");
        var log = new RunLog();
        var settings = new Dictionary<string, string?> { ["Mosaic:Jobs:Concurrency"] = "3", ["Mosaic:Jobs:PollInterval"] = "00:00:00.05" };
        await using var first = new JobHost(databases.For(provider), s => s.AddSingleton(log).AddJobHandler<RecordingHandler>(kind), settings: settings);
        await using var second = new JobHost(databases.For(provider), s => s.AddSingleton(log).AddJobHandler<RecordingHandler>(kind), settings: settings);
        var ids = new List<long>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add((await first.EnqueueAsync(kind, new CountPayload(i))).Id);
        }

        await first.Worker.StartAsync(CancellationToken.None);
        await second.Worker.StartAsync(CancellationToken.None);
        await WaitUntilAsync(async () => (await first.QueueAsync(q => q.CountByStatusAsync(kind)))[JobStatus.Succeeded] == 50);
        await first.Worker.StopAsync(CancellationToken.None);
        await second.Worker.StopAsync(CancellationToken.None);

        Assert.Empty(log.Overlaps);
        Assert.Equal(ids.Order(), log.Runs.Select(r => r.JobId).Order());
        Assert.All(log.Runs, r => Assert.Equal(1, r.Attempt));
    }

    [Theory, BothDatabases]
    public async Task A_job_whose_worker_died_is_reclaimed_after_its_lease_expires(DatabaseProvider provider)
    {
        var factory = databases.For(provider);
        var kind = JobHost.NewKind("reclaim");
        var log = new RunLog();
        var clock = new ManualClock();
        await using var host = new JobHost(factory, s => s.AddSingleton(log).AddJobHandler<RecordingHandler>(kind), clock);
        var id = (await host.EnqueueAsync(kind, new CountPayload(1))).Id;
        await using (var db = factory.CreateDbContext())
        {
            var crashed = await JobLeases.ClaimAsync(db, "crashed/1", [kind], clock.GetUtcNow(), TimeSpan.FromMinutes(2), CancellationToken.None);
            Assert.Equal(id, crashed?.Id);
        }

        var whileLeased = await host.RunNextAsync();
        clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var afterExpiry = await host.RunNextAsync();
        bool lateCompletion;
        await using (var db = factory.CreateDbContext())
        {
            lateCompletion = await JobLeases.CompleteAsync(db, id, "crashed/1", clock.GetUtcNow(), CancellationToken.None);
        }

        Assert.False(whileLeased);
        Assert.True(afterExpiry);
        Assert.False(lateCompletion);
        Assert.Equal(2, Assert.Single(log.Runs).Attempt);
        var job = await host.GetAsync(id);
        Assert.Equal((JobStatus.Succeeded, 2), (job.Status, job.Attempts));
    }

    [Theory, BothDatabases]
    public async Task A_long_job_keeps_its_lease_renewed_so_no_other_worker_takes_it(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("renew");
        var log = new RunLog();
        var settings = new Dictionary<string, string?> { ["Mosaic:Jobs:LeaseDuration"] = "00:00:03", ["Mosaic:Jobs:Concurrency"] = "1" };
        await using var owner = new JobHost(databases.For(provider), s => s.AddSingleton(log).AddJobHandler<BlockingHandler>(kind), settings: settings);
        await using var rival = new JobHost(databases.For(provider), s => s.AddSingleton(log).AddJobHandler<BlockingHandler>(kind), settings: settings);
        await owner.Worker.StartAsync(CancellationToken.None);
        var id = (await owner.EnqueueAsync(kind, new CountPayload(1))).Id;
        await log.Started.Task.WaitAsync(Patience);

        var rivalClaims = 0;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (DateTime.UtcNow < until)
        {
            // A claim by the rival would block in the handler: the timeout turns that into a failure.
            rivalClaims += await rival.RunNextAsync("rival/1").WaitAsync(TimeSpan.FromSeconds(5)) ? 1 : 0;
            await Task.Delay(250);
        }
        log.Release.TrySetResult();
        await WaitUntilAsync(async () => (await owner.GetAsync(id)).Status == JobStatus.Succeeded);
        await owner.Worker.StopAsync(CancellationToken.None);

        Assert.Equal(0, rivalClaims);
        Assert.Single(log.Runs);
        Assert.Equal(1, (await owner.GetAsync(id)).Attempts);
    }

    [Theory, BothDatabases]
    public async Task A_job_whose_worker_died_on_its_last_attempt_is_dead_without_running_again(DatabaseProvider provider)
    {
        var factory = databases.For(provider);
        var kind = JobHost.NewKind("last-crash");
        var log = new RunLog();
        var clock = new ManualClock();
        await using var host = new JobHost(factory, s => s.AddSingleton(log).AddJobHandler<RecordingHandler>(kind), clock,
            new Dictionary<string, string?> { ["Mosaic:Jobs:MaxAttempts"] = "1" });
        var id = (await host.EnqueueAsync(kind, new CountPayload(1))).Id;
        await using (var db = factory.CreateDbContext())
        {
            await JobLeases.ClaimAsync(db, "crashed/1", [kind], clock.GetUtcNow(), TimeSpan.FromMinutes(2), CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromMinutes(3));
        await host.RunNextAsync();

        Assert.Empty(log.Runs);
        var job = await host.GetAsync(id);
        Assert.Equal((JobStatus.Dead, 1), (job.Status, job.Attempts));
        Assert.Contains("lease", job.LastError, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Stopping_the_host_releases_the_lease_of_a_job_that_does_not_finish_in_time(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("release");
        var log = new RunLog();
        await using var host = new JobHost(databases.For(provider), s => s.AddSingleton(log).AddJobHandler<BlockingHandler>(kind));
        await host.Worker.StartAsync(CancellationToken.None);
        var id = (await host.EnqueueAsync(kind, new CountPayload(1))).Id;
        await log.Started.Task.WaitAsync(Patience);
        var running = await host.GetAsync(id);

        using var shutdownTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await host.Worker.StopAsync(shutdownTimeout.Token);

        Assert.Equal((JobStatus.Running, "waiting for the test"), (running.Status, running.Progress));
        await log.Cancelled.Task.WaitAsync(Patience);
        var released = await host.GetAsync(id);
        Assert.Equal((JobStatus.Pending, 0), (released.Status, released.Attempts));
        Assert.Null(released.LeaseOwner);
        Assert.Null(released.LeaseUntil);
    }

    [Theory, BothDatabases]
    public async Task Stopping_the_host_lets_a_running_job_finish_and_claims_no_more(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("drain");
        var log = new RunLog();
        await using var host = new JobHost(databases.For(provider), s => s.AddSingleton(log).AddJobHandler<BlockingHandler>(kind), settings:
            new Dictionary<string, string?> { ["Mosaic:Jobs:Concurrency"] = "1", ["Mosaic:Jobs:PollInterval"] = "00:00:00.05" });
        await host.Worker.StartAsync(CancellationToken.None);
        var running = (await host.EnqueueAsync(kind, new CountPayload(1))).Id;
        await log.Started.Task.WaitAsync(Patience);

        var stopping = host.Worker.StopAsync(CancellationToken.None);
        var waiting = (await host.EnqueueAsync(kind, new CountPayload(2))).Id;
        log.Release.TrySetResult();
        await stopping.WaitAsync(Patience);

        Assert.False(log.Cancelled.Task.IsCompleted);
        Assert.Equal(JobStatus.Succeeded, (await host.GetAsync(running)).Status);
        var left = await host.GetAsync(waiting);
        Assert.Equal((JobStatus.Pending, 0), (left.Status, left.Attempts));
    }

    [Theory, BothDatabases]
    public async Task A_job_committed_in_this_process_wakes_an_idle_worker_without_waiting_for_the_poll(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("wake");
        var log = new RunLog();
        await using var host = new JobHost(databases.For(provider), s => s.AddSingleton(log).AddJobHandler<RecordingHandler>(kind), settings:
            new Dictionary<string, string?> { ["Mosaic:Jobs:PollInterval"] = "00:10:00" });
        await host.Worker.StartAsync(CancellationToken.None);
        // Let both slots find the queue empty and go to sleep for the (long) poll interval.
        await Task.Delay(500);

        var saved = await host.EnqueueAsync(kind, new CountPayload(1));
        await WaitUntilAsync(() => Task.FromResult(log.Runs.Count == 1), TimeSpan.FromSeconds(10));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MosaicDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            scope.ServiceProvider.GetRequiredService<JobQueue>().Enqueue(kind, new CountPayload(2));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        await WaitUntilAsync(() => Task.FromResult(log.Runs.Count == 2), TimeSpan.FromSeconds(10));
        await host.Worker.StopAsync(CancellationToken.None);

        Assert.Contains(log.Runs, r => r.JobId == saved.Id);
    }

    private static void AssertBetween(TimeSpan actual, TimeSpan low, TimeSpan high) =>
        Assert.True(actual >= low && actual <= high, $"{actual} is not between {low} and {high}");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Patience);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the jobs.");
            await Task.Delay(50);
        }
    }
}
