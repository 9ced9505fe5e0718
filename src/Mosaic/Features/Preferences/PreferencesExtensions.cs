namespace Mosaic.Features.Preferences;

/// <summary>Display preferences, saved to the account or kept in the browser.</summary>
public static class PreferencesExtensions
{
    public static IServiceCollection AddPreferences(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapPreferences(this IEndpointRouteBuilder app) => app;
}
