namespace Mosaic.Features.Preferences;

/// <summary>Display preferences: the same document for an account (saved in Mosaic) and a browser (kept locally).</summary>
/// <param name="Primary">Brand colour <c>--primary</c> as <c>#rrggbb</c>; likewise the next three.</param>
/// <param name="Secondary">Brand colour <c>--secondary</c>.</param>
/// <param name="Tertiary">Brand colour <c>--tertiary</c>.</param>
/// <param name="Accent">Brand colour <c>--accent</c>.</param>
/// <param name="FontScale">Multiplies the whole type scale, 0.75–1.5.</param>
/// <param name="Theme"><c>system</c>, <c>light</c> or <c>dark</c>.</param>
/// <param name="Density">Grid density: <c>compact</c>, <c>comfortable</c> or <c>spacious</c>.</param>
/// <param name="HideExplicit">Leave explicit posts off the board.</param>
/// <param name="BlurQuestionable">Blur the thumbnails of questionable posts.</param>
/// <param name="Blacklist">Tag names whose posts are never shown, at most 200.</param>
/// <param name="Language"><c>auto</c> (follow the browser) or a supported language code such as <c>en</c>.</param>
/// <param name="UpdatedAt">When the account last saved its preferences; null while it has none and these are the defaults.</param>
public sealed record PreferencesDto(
    string Primary,
    string Secondary,
    string Tertiary,
    string Accent,
    double FontScale,
    string Theme,
    string Density,
    bool HideExplicit,
    bool BlurQuestionable,
    IReadOnlyList<string> Blacklist,
    string Language,
    DateTimeOffset? UpdatedAt = null)
{
    /// <summary>Same values, ignoring when they were saved (records compare lists by reference).</summary>
    public bool SameAs(PreferencesDto other) =>
        this with { Blacklist = [], UpdatedAt = null } == other with { Blacklist = [], UpdatedAt = null }
        && Blacklist.SequenceEqual(other.Blacklist, StringComparer.Ordinal);
}

/// <summary>
/// Replaces the account's preferences (the fields of <see cref="PreferencesDto"/>); a field left out takes its default.
/// </summary>
public sealed record PreferencesRequest(
    string? Primary = null,
    string? Secondary = null,
    string? Tertiary = null,
    string? Accent = null,
    double? FontScale = null,
    string? Theme = null,
    string? Density = null,
    bool? HideExplicit = null,
    bool? BlurQuestionable = null,
    IReadOnlyList<string?>? Blacklist = null,
    string? Language = null)
{
    public static PreferencesRequest From(PreferencesDto p) =>
        new(p.Primary, p.Secondary, p.Tertiary, p.Accent, p.FontScale, p.Theme, p.Density, p.HideExplicit, p.BlurQuestionable, [.. p.Blacklist], p.Language);
}

