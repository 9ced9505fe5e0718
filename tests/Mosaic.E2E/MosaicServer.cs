using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Mosaic.E2E;

/// <summary>A Mosaic instance on a real Kestrel port (browsers cannot reach the in-memory TestServer), with its own empty data folder.</summary>
public sealed class MosaicServer : WebApplicationFactory<Program>
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), $"mosaic-e2e-{Guid.NewGuid():N}");

    public MosaicServer()
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>The root address the server listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Mosaic:DataPath", dataPath);
        // One test run signs up and in from the same address several times; the real limits would be reached.
        builder.UseSetting("Mosaic:RateLimits:SignInPerIpPerMinute", "1000");
        builder.UseSetting("Mosaic:RateLimits:SignUpPerIpPerHour", "1000");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(dataPath))
        {
            // Pooled connections keep mosaic.db open, which blocks the delete on Windows.
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
