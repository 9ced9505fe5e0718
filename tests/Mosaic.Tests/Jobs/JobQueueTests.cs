using Microsoft.EntityFrameworkCore;
using Mosaic.Platform.Data;
using Mosaic.Platform.Jobs;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Jobs;

[Collection(JobsCollection.Name)]
public sealed class JobQueueTests(Servers databases)
{
    [Theory, BothDatabases]
    public async Task An_enqueued_job_is_claimed_run_once_and_recorded_as_succeeded(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("record");
        var log = new RunLog();
        var clock = new ManualClock();
        await using var host = new JobHost(databases.For(provider), s => s.AddSingleton(log).AddJobHandler<RecordingHandler>(kind), clock);

        var enqueued = await host.EnqueueAsync(kind, new CountPayload(7));
        var ran = await host.RunNextAsync();
        var again = await host.RunNextAsync();

        Assert.True(ran);
        Assert.False(again);
        var run = Assert.Single(log.Runs);
        Assert.Equal(enqueued.Id, run.JobId);
        Assert.Equal(1, run.Attempt);
        Assert.Equal("""{"number":7}""", run.PayloadJson);
        var job = await host.GetAsync(enqueued.Id);
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(1, job.Attempts);
        Assert.Equal(5, job.MaxAttempts);
        Assert.Equal(clock.GetUtcNow(), job.CompletedAt);
        Assert.Null(job.LeaseOwner);
        Assert.Null(job.LeaseUntil);
    }

    [Theory, BothDatabases]
    public async Task The_handler_reads_its_payload_as_a_typed_record(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("typed");
        var log = new RunLog();
        await using var host = new JobHost(databases.For(provider), s => s.AddSingleton(log).AddJobHandler<RecordingHandler>(kind));

        await host.EnqueueAsync(kind, new CountPayload(42));
        await host.RunNextAsync();

        var run = Assert.Single(log.Runs);
        var context = new JobContext(run.JobId, kind, run.Attempt, 5, run.PayloadJson);
        Assert.Equal(new CountPayload(42), context.Payload<CountPayload>());
    }

    [Theory, BothDatabases]
    public async Task Enqueueing_a_dedup_key_of_an_unfinished_job_returns_that_job_and_a_finished_one_frees_the_key(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("dedup");
        var key = "post:" + Guid.NewGuid().ToString("N");
        await using var host = new JobHost(databases.For(provider), s => s.AddSingleton(new RunLog()).AddJobHandler<RecordingHandler>(kind));

        var first = await host.EnqueueAsync(kind, new CountPayload(1), key);
        var duplicate = await host.EnqueueAsync(kind, new CountPayload(2), key);
        await host.RunNextAsync();
        var afterSuccess = await host.EnqueueAsync(kind, new CountPayload(3), key);

        Assert.Equal(first.Id, duplicate.Id);
        Assert.NotEqual(first.Id, afterSuccess.Id);
        var jobs = await host.QueueAsync(q => q.ListAsync(kind: kind));
        Assert.Equal(2, jobs.Count);
        Assert.Equal(JobStatus.Succeeded, (await host.GetAsync(first.Id)).Status);
        Assert.Equal(JobStatus.Pending, (await host.GetAsync(afterSuccess.Id)).Status);
    }

    [Theory, BothDatabases]
    public async Task Parallel_enqueues_of_one_dedup_key_make_one_job(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("dedup-race");
        var key = "post:" + Guid.NewGuid().ToString("N");
        await using var host = new JobHost(databases.For(provider), _ => { });

        var jobs = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => host.EnqueueAsync(kind, new CountPayload(i), key))));

        Assert.Single(jobs.Select(j => j.Id).Distinct());
        Assert.Single(await host.QueueAsync(q => q.ListAsync(kind: kind)));
    }

    [Theory, BothDatabases]
    public async Task A_job_enqueued_in_a_callers_transaction_is_visible_only_after_commit(DatabaseProvider provider)
    {
        var factory = databases.For(provider);
        var kind = JobHost.NewKind("tx");
        var keyName = "tx-" + Guid.NewGuid().ToString("N");
        await using var host = new JobHost(factory, s => s.AddSingleton(new RunLog()).AddJobHandler<RecordingHandler>(kind));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MosaicDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        await using var observer = factory.CreateDbContext();

        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Add(new DataProtectionKey { FriendlyName = keyName, Xml = "<key />" });
        var job = queue.Enqueue(kind, new CountPayload(1));
        await db.SaveChangesAsync();
        var jobsBeforeCommit = await observer.Set<Job>().CountAsync(j => j.Kind == kind);
        var rowsBeforeCommit = await observer.Set<DataProtectionKey>().CountAsync(k => k.FriendlyName == keyName);
        await transaction.CommitAsync();
        var jobsAfterCommit = await observer.Set<Job>().CountAsync(j => j.Kind == kind);
        var rowsAfterCommit = await observer.Set<DataProtectionKey>().CountAsync(k => k.FriendlyName == keyName);

        Assert.Equal((0, 0), (jobsBeforeCommit, rowsBeforeCommit));
        Assert.Equal((1, 1), (jobsAfterCommit, rowsAfterCommit));
        Assert.True(await host.RunNextAsync());
        Assert.Equal(JobStatus.Succeeded, (await host.GetAsync(job.Id)).Status);
    }

    [Theory, BothDatabases]
    public async Task A_save_that_fails_stores_neither_the_row_nor_its_job(DatabaseProvider provider)
    {
        var factory = databases.For(provider);
        var kind = JobHost.NewKind("atomic");
        await using var host = new JobHost(factory, _ => { });
        var existing = new DataProtectionKey { FriendlyName = "atomic-" + Guid.NewGuid().ToString("N"), Xml = "<key />" };
        await using (var setup = factory.CreateDbContext())
        {
            setup.Add(existing);
            await setup.SaveChangesAsync();
        }
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MosaicDbContext>();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();

        db.Add(new DataProtectionKey { Id = existing.Id, FriendlyName = "duplicate id", Xml = "<key />" });
        queue.Enqueue(kind, new CountPayload(1));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var observer = factory.CreateDbContext();
        Assert.Equal(0, await observer.Set<Job>().CountAsync(j => j.Kind == kind));
    }

    [Theory, BothDatabases]
    public async Task A_worker_claims_only_kinds_it_has_a_handler_for(DatabaseProvider provider)
    {
        var mine = JobHost.NewKind("mine");
        var theirs = JobHost.NewKind("theirs");
        await using var host = new JobHost(databases.For(provider), s => s.AddSingleton(new RunLog()).AddJobHandler<RecordingHandler>(mine));

        var other = await host.EnqueueAsync(theirs, new CountPayload(1));
        var own = await host.EnqueueAsync(mine, new CountPayload(2));
        var first = await host.RunNextAsync();
        var second = await host.RunNextAsync();

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(JobStatus.Succeeded, (await host.GetAsync(own.Id)).Status);
        var untouched = await host.GetAsync(other.Id);
        Assert.Equal((JobStatus.Pending, 0), (untouched.Status, untouched.Attempts));
    }

    [Theory, BothDatabases]
    public async Task Counts_per_status_include_every_status(DatabaseProvider provider)
    {
        var kind = JobHost.NewKind("counts");
        await using var host = new JobHost(databases.For(provider), s => s.AddSingleton(new RunLog()).AddJobHandler<RecordingHandler>(kind));
        await host.EnqueueAsync(kind, new CountPayload(1));
        await host.EnqueueAsync(kind, new CountPayload(2));
        await host.RunNextAsync();

        var counts = await host.QueueAsync(q => q.CountByStatusAsync(kind));

        Assert.Equal(1, counts[JobStatus.Pending]);
        Assert.Equal(1, counts[JobStatus.Succeeded]);
        Assert.Equal(0, counts[JobStatus.Running]);
        Assert.Equal(0, counts[JobStatus.Dead]);
    }
}
