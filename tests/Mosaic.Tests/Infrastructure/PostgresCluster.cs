using Npgsql;

namespace Mosaic.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests use. The test command starts one (scripts/pg) and passes its connection string in
/// MOSAIC_TEST_POSTGRES; a test run started any other way starts its own throwaway cluster on a free loopback port
/// and stops it when the process exits. Each test server gets a database of its own.
/// </summary>
public static class PostgresCluster
{
    private static readonly Lazy<string> AdminConnectionString = new(StartOrReuse, LazyThreadSafetyMode.ExecutionAndPublication);

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "mosaic_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(AdminConnectionString.Value))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString.Value) { Database = name, Pooling = true, MaxPoolSize = 20 }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString.Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string StartOrReuse()
    {
        if (Environment.GetEnvironmentVariable("MOSAIC_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mosaic-pg-{Environment.ProcessId}");
        var port = TestProcesses.FreePort();
        // The script watches this process and removes the cluster when it exits, even when it is killed.
        return TestProcesses.Run(Repo.Path("scripts", "pg"), $"start {dir} {port} {Environment.ProcessId}").Trim();
    }
}
