using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Mosaic.Platform.Security;
using Mosaic.Resources;

namespace Mosaic.Features.Preferences;

public static class PreferencesApi
{
    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/api/v1/me/preferences").WithTags("Preferences").RequireXsrfForCookieWrites().RequireAuthorization();
        preferences.MapGet("", Get);
        preferences.MapPut("", Put);
        return app;
    }

    /// <summary>The signed-in account's display preferences; the defaults, with <c>updatedAt</c> null, while it has saved none.</summary>
    public static async Task<Ok<PreferencesDto>> Get(ClaimsPrincipal user, PreferencesService preferences, CancellationToken ct) =>
        TypedResults.Ok(await preferences.LoadAsync(PreferencesService.UserId(user)!.Value, ct) ?? PreferencesRules.Defaults);

    /// <summary>
    /// Replaces the account's display preferences. Colours are <c>#rrggbb</c>, <c>fontScale</c> 0.75–1.5, <c>theme</c>
    /// system|light|dark, <c>density</c> compact|comfortable|spacious, <c>blacklist</c> at most 200 tag names,
    /// <c>language</c> auto or a supported language; a field left out takes its default.
    /// </summary>
    public static async Task<Results<Ok<PreferencesDto>, ValidationProblem>> Put(
        PreferencesRequest request, ClaimsPrincipal user, PreferencesService preferences, LanguageCatalog languages,
        IStringLocalizer<PreferencesStrings> text, CancellationToken ct)
    {
        var errors = PreferencesRules.Validate(request, languages, text, out var valid);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await preferences.SaveAsync(PreferencesService.UserId(user)!.Value, valid, ct));
    }
}
