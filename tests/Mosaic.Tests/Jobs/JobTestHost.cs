using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Data;
using Mosaic.Platform.Jobs;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Jobs;

[CollectionDefinition(Name)]
/// <summary>The job tests' own servers (one per provider), so they run beside the "server" collection; each test keeps to job kinds of its own.</summary>
public sealed class JobsCollection : ICollectionFixture<Servers>
{
    public const string Name = "jobs";
}

/// <summary>
/// One process's job services on a test database, without the web app: the queue, a worker and the given handlers.
/// Two of them on one database behave as two replicas.
/// </summary>
public sealed class JobHost : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public JobHost(MosaicFactory factory, Action<IServiceCollection> configure, TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging();
        collection.AddSingleton(time ?? TimeProvider.System);
        collection.AddDbContext<MosaicDbContext>(options => DataExtensions.Configure(options,
            new DatabaseOptions { Provider = factory.Provider.ToString(), ConnectionString = factory.ConnectionString },
            new MosaicOptions { DataPath = factory.DataPath }));
        collection.AddJobs();
        configure(collection);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public IServiceProvider Services => services;
    public JobWorker Worker => services.GetRequiredService<JobWorker>();

    public async Task<T> QueueAsync<T>(Func<JobQueue, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<JobQueue>());
    }

    public Task<Job> EnqueueAsync(string kind, object payload, string? dedupKey = null) =>
        QueueAsync(queue => queue.EnqueueAsync(kind, payload, dedupKey));

    public async Task<Job> GetAsync(long id) => (await QueueAsync(queue => queue.FindAsync(id)))!;

    public Task<bool> RunNextAsync(string owner = "test/1") => Worker.RunNextAsync(owner, CancellationToken.None);

    public ValueTask DisposeAsync() => services.DisposeAsync();

    public static string NewKind(string name) => $"test.{name}.{Guid.NewGuid().ToString("N")[..8]}";
}

/// <summary>A clock the test moves by hand. Timers still run in real time: only "now" is controlled.</summary>
public sealed class ManualClock : TimeProvider
{
    private long ticks = DateTimeOffset.UtcNow.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}

public sealed record JobRun(long JobId, int Attempt, string PayloadJson);

/// <summary>What the test handlers saw, shared by every host in a test.</summary>
public sealed class RunLog
{
    private readonly ConcurrentDictionary<long, int> running = new();

    public ConcurrentQueue<JobRun> Runs { get; } = new();
    public ConcurrentQueue<long> Overlaps { get; } = new();
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IDisposable Enter(JobContext context)
    {
        Runs.Enqueue(new JobRun(context.JobId, context.Attempt, context.PayloadJson));
        if (running.AddOrUpdate(context.JobId, 1, (_, n) => n + 1) > 1)
        {
            Overlaps.Enqueue(context.JobId);
        }
        return new Exit(() => running.AddOrUpdate(context.JobId, 0, (_, n) => n - 1));
    }

    private sealed class Exit(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

public sealed record CountPayload(int Number);

/// <summary>Records its run and yields briefly, so racing workers overlap in time.</summary>
public sealed class RecordingHandler(RunLog log) : IJobHandler
{
    public async Task HandleAsync(JobContext context, CancellationToken ct)
    {
        using (log.Enter(context))
        {
            await Task.Delay(5, ct);
        }
    }
}

public sealed class FailingHandler(RunLog log) : IJobHandler
{
    public Task HandleAsync(JobContext context, CancellationToken ct)
    {
        using (log.Enter(context))
        {
            throw new InvalidOperationException($"boom on attempt {context.Attempt}");
        }
    }
}

/// <summary>Runs until the test releases it, or until cancelled.</summary>
public sealed class BlockingHandler(RunLog log) : IJobHandler
{
    public async Task HandleAsync(JobContext context, CancellationToken ct)
    {
        using (log.Enter(context))
        {
            await context.ReportProgressAsync("waiting for the test", ct);
            log.Started.TrySetResult();
            try
            {
                await log.Release.Task.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                log.Cancelled.TrySetResult();
                throw;
            }
        }
    }
}
