using Mosaic.Features.Preferences;

namespace Mosaic.Tests.Preferences;

public sealed class PreferencesCookieTests
{
    private static readonly LanguageCatalog Languages = new([]);

    [Fact]
    public void Format_and_parse_round_trip()
    {
        var preferences = PreferencesRules.Defaults with
        {
            Primary = "#0b7285", FontScale = 1.125, Theme = "dark", Density = "compact", HideExplicit = false, BlurQuestionable = false,
            Blacklist = ["gore", "c++", "日本", "what?"], Language = "en",
        };

        var value = PreferencesCookie.Format(preferences, out var fitted);
        var parsed = PreferencesCookie.Parse(value, Languages);

        Assert.Equal(4, fitted);
        Assert.True(parsed.SameAs(preferences), value);
    }

    [Fact]
    public void The_value_preferences_js_writes_reads_the_same()
    {
        // URLSearchParams: spaces as '+', '+' as %2B.
        var parsed = PreferencesCookie.Parse("theme=light&hideExplicit=0&blacklist=a%2Bb+c&fontScale=0.875", Languages);

        Assert.Equal(("light", false, 0.875), (parsed.Theme, parsed.HideExplicit, parsed.FontScale));
        Assert.Equal(["a+b", "c"], parsed.Blacklist);
    }

    [Fact]
    public void A_long_blacklist_is_cut_to_fit_a_cookie()
    {
        var preferences = PreferencesRules.Defaults with { Blacklist = [.. Enumerable.Range(0, 200).Select(i => $"a_rather_long_tag_name_number_{i}")] };

        var value = PreferencesCookie.Format(preferences, out var fitted);

        Assert.InRange(fitted, 1, PreferencesCookie.MaxBlacklist - 1);
        Assert.True(Uri.EscapeDataString(value).Length <= PreferencesCookie.MaxLength);
        Assert.Equal(fitted, PreferencesCookie.Parse(value, Languages).Blacklist.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&")]
    [InlineData("%")]
    [InlineData("%E2%28%A1")]
    [InlineData("primary=%ZZ&theme=%")]
    [InlineData("theme")]
    [InlineData("fontScale=1e309&density=compact%00")]
    public void Garbage_parses_to_the_defaults(string value)
    {
        Assert.True(PreferencesCookie.Parse(value, Languages).SameAs(PreferencesRules.Defaults));
    }
}
