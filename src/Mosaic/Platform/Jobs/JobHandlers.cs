using System.Text.Json;

namespace Mosaic.Platform.Jobs;

/// <summary>
/// Runs one kind of job; register it with <see cref="JobsExtensions.AddJobHandler{THandler}"/>. Delivery is at least
/// once: a job runs again when its worker dies, loses its lease or cannot record the success, so a handler must be
/// idempotent, leaving the same result however many times it runs (overwrite a file, upsert a row, check before sending).
/// Throwing fails the attempt and schedules a retry; the token is cancelled when the host gives up waiting at shutdown
/// or another worker has taken the job over.
/// </summary>
public interface IJobHandler
{
    Task HandleAsync(JobContext context, CancellationToken ct);
}

/// <summary>What a handler knows about the job it runs.</summary>
public sealed class JobContext(long jobId, string kind, int attempt, int maxAttempts, string payloadJson,
    Func<string, CancellationToken, Task>? reportProgress = null)
{
    public long JobId => jobId;
    public string Kind => kind;

    /// <summary>1 on the first run, counting runs cut short by a crash.</summary>
    public int Attempt => attempt;

    public int MaxAttempts => maxAttempts;
    public bool IsLastAttempt => attempt >= maxAttempts;
    public string PayloadJson => payloadJson;

    public T Payload<T>() =>
        JsonSerializer.Deserialize<T>(payloadJson, JobQueue.PayloadJsonOptions)
        ?? throw new JsonException($"The payload of job {jobId} ({kind}) is null.");

    /// <summary>Shows a line of progress in <c>mosaic jobs list</c>; it does not extend or affect the lease.</summary>
    public Task ReportProgressAsync(string text, CancellationToken ct = default) =>
        reportProgress is null ? Task.CompletedTask : reportProgress(text, ct);
}

internal sealed record JobHandlerRegistration(string Kind, Type HandlerType);

/// <summary>The kinds this process can run: a worker claims only those, so a replica that lacks a newer handler leaves its jobs to one that has it.</summary>
public sealed class JobHandlerRegistry
{
    private readonly Dictionary<string, Type> handlers = new(StringComparer.Ordinal);

    internal JobHandlerRegistry(IEnumerable<JobHandlerRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            if (handlers.TryGetValue(registration.Kind, out var existing) && existing != registration.HandlerType)
            {
                throw new InvalidOperationException(
                    $"Job kind '{registration.Kind}' has two handlers: {existing.FullName} and {registration.HandlerType.FullName}.");
            }
            handlers[registration.Kind] = registration.HandlerType;
        }
        Kinds = [.. handlers.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Kinds { get; }

    public Type? Find(string kind) => handlers.GetValueOrDefault(kind);
}
