using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Mosaic.Features.Accounts;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Platform;

/// <summary>The <c>mosaic</c> verbs, run as the operator runs them: a separate process.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Migrate_applies_pending_migrations_once()
    {
        using var data = new TempFolder();

        var first = await Mosaic($"migrate --Mosaic:DataPath={data.Path}");
        var second = await Mosaic($"migrate --Mosaic:DataPath={data.Path}");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Applied", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(data.Path, "mosaic.db")));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_a_postgres_schema_that_is_behind_until_migrate_runs()
    {
        var connectionString = await PostgresCluster.CreateDatabaseAsync();
        try
        {
            var settings = $"--Mosaic:Database:Provider=Postgres \"--Mosaic:Database:ConnectionString={connectionString}\"";

            var refused = await Mosaic($"serve --urls http://127.0.0.1:0 {settings}");
            var migrated = await Mosaic($"migrate {settings}");

            Assert.Equal(3, refused.ExitCode);
            Assert.Contains("mosaic migrate", refused.Error, StringComparison.Ordinal);
            Assert.Equal(0, migrated.ExitCode);
            Assert.Contains("Applied", migrated.Output, StringComparison.Ordinal);
        }
        finally
        {
            await PostgresCluster.DropDatabaseAsync(connectionString);
        }
    }

    [Theory]
    [InlineData("--Mosaic:Database:Provider=Mysql", "Mosaic:Database:Provider")]
    [InlineData("--Mosaic:Database:Provider=Postgres", "Mosaic:Database:ConnectionString")]
    [InlineData("--Mosaic:RateLimits:SignInPerIpPerMinute=0", "Mosaic:RateLimits:SignInPerIpPerMinute")]
    [InlineData("--Mosaic:RateLimits:SignUpPerIpPerHour=lots", "Mosaic:RateLimits:SignUpPerIpPerHour")]
    public async Task A_wrong_setting_stops_serve_with_one_line_naming_the_key(string setting, string key)
    {
        using var data = new TempFolder();

        var result = await Mosaic($"serve --urls http://127.0.0.1:0 --Mosaic:DataPath={data.Path} {setting}");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(key, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_admin_reads_the_password_from_stdin_and_the_admin_can_sign_in()
    {
        using var data = new TempFolder();
        const string password = "an-admin-passphrase-77";

        var created = await Mosaic($"users create-admin --username boss --email boss@example.com --Mosaic:DataPath={data.Path}", stdin: password);
        var again = await Mosaic($"users create-admin --username boss --email boss2@example.com --Mosaic:DataPath={data.Path}", stdin: password);

        Assert.Equal(0, created.ExitCode);
        Assert.DoesNotContain(password, created.Output, StringComparison.Ordinal);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("taken", again.Error, StringComparison.Ordinal);

        await using var factory = new MosaicFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Mosaic:DataPath"] = data.Path });
        var client = factory.CreateTestClient();
        var signIn = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { username = "boss", password });
        var me = await signIn.Content.ReadFromJsonAsync<AccountDto>();
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains(Roles.Admin, me!.Roles);
    }

    [Fact]
    public async Task Create_admin_with_a_weak_password_says_why_and_creates_nothing()
    {
        using var data = new TempFolder();

        var weak = await Mosaic($"users create-admin --username boss --email boss@example.com --Mosaic:DataPath={data.Path}", stdin: "password1");
        var strong = await Mosaic($"users create-admin --username boss --email boss@example.com --Mosaic:DataPath={data.Path}", stdin: "a-much-better-passphrase-5");

        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("password", weak.Error, StringComparison.Ordinal);
        Assert.Equal(0, strong.ExitCode);
    }

    [Fact]
    public async Task Help_lists_the_verbs()
    {
        var help = await Mosaic("--help");

        Assert.Equal(0, help.ExitCode);
        foreach (var verb in new[] { "serve", "migrate", "users" })
        {
            Assert.Contains(verb, help.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Serve_writes_json_logs_on_stdout_with_a_trace_id_per_request()
    {
        using var data = new TempFolder();
        var port = TestProcesses.FreePort();
        var start = new ProcessStartInfo("dotnet", $"\"{Repo.MosaicDll}\" serve --urls http://127.0.0.1:{port} --Mosaic:DataPath={data.Path}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilAnswersAsync(http);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/account/signin?secret=hunter2")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var request = lines.Where(l => l.StartsWith('{'))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("Category").GetString() == "Mosaic.Requests" && e.GetProperty("Message").GetString()!.Contains("/account/signin", StringComparison.Ordinal));
        var scopes = request.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var id) && id.GetString()!.Length == 32);
        Assert.Equal(200, request.GetProperty("State").GetProperty("StatusCode").GetInt32());
        Assert.DoesNotContain(lines, l => l.Contains("hunter2", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAnswersAsync(HttpClient http)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("mosaic serve did not start answering");
    }

    private sealed record Result(int ExitCode, string Output, string Error);

    private static async Task<Result> Mosaic(string arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Repo.MosaicDll}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Keep the one-line error assertions about our own output: no JSON logs on stderr.
        start.Environment["Logging__LogLevel__Default"] = "None";
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
