using System.Diagnostics;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.OpenApi;
using Mosaic.Platform.Api;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Observability;
using Mosaic.Platform.Security;

namespace Mosaic.Platform.Web;

public static class WebHostExtensions
{
    /// <summary>Logging, options, problem details and the API description: what every role of the binary shares.</summary>
    public static WebApplicationBuilder AddMosaicDefaults(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // ASP.NET Core's own request lines include the query string, where a careless client may put a token.
        // Mosaic.Requests logs every request without it; this category stays quiet whatever the configuration says.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        var services = builder.Services;
        services.AddValidatedOptions<MosaicOptions, MosaicOptionsValidator>(MosaicOptions.Section);
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ActionThrottle>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<HtmlErrorPageHandler>();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only loopback proxies are trusted unless the operator lists others (Mosaic:Proxy settings arrive with the production issue).
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Mosaic API",
                Version = "v1",
                Description = "JSON API of a Mosaic imageboard. Authenticate with the session cookie (plus the X-XSRF-TOKEN header on writes) or with `Authorization: Bearer <personal access token>`. Errors are RFC 9457 problem details.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["accessToken"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal access token (mos_…) from account settings or POST /api/v1/me/tokens.",
                },
                ["password"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "basic",
                    Description = "Username (or email) and password; accepted only by POST /api/v1/me/tokens.",
                },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("accessToken", document)] = [] }];
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>The middleware order every request passes through.</summary>
    public static WebApplication UseMosaicPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseSecurityHeaders();
        app.UseRequestLogging();
        // Empty error responses become problem details under /api and the not-found page everywhere else.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Routing runs after the status-code pages so a re-executed request (the not-found page) is routed afresh.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseXsrfCookie();
        return app;
    }

    /// <summary>The OpenAPI 3.1 document at /api/v1/openapi.json and Swagger UI at /api/v1/docs.</summary>
    public static WebApplication MapMosaicApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/v1/docs";
            o.DocumentTitle = "Mosaic API";
            o.SwaggerEndpoint("/api/v1/openapi.json", "Mosaic API v1");
        });
        return app;
    }
}

/// <summary>A readable HTML page for unexpected failures on pages; the API keeps its problem details.</summary>
internal sealed class HtmlErrorPageHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (http.Request.Path.StartsWithSegments("/api") || !http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
        {
            return false;
        }
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        http.Response.ContentType = "text/html; charset=utf-8";
        var trace = HtmlEncoder.Default.Encode(Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier);
        await http.Response.WriteAsync(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Something went wrong</title></head>" +
            $"<body><h1>Something went wrong</h1><p>The error was logged with trace id <code>{trace}</code>.</p><p><a href=\"/\">Back to the board</a></p></body></html>",
            cancellationToken);
        return true;
    }
}
