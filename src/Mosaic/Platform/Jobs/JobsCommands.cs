using System.CommandLine;
using System.Globalization;
using Mosaic.Platform.Data;

namespace Mosaic.Platform.Jobs;

/// <summary>
/// <c>mosaic jobs list</c> and <c>mosaic jobs retry</c>. Like the other verbs, tokens they do not know are passed to
/// the app as configuration (<c>--Mosaic:Database:Provider=Postgres</c>).
/// </summary>
public static class JobsCommands
{
    public static Command Create(Func<string[], WebApplication> buildApp) => Create(buildApp, action => action());

    /// <param name="buildApp">Builds the app whose services the commands use; it is not started.</param>
    /// <param name="guarded">Wraps every action, to turn configuration and schema errors into one line.</param>
    public static Command Create(Func<string[], WebApplication> buildApp, Func<Func<Task<int>>, Task<int>> guarded)
    {
        var status = new Option<JobStatus?>("--status") { Description = "Only jobs in this status: Pending, Running, Succeeded or Dead." };
        var kind = new Option<string?>("--kind") { Description = "Only jobs of this kind, e.g. media.process." };
        var limit = new Option<int>("--limit") { Description = "How many of the newest jobs to show.", DefaultValueFactory = _ => 50 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10_000)
            {
                result.AddError("--limit must be 1 to 10000.");
            }
        });
        var list = new Command("list", "Show the newest jobs and how many are in each status.") { status, kind, limit };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((parse, ct) => guarded(() => ListAsync(buildApp([.. parse.UnmatchedTokens]),
            parse.GetValue(status), parse.GetValue(kind), parse.GetValue(limit), parse.InvocationConfiguration.Output, ct)));

        var id = new Argument<long?>("id")
        {
            Description = "The dead job to retry.",
            Arity = ArgumentArity.ZeroOrOne,
            // Takes the id only, so that configuration tokens after it still reach the app.
            CustomParser = result =>
            {
                if (result.Tokens.Count > 0 && long.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    result.OnlyTake(1);
                    return value;
                }
                result.OnlyTake(0);
                return null;
            },
        };
        var dead = new Option<bool>("--dead") { Description = "Retry every dead job (with --kind, those of one kind)." };
        var retryKind = new Option<string?>("--kind") { Description = "With --dead, only jobs of this kind." };
        var retry = new Command("retry", "Make a dead job pending again with its attempts reset.") { id, dead, retryKind };
        retry.TreatUnmatchedTokensAsErrors = false;
        retry.Validators.Add(result =>
        {
            var hasId = result.GetValue(id) is not null;
            if (hasId == result.GetValue(dead))
            {
                result.AddError("Give either a job id or --dead.");
            }
        });
        retry.SetAction((parse, ct) => guarded(() => RetryAsync(buildApp([.. parse.UnmatchedTokens]),
            parse.GetValue(id), parse.GetValue(retryKind), parse.InvocationConfiguration, ct)));

        return new Command("jobs", "Inspect and retry background jobs.") { list, retry };
    }

    private static async Task<int> ListAsync(WebApplication app, JobStatus? status, string? kind, int limit, TextWriter output, CancellationToken ct)
    {
        await using var _ = app;
        await app.Services.GetRequiredService<SchemaGate>().EnsureReadyAsync(ct);
        await using var scope = app.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var counts = await queue.CountByStatusAsync(kind, ct);
        var jobs = await queue.ListAsync(status, kind, limit, ct);

        await output.WriteLineAsync(string.Join("  ", counts.Select(c => $"{c.Key}: {c.Value}")));
        if (jobs.Count == 0)
        {
            await output.WriteLineAsync("No jobs.");
            return 0;
        }
        string[] header = ["ID", "KIND", "STATUS", "ATTEMPTS", "RUN AFTER (UTC)", "LAST ERROR"];
        var rows = jobs.Select(j => new[]
        {
            j.Id.ToString(CultureInfo.InvariantCulture),
            j.Kind,
            j.Status == JobStatus.Running && j.Progress is { Length: > 0 } progress ? $"Running: {progress}" : j.Status.ToString(),
            $"{j.Attempts}/{j.MaxAttempts}",
            j.RunAfter.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            FirstLine(j.LastError),
        }).ToList();
        var widths = header.Select((h, i) => rows.Max(r => r[i].Length) is var w && w > h.Length ? w : h.Length).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
        return 0;
    }

    private static async Task<int> RetryAsync(WebApplication app, long? id, string? kind, InvocationConfiguration console, CancellationToken ct)
    {
        await using var _ = app;
        await app.Services.GetRequiredService<SchemaGate>().EnsureReadyAsync(ct);
        await using var scope = app.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        if (id is null)
        {
            var retried = await queue.RetryDeadAsync(kind, ct);
            await console.Output.WriteLineAsync($"Retried {retried} dead job(s).");
            return 0;
        }
        var outcome = await queue.RetryAsync(id.Value, ct);
        var message = outcome switch
        {
            RetryOutcome.Retried => null,
            RetryOutcome.NotFound => $"mosaic: there is no job {id}.",
            RetryOutcome.NotDead => $"mosaic: job {id} is not dead; only dead jobs are retried.",
            _ => $"mosaic: job {id} was not retried: a pending or running job with the same dedup key does the same work.",
        };
        if (message is not null)
        {
            await console.Error.WriteLineAsync(message);
            return 1;
        }
        await console.Output.WriteLineAsync($"Job {id} is pending again.");
        return 0;
    }

    private static string FirstLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        var line = text.AsSpan();
        var end = line.IndexOfAny('\r', '\n');
        line = end < 0 ? line : line[..end];
        return line.Length <= 80 ? line.ToString() : string.Concat(line[..79], "…");
    }
}
