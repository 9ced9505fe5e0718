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
        app.MapRazorComponents<App>();
        return app;
    }
}
