using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Mosaic.Platform.Data;
using Mosaic.Platform.Jobs;
using Mosaic.Platform.Web;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Jobs;

/// <summary><c>mosaic jobs</c>, run in-process on an app built the way <c>Program.BuildWebApp</c> builds one.</summary>
[Collection(JobsCollection.Name)]
public sealed class JobsCommandsTests(Servers databases)
{
    [Theory, BothDatabases]
    public async Task List_shows_dead_jobs_and_retry_makes_them_pending(DatabaseProvider provider)
    {
        var factory = databases.For(provider);
        var kind = JobHost.NewKind("cli");
        await using var host = new JobHost(factory, s => s.AddSingleton(new RunLog()).AddJobHandler<FailingHandler>(kind), null,
            new Dictionary<string, string?> { ["Mosaic:Jobs:MaxAttempts"] = "1" });
        var single = (await host.EnqueueAsync(kind, new CountPayload(1))).Id;
        var bulk = (await host.EnqueueAsync(kind, new CountPayload(2))).Id;
        await host.RunNextAsync();
        await host.RunNextAsync();

        var list = await JobsAsync(factory, "list", "--status", "dead", "--kind", kind);
        var retried = await JobsAsync(factory, "retry", single.ToString(CultureInfo.InvariantCulture));
        var again = await JobsAsync(factory, "retry", single.ToString(CultureInfo.InvariantCulture));
        var retriedInBulk = await JobsAsync(factory, "retry", "--dead", "--kind", kind);
        var pending = await JobsAsync(factory, "list", "--kind", kind, "--limit", "1");

        Assert.Equal(0, list.ExitCode);
        Assert.Contains("Pending: 0  Running: 0  Succeeded: 0  Dead: 2", list.Output, StringComparison.Ordinal);
        Assert.Contains("LAST ERROR", list.Output, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: boom on attempt 1", Row(list.Output, single), StringComparison.Ordinal);
        Assert.Contains("Dead", Row(list.Output, bulk), StringComparison.Ordinal);
        Assert.Equal(0, retried.ExitCode);
        Assert.Contains("pending again", retried.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("not dead", again.Error, StringComparison.Ordinal);
        Assert.Equal(0, retriedInBulk.ExitCode);
        Assert.Contains("Retried 1 dead job(s).", retriedInBulk.Output, StringComparison.Ordinal);
        Assert.Contains("Pending: 2", pending.Output, StringComparison.Ordinal);
        Assert.Contains("Pending  0/1", Row(pending.Output, bulk), StringComparison.Ordinal);
        Assert.Null(Row(pending.Output, single));
    }

    [Theory]
    [InlineData("retry")]
    [InlineData("retry", "12", "--dead")]
    public async Task Retry_wants_either_an_id_or_dead(params string[] args)
    {
        var result = await InvokeAsync(_ => throw new InvalidOperationException("The app is not needed."), args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--dead", result.Error, StringComparison.Ordinal);
    }

    private static string? Row(string table, long id) =>
        table.Split('\n').FirstOrDefault(line => line.StartsWith(id.ToString(CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal));

    private static Task<CliResult> JobsAsync(MosaicFactory factory, params string[] args)
    {
        List<string> settings = [$"--Mosaic:DataPath={factory.DataPath}", $"--Mosaic:Database:Provider={factory.Provider}"];
        if (factory.ConnectionString is not null)
        {
            settings.Add($"--Mosaic:Database:ConnectionString={factory.ConnectionString}");
        }
        return InvokeAsync(BuildApp, [.. args, .. settings]);
    }

    private static async Task<CliResult> InvokeAsync(Func<string[], WebApplication> buildApp, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { JobsCommands.Create(buildApp) };
        var exitCode = await root.Parse(["jobs", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The pieces of <c>Program.BuildWebApp</c> the jobs commands use.</summary>
    private static WebApplication BuildApp(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddMosaicDefaults();
        builder.Logging.ClearProviders();
        builder.Services.AddMosaicData();
        builder.Services.AddJobs();
        return builder.Build();
    }

    private sealed record CliResult(int ExitCode, string Output, string Error);
}
