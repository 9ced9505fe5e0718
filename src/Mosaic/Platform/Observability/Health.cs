using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Data;

namespace Mosaic.Platform.Observability;

public static class Health
{
    public static IServiceCollection AddMosaicHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: ["ready"])
            .AddCheck<DataFolderCheck>("data-folder", tags: ["ready"]);
        return services;
    }

    /// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: it can do its work; a 503 names the failing check.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write }).ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = Write }).ExcludeFromDescription();
        return app;
    }

    private static Task Write(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }

    private sealed class DatabaseCheck(MosaicDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy("reachable")
                    : HealthCheckResult.Unhealthy("database unreachable");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"database unreachable: {ex.GetType().Name}");
            }
        }
    }

    private sealed class DataFolderCheck(IOptions<MosaicOptions> options) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var probe = Path.Combine(options.Value.FullDataPath, $".ready-{Environment.ProcessId}-{Guid.NewGuid():N}");
            try
            {
                await File.WriteAllTextAsync(probe, "ok", cancellationToken);
                File.Delete(probe);
                return HealthCheckResult.Healthy("writable");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return HealthCheckResult.Unhealthy($"data folder not writable: {ex.GetType().Name}");
            }
        }
    }
}
