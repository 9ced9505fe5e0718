using System.Diagnostics;

namespace Mosaic.Platform.Observability;

/// <summary>
/// One structured line per request: method, path (never the query string), status and duration.
/// Headers, cookies and bodies are never logged, so passwords and tokens cannot reach the logs.
/// </summary>
public static partial class RequestLogging
{
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Mosaic.Requests");
        return app.Use(async (http, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next();
            }
            finally
            {
                var path = http.Request.Path.Value ?? "/";
                if (path is not "/healthz" and not "/readyz")
                {
                    Completed(logger, http.Request.Method, path, http.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void Completed(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
