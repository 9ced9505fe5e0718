using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Configuration;

namespace Mosaic.Platform.Data;

/// <summary>Raised when the PostgreSQL schema is older than this build; the operator must run <c>mosaic migrate</c>.</summary>
public sealed class SchemaBehindException(string message) : Exception(message);

/// <summary>
/// Brings the database to this build's schema. The embedded SQLite default migrates itself at start;
/// a shared PostgreSQL is migrated only by <c>mosaic migrate</c> (a Kubernetes Job), and a web or worker
/// process refuses to start on a schema that is behind.
/// </summary>
public sealed class SchemaGate(IServiceScopeFactory scopes, IOptions<DatabaseOptions> database, IOptions<MosaicOptions> mosaic, ILogger<SchemaGate> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(mosaic.Value.FullDataPath);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MosaicDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(ct);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while the job queue or a request writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        return pending;
    }

    /// <summary>Called by <c>serve</c> and <c>worker</c> before they take traffic.</summary>
    public async Task EnsureReadyAsync(CancellationToken ct)
    {
        if (database.Value.ParsedProvider == DatabaseProvider.Sqlite)
        {
            await MigrateAsync(ct);
            return;
        }
        Directory.CreateDirectory(mosaic.Value.FullDataPath);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MosaicDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new SchemaBehindException(
                $"The PostgreSQL schema is behind this version of Mosaic ({pending.Count} pending migration(s), first {pending[0]}). Run `mosaic migrate` first.");
        }
    }
}

/// <summary>Runs <see cref="SchemaGate.EnsureReadyAsync"/> before the server starts listening.</summary>
internal sealed class SchemaGateStartup(SchemaGate gate) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => gate.EnsureReadyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
