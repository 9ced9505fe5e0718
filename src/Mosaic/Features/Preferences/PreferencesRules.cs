using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Mosaic.Features.Accounts;
using Mosaic.Features.Tags;

namespace Mosaic.Features.Preferences;

/// <summary>What a valid preferences document is: the defaults, the allowed values, and the checks.</summary>
public static partial class PreferencesRules
{
    public const double MinFontScale = 0.75;
    public const double MaxFontScale = 1.5;
    public const int MaxBlacklist = 200;
    public const string AutoLanguage = "auto";

    public static readonly IReadOnlyList<string> Themes = ["system", "light", "dark"];
    public static readonly IReadOnlyList<string> Densities = ["compact", "comfortable", "spacious"];

    /// <summary>The steps the font-size selectors offer; the API takes any value in range.</summary>
    public static readonly IReadOnlyList<double> FontScales = [0.875, 1, 1.125, 1.25, 1.5];

    /// <summary>Hide explicit posts and blur questionable thumbnails unless the visitor says otherwise.</summary>
    public static PreferencesDto Defaults { get; } = new(
        "#5b5bd6", "#e5484d", "#12a594", "#f5a524", 1, "system", "comfortable", HideExplicit: true, BlurQuestionable: true, [], AutoLanguage);

    /// <summary>Checks a document field by field; on success <paramref name="preferences"/> holds it normalized.</summary>
    public static FieldErrors Validate(PreferencesRequest request, LanguageCatalog languages, IStringLocalizer text, out PreferencesDto preferences)
    {
        var errors = new FieldErrors();
        preferences = Evaluate(request, languages, MaxBlacklist, (field, key, args) => errors.Add(field, text[key, args]));
        return errors;
    }

    /// <summary>Whatever arrives (a stored document, a cookie): every invalid field falls back to its default.</summary>
    public static PreferencesDto Sanitize(PreferencesRequest? request, LanguageCatalog languages, int maxBlacklist = MaxBlacklist) =>
        request is null ? Defaults : Evaluate(request, languages, maxBlacklist, report: null);

    /// <summary>Blacklist text as people type it (spaces, commas or new lines between tags) split into entries.</summary>
    public static IReadOnlyList<string> SplitBlacklist(string? text) =>
        (text ?? "").Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A colour as <c>#rrggbb</c> in lower case, or null when <paramref name="value"/> is not one.</summary>
    public static string? NormalizeColor(string? value) => value is not null && HexColor().IsMatch(value) ? value.ToLowerInvariant() : null;

    public static bool IsFontScale(double value) => double.IsFinite(value) && value is >= MinFontScale and <= MaxFontScale;

    private static PreferencesDto Evaluate(PreferencesRequest r, LanguageCatalog languages, int maxBlacklist, Action<string, string, object[]>? report)
    {
        var d = Defaults;
        return new PreferencesDto(
            Color(r.Primary, d.Primary, "primary", report),
            Color(r.Secondary, d.Secondary, "secondary", report),
            Color(r.Tertiary, d.Tertiary, "tertiary", report),
            Color(r.Accent, d.Accent, "accent", report),
            FontScale(r.FontScale, report),
            OneOf(r.Theme, Themes, d.Theme, "theme", "Error.Theme", report),
            OneOf(r.Density, Densities, d.Density, "density", "Error.Density", report),
            r.HideExplicit ?? d.HideExplicit,
            r.BlurQuestionable ?? d.BlurQuestionable,
            Blacklist(r.Blacklist, maxBlacklist, report),
            Language(r.Language, languages, report));
    }

    private static string Color(string? value, string fallback, string field, Action<string, string, object[]>? report)
    {
        if (value is null)
        {
            return fallback;
        }
        if (NormalizeColor(value) is { } color)
        {
            return color;
        }
        report?.Invoke(field, "Error.Color", []);
        return fallback;
    }

    private static double FontScale(double? value, Action<string, string, object[]>? report)
    {
        if (value is null)
        {
            return Defaults.FontScale;
        }
        if (IsFontScale(value.Value))
        {
            return Math.Round(value.Value, 3);
        }
        report?.Invoke("fontScale", "Error.FontScale", [MinFontScale.ToString(CultureInfo.CurrentCulture), MaxFontScale.ToString(CultureInfo.CurrentCulture)]);
        return Defaults.FontScale;
    }

    private static string OneOf(string? value, IReadOnlyList<string> allowed, string fallback, string field, string message, Action<string, string, object[]>? report)
    {
        if (value is null)
        {
            return fallback;
        }
        var match = allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            report?.Invoke(field, message, [string.Join(", ", allowed)]);
        }
        return match ?? fallback;
    }

    private static List<string> Blacklist(IReadOnlyList<string?>? entries, int max, Action<string, string, object[]>? report)
    {
        if (entries is null)
        {
            return [];
        }
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var invalid = new List<string>();
        foreach (var entry in entries)
        {
            if (report is null && names.Count == max)
            {
                break;
            }
            if (entry is not null && Tag.Normalize(entry) is { } name)
            {
                if (seen.Add(name))
                {
                    names.Add(name);
                }
            }
            else
            {
                invalid.Add(entry ?? "null");
            }
        }
        if (invalid.Count > 0)
        {
            // A few examples are enough to fix the list; a thousand bad entries must not make a thousand messages.
            report?.Invoke("blacklist", "Error.BlacklistTag", [string.Join(", ", invalid.Take(5).Select(e => $"“{Shorten(e)}”"))]);
        }
        if (names.Count > max)
        {
            report?.Invoke("blacklist", "Error.BlacklistSize", [max]);
            names.RemoveRange(max, names.Count - max);
        }
        return names;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string Language(string? value, LanguageCatalog languages, Action<string, string, object[]>? report)
    {
        if (value is null || string.Equals(value.Trim(), AutoLanguage, StringComparison.OrdinalIgnoreCase))
        {
            return AutoLanguage;
        }
        if (languages.Find(value) is { } code)
        {
            return code;
        }
        report?.Invoke("language", "Error.Language", [string.Join(", ", languages.Cultures.Select(c => c.Name).Prepend(AutoLanguage))]);
        return AutoLanguage;
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColor();
}
