using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Data;

namespace Mosaic.Tests.Infrastructure;

/// <summary>
/// One Mosaic server for tests, on SQLite or PostgreSQL, with its own data folder and database. PostgreSQL is
/// migrated first, as an operator would with <c>mosaic migrate</c>; SQLite migrates itself at start.
/// </summary>
public sealed class MosaicFactory(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        // Every test shares one client address: the throttle gets its own tests with low limits.
        ["Mosaic:RateLimits:SignInPerIpPerMinute"] = "100000",
        ["Mosaic:RateLimits:SignInPerAccountPerMinute"] = "100000",
        ["Mosaic:RateLimits:SignUpPerIpPerHour"] = "100000",
        ["Mosaic:RateLimits:UploadsPerUserPerHour"] = "100000",
        ["Mosaic:RateLimits:ConversionsPerUserPerHour"] = "100000",
        ["Mosaic:RateLimits:AnonymousConversionsPerIpPerHour"] = "100000",
    };

    private readonly TempFolder data = new();

    public DatabaseProvider Provider => provider;
    public string DataPath => data.Path;
    public string? ConnectionString { get; private set; }
    public LogSink Logs { get; } = new();

    public async Task InitializeAsync()
    {
        if (provider == DatabaseProvider.Postgres)
        {
            ConnectionString = await PostgresCluster.CreateDatabaseAsync();
            await using var db = CreateDbContext();
            await db.Database.MigrateAsync();
        }
        _ = Server;
    }

    /// <summary>A context on this server's database, for arranging data and checking what was stored.</summary>
    public MosaicDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<MosaicDbContext>();
        DataExtensions.Configure(options,
            new DatabaseOptions { Provider = provider.ToString(), ConnectionString = ConnectionString },
            new MosaicOptions { DataPath = data.Path });
        return new MosaicDbContext(options.Options);
    }

    public TestClient CreateTestClient() => new(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(settings?.GetValueOrDefault("environment") ?? "Development");
        builder.UseSetting("Mosaic:DataPath", data.Path);
        builder.UseSetting("Mosaic:Database:Provider", provider.ToString());
        if (ConnectionString is not null)
        {
            builder.UseSetting("Mosaic:Database:ConnectionString", ConnectionString);
        }
        foreach (var (key, value) in Defaults)
        {
            builder.UseSetting(key, value);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (ConnectionString is not null)
        {
            await PostgresCluster.DropDatabaseAsync(ConnectionString);
        }
        data.Dispose();
    }
}

/// <summary>Runs a theory once on SQLite and once on PostgreSQL.</summary>
public sealed class BothDatabasesAttribute : Xunit.Sdk.DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) =>
        [[DatabaseProvider.Sqlite], [DatabaseProvider.Postgres]];
}

/// <summary>One server per database provider, shared by every test class in the "server" collection.</summary>
public sealed class Servers : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, MosaicFactory> factories = [];

    public MosaicFactory For(DatabaseProvider provider) => factories[provider];

    public async Task InitializeAsync()
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            var factory = new MosaicFactory(provider);
            await factory.InitializeAsync();
            factories[provider] = factory;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (IAsyncLifetime factory in factories.Values)
        {
            await factory.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<Servers>
{
    public const string Name = "server";
}
