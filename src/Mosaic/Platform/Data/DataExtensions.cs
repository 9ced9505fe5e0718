using System.Runtime.Loader;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Configuration;

namespace Mosaic.Platform.Data;

public static class DataExtensions
{
    public const string SqliteMigrationsAssembly = "Mosaic.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Mosaic.Migrations.Postgres";

    public static IServiceCollection AddMosaicData(this IServiceCollection services)
    {
        LoadMigrationsFromAppFolder();
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(DatabaseOptions.Section);
        services.AddDbContext<MosaicDbContext>((sp, options) => Configure(options,
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<IOptions<MosaicOptions>>().Value));
        services.AddSingleton<SchemaGate>();
        services.AddHostedService<SchemaGateStartup>();

        services.AddDataProtection().SetApplicationName("mosaic");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>())));
        return services;
    }

    /// <summary>
    /// The migrations assemblies reference this one, so it cannot reference them back: they are copied next to
    /// <c>mosaic</c> at build and publish time and resolved from there by name.
    /// </summary>
    private static void LoadMigrationsFromAppFolder()
    {
        if (Interlocked.Exchange(ref resolverInstalled, 1) == 1)
        {
            return;
        }
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is not (SqliteMigrationsAssembly or PostgresMigrationsAssembly))
            {
                return null;
            }
            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
    }

    private static int resolverInstalled;

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions database, MosaicOptions mosaic)
    {
        if (database.ParsedProvider == DatabaseProvider.Postgres)
        {
            options.UseNpgsql(database.ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
        }
        else
        {
            var connectionString = string.IsNullOrWhiteSpace(database.ConnectionString)
                ? $"Data Source={Path.Combine(mosaic.FullDataPath, "mosaic.db")};Foreign Keys=True;Default Timeout=30"
                : database.ConnectionString;
            options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
        }
    }
}
