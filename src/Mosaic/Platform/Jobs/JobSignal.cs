using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mosaic.Platform.Jobs;

/// <summary>Wakes this process's idle workers as soon as a job is committed here, rather than at their next poll.</summary>
public sealed class JobSignal
{
    private TaskCompletionSource next = NewSource();

    /// <summary>
    /// Completes at the next <see cref="Notify"/>. A worker takes it before it looks for work, so a job committed
    /// between an empty claim and the wait still wakes it.
    /// </summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Notify() => Interlocked.Exchange(ref next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Notifies <see cref="JobSignal"/> when a save that added jobs is committed: at once for a plain SaveChanges, at the
/// commit when the caller holds a transaction (a worker woken earlier would not see the rows yet).
/// </summary>
internal sealed class JobSignalInterceptor(JobSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();
    private readonly ConditionalWeakTable<DbContext, object> addedJobs = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Fire(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Fire(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<Job>().Any(e => e.State == EntityState.Added))
        {
            addedJobs.AddOrUpdate(context, Marker);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Fire(context);
        }
    }

    private void Failed(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Forget(context);
        }
    }

    private void Fire(DbContext? context)
    {
        if (context is not null && addedJobs.Remove(context))
        {
            signal.Notify();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            addedJobs.Remove(context);
        }
    }
}
