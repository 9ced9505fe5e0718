using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Features.Posts;

namespace Mosaic.E2E;

/// <summary>A Mosaic instance on a real Kestrel port (browsers cannot reach the in-memory TestServer), with its own empty data folder.</summary>
public sealed class MosaicServer : WebApplicationFactory<Program>
{
    /// <summary>Longest a held post waits for its test: a test that dies while holding must not wedge the job worker.</summary>
    private static readonly TimeSpan HoldLimit = TimeSpan.FromMinutes(2);

    private readonly string dataPath = Path.Combine(Path.GetTempPath(), $"mosaic-e2e-{Guid.NewGuid():N}");

    /// <summary>Set while post processing may run; reset by <see cref="HoldPostProcessing"/>.</summary>
    private readonly ManualResetEventSlim processingAllowed = new(initialState: true);

    public MosaicServer()
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>The root address the server listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>
    /// Keeps uploaded posts in "processing" until the returned handle is disposed, so a test sees the post page
    /// before its image is ready whatever the speed of the machine; the job worker starts them afterwards.
    /// </summary>
    public IDisposable HoldPostProcessing()
    {
        processingAllowed.Reset();
        return new Hold(processingAllowed);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Mosaic:DataPath", dataPath);
        // One test run signs up and in, uploads and converts from the same address several times; the real limits would be reached.
        builder.UseSetting("Mosaic:RateLimits:SignInPerIpPerMinute", "1000");
        builder.UseSetting("Mosaic:RateLimits:SignUpPerIpPerHour", "1000");
        builder.UseSetting("Mosaic:RateLimits:UploadsPerUserPerHour", "1000");
        builder.UseSetting("Mosaic:RateLimits:ConversionsPerUserPerHour", "1000");
        builder.UseSetting("Mosaic:RateLimits:AnonymousConversionsPerIpPerHour", "1000");
        // The worker resolves the posts.process handler per job (in a scope of its own, off the request path):
        // resolving it waits while a test holds processing.
        builder.ConfigureTestServices(services => services.AddScoped(sp =>
        {
            processingAllowed.Wait(HoldLimit);
            return ActivatorUtilities.CreateInstance<PostProcessor>(sp);
        }));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A job still waiting on a hold would keep the host from stopping.
            processingAllowed.Set();
        }
        base.Dispose(disposing);
        if (disposing)
        {
            processingAllowed.Dispose();
            if (Directory.Exists(dataPath))
            {
                // Pooled connections keep mosaic.db open, which blocks the delete on Windows.
                SqliteConnection.ClearAllPools();
                Directory.Delete(dataPath, recursive: true);
            }
        }
    }

    private sealed class Hold(ManualResetEventSlim allowed) : IDisposable
    {
        public void Dispose() => allowed.Set();
    }
}
