using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Data;

namespace Mosaic.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model without starting the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MosaicDbContext>
{
    public MosaicDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<MosaicDbContext>();
        DataExtensions.Configure(options, new DatabaseOptions { Provider = nameof(DatabaseProvider.Sqlite) }, new MosaicOptions { DataPath = Path.GetTempPath() });
        return new MosaicDbContext(options.Options);
    }
}
