using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Localization;

namespace Mosaic.Features.Preferences;

public static class PreferencesMiddleware
{
    /// <summary>
    /// Finds the visitor's preferences before a page renders (its components then read them without waiting on the
    /// database) and sets the request's language: the saved preference, else the browser's Accept-Language, else
    /// English. Runs after authentication, so a signed-in person's saved language counts.
    /// </summary>
    public static IApplicationBuilder UseVisitorPreferences(this IApplicationBuilder app)
    {
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                await http.RequestServices.GetRequiredService<PreferencesService>().ForRequestAsync(http);
            }
            await next();
        });
        return app.UseRequestLocalization();
    }

    internal static void Configure(RequestLocalizationOptions options, LanguageCatalog languages)
    {
        options.DefaultRequestCulture = new RequestCulture(LanguageCatalog.Default);
        options.SupportedCultures = [.. languages.Cultures];
        options.SupportedUICultures = [.. languages.Cultures];
        options.ApplyCurrentCultureToResponseHeaders = true;
        options.RequestCultureProviders = [new PreferredLanguageProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
    }

    /// <summary>The language the visitor chose, when they chose one rather than "auto".</summary>
    private sealed class PreferredLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var language = httpContext.RequestServices.GetRequiredService<PreferencesService>().Current(httpContext).Preferences.Language;
            return Task.FromResult(language == PreferencesRules.AutoLanguage ? NullProviderCultureResult.Result : new ProviderCultureResult(language));
        }
    }
}
