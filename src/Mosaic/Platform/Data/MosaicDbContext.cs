using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Mosaic.Features.Accounts;

namespace Mosaic.Platform.Data;

/// <summary>
/// The one EF Core context. Features add their entities through <see cref="IEntityTypeConfiguration{TEntity}"/>
/// classes and reach them with <c>Set&lt;T&gt;()</c>; only Identity's generic base names the account types here.
/// </summary>
public sealed class MosaicDbContext(DbContextOptions<MosaicDbContext> options)
    : IdentityDbContext<User, Role, Guid>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MosaicDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type that sorts or compares in SQL: keep instants as UTC ticks there,
        // so ORDER BY and range filters run in the database on both providers.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
