namespace Mosaic.Features.Preferences;

/// <summary>Display preferences, saved to the account or kept in the browser.</summary>
public static class PreferencesExtensions
{
    public static IServiceCollection AddPreferences(this IServiceCollection services)
    {
        // Resource files are found by type (IStringLocalizer<Mosaic.Resources.BoardStrings> → Resources/BoardStrings.resx).
        services.AddLocalization();
        services.AddSingleton<LanguageCatalog>();
        services.AddOptions<RequestLocalizationOptions>().Configure<LanguageCatalog>(PreferencesMiddleware.Configure);
        services.AddScoped<PreferencesService>();
        return services;
    }

    public static IEndpointRouteBuilder MapPreferences(this IEndpointRouteBuilder app)
    {
        app.MapPreferencesApi();
        app.MapThemeStylesheet();
        return app;
    }
}
