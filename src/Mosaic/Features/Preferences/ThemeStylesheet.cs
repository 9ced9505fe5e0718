using System.Globalization;
using System.Text;

namespace Mosaic.Features.Preferences;

/// <summary>
/// A visitor's colours and text size as a stylesheet, so the page is drawn in them from the first paint without
/// inline style (the CSP forbids it) or waiting for JavaScript. The values travel in the URL, which makes every
/// variant cacheable for good and the endpoint stateless; preferences.js points the link at a new URL after a save.
/// </summary>
public static class ThemeStylesheet
{
    public const string Path = "/preferences/theme.css";

    private static readonly (string Key, Func<PreferencesDto, string> Value)[] Colors =
    [
        ("primary", p => p.Primary),
        ("secondary", p => p.Secondary),
        ("tertiary", p => p.Tertiary),
        ("accent", p => p.Accent),
    ];

    /// <summary>The stylesheet's URL for these preferences, or null when they keep the design's own colours and size.</summary>
    public static string? Href(PreferencesDto preferences)
    {
        var defaults = PreferencesRules.Defaults;
        var query = new List<string>();
        foreach (var (key, value) in Colors)
        {
            if (value(preferences) != value(defaults))
            {
                query.Add($"{key}={value(preferences).TrimStart('#')}");
            }
        }
        if (preferences.FontScale != defaults.FontScale)
        {
            query.Add("scale=" + preferences.FontScale.ToString(CultureInfo.InvariantCulture));
        }
        return query.Count == 0 ? null : $"{Path}?{string.Join('&', query)}";
    }

    public static IEndpointRouteBuilder MapThemeStylesheet(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Render).ExcludeFromDescription();
        return app;
    }

    /// <summary>Only values that pass the rules reach the output, so nothing in the query can become CSS.</summary>
    private static IResult Render(HttpContext http)
    {
        var query = http.Request.Query;
        var css = new StringBuilder("/* This visitor's design tokens (Features/Preferences/ThemeStylesheet.cs). */\n");
        // Three :root selectors outrank tokens.css's light and dark rules, which also set --primary.
        css.Append(":root:root:root {\n");
        foreach (var (key, _) in Colors)
        {
            if (query.TryGetValue(key, out var value) && PreferencesRules.NormalizeColor("#" + value.ToString()) is { } color)
            {
                css.Append(CultureInfo.InvariantCulture, $"  --{key}: {color};\n");
            }
        }
        if (double.TryParse(query["scale"], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && PreferencesRules.IsFontScale(scale))
        {
            css.Append(CultureInfo.InvariantCulture, $"  --font-base: {Math.Round(scale, 3)}rem;\n");
        }
        css.Append("}\n");
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Text(css.ToString(), "text/css; charset=utf-8");
    }
}
