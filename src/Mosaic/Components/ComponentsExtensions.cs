namespace Mosaic.Components;

public static class ComponentsExtensions
{
    /// <summary>Server-rendered Razor components: static SSR, no circuits, no WebAssembly.</summary>
    public static IServiceCollection AddMosaicWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        return services;
    }

    public static WebApplication MapMosaicWebUi(this WebApplication app)
    {
        app.MapStaticAssets();
        var maxUpload = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Platform.Imaging.ImagingOptions>>().Value.MaxUploadBytes + 256 * 1024;
        app.MapRazorComponents<App>().Add(endpoint =>
        {
            // The upload and convert pages' forms carry a file: allow its size there and nowhere else.
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: "/upload" or "/convert" })
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxUpload));
                endpoint.Metadata.Add(new Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute { MultipartBodyLengthLimit = maxUpload });
            }
        });
        return app;
    }
}
