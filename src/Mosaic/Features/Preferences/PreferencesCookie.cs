using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Mosaic.Features.Preferences;

/// <summary>
/// An anonymous visitor's preferences, in a small cookie that preferences.js writes (and the preferences page, without
/// JavaScript) so the server can filter the board and render the theme on the first paint. The value is a query
/// string (<c>theme=dark&amp;hideExplicit=0&amp;blacklist=tag1+tag2</c>); anything in it may have been tampered
/// with, so it is capped, every field is validated, and an unreadable cookie simply means the defaults.
/// </summary>
public static class PreferencesCookie
{
    public const string Name = "mosaic.prefs";

    /// <summary>Blacklisted tags a cookie carries; a longer list needs an account.</summary>
    public const int MaxBlacklist = 100;

    /// <summary>Browsers keep about 4 KB per cookie; the blacklist is cut to stay under this.</summary>
    public const int MaxLength = 3500;

    private static readonly string[] Keys =
        ["primary", "secondary", "tertiary", "accent", "fontScale", "theme", "density", "hideExplicit", "blurQuestionable", "language", "blacklist"];

    /// <summary>The visitor's preferences from the request's cookie, or null when there is none.</summary>
    public static PreferencesDto? Read(HttpRequest request, LanguageCatalog languages) =>
        request.Cookies.TryGetValue(Name, out var value) && !string.IsNullOrEmpty(value) ? Parse(value, languages) : null;

    public static PreferencesDto Parse(string value, LanguageCatalog languages)
    {
        // A cookie header can be far larger than anything a browser would have stored: ignore such a value outright.
        if (value.Length > 2 * MaxLength)
        {
            return PreferencesRules.Defaults;
        }
        Dictionary<string, StringValues> fields;
        try
        {
            fields = QueryHelpers.ParseQuery(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return PreferencesRules.Defaults;
        }
        string? Field(string key) => fields.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;
        return PreferencesRules.Sanitize(new PreferencesRequest(
            Hex(Field("primary")),
            Hex(Field("secondary")),
            Hex(Field("tertiary")),
            Hex(Field("accent")),
            double.TryParse(Field("fontScale"), NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) ? scale : null,
            Field("theme"),
            Field("density"),
            Flag(Field("hideExplicit")),
            Flag(Field("blurQuestionable")),
            Field("blacklist") is { } list ? [.. PreferencesRules.SplitBlacklist(list)] : null,
            Field("language")), languages, MaxBlacklist);
    }

    /// <summary>The cookie's value for these preferences, the blacklist cut to fit; <paramref name="fitted"/> says how many tags it kept.</summary>
    public static string Format(PreferencesDto p, out int fitted)
    {
        var builder = new StringBuilder();
        void Add(string key, string value) =>
            builder.Append(builder.Length == 0 ? "" : "&").Append(key).Append('=').Append(Uri.EscapeDataString(value));
        Add(Keys[0], p.Primary.TrimStart('#'));
        Add(Keys[1], p.Secondary.TrimStart('#'));
        Add(Keys[2], p.Tertiary.TrimStart('#'));
        Add(Keys[3], p.Accent.TrimStart('#'));
        Add(Keys[4], p.FontScale.ToString(CultureInfo.InvariantCulture));
        Add(Keys[5], p.Theme);
        Add(Keys[6], p.Density);
        Add(Keys[7], p.HideExplicit ? "1" : "0");
        Add(Keys[8], p.BlurQuestionable ? "1" : "0");
        Add(Keys[9], p.Language);
        fitted = 0;
        var head = builder.ToString();
        var tags = new StringBuilder();
        foreach (var tag in p.Blacklist.Take(MaxBlacklist))
        {
            var candidate = $"{tags}{(tags.Length == 0 ? "" : "+")}{Uri.EscapeDataString(tag)}";
            // Measured as it is sent: the cookie value is percent-encoded once more when it is set.
            if (Uri.EscapeDataString($"{head}&{Keys[10]}={candidate}").Length > MaxLength)
            {
                break;
            }
            tags.Clear().Append(candidate);
            fitted++;
        }
        if (fitted > 0)
        {
            builder.Append('&').Append(Keys[10]).Append('=').Append(tags);
        }
        return builder.ToString();
    }

    public static void Write(HttpContext http, PreferencesDto preferences, out int fitted) =>
        http.Response.Cookies.Append(Name, Format(preferences, out fitted), new CookieOptions
        {
            // Read by preferences.js as well as the server: it holds nothing secret.
            HttpOnly = false,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });

    private static string? Hex(string? value) => value is null ? null : "#" + value.TrimStart('#');

    private static bool? Flag(string? value) => value switch
    {
        "1" or "true" => true,
        "0" or "false" => false,
        _ => null,
    };
}
