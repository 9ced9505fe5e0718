using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Data;

namespace Mosaic.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL model; no connection is opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MosaicDbContext>
{
    public MosaicDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MosaicDbContext>();
        DataExtensions.Configure(options, new DatabaseOptions { Provider = nameof(DatabaseProvider.Postgres), ConnectionString = "Host=localhost;Database=mosaic_design" }, new MosaicOptions());
        return new MosaicDbContext(options.Options);
    }
}
