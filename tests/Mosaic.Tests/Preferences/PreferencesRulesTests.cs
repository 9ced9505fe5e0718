using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mosaic.Features.Preferences;
using Mosaic.Resources;

namespace Mosaic.Tests.Preferences;

public sealed class PreferencesRulesTests
{
    private static readonly LanguageCatalog Languages = new(["fr"]);

    private static readonly IStringLocalizer Text = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(PreferencesStrings));

    [Fact]
    public void Defaults_hide_explicit_posts_and_blur_questionable_ones()
    {
        var defaults = PreferencesRules.Defaults;

        Assert.True(defaults.HideExplicit);
        Assert.True(defaults.BlurQuestionable);
        Assert.Equal(("system", "comfortable", "auto", 1.0), (defaults.Theme, defaults.Density, defaults.Language, defaults.FontScale));
        Assert.Empty(defaults.Blacklist);
    }

    [Fact]
    public void An_empty_request_is_valid_and_means_the_defaults()
    {
        var errors = PreferencesRules.Validate(new PreferencesRequest(), Languages, Text, out var preferences);

        Assert.Empty(errors);
        Assert.True(preferences.SameAs(PreferencesRules.Defaults));
    }

    [Fact]
    public void Messages_come_from_the_resource_file()
    {
        var errors = PreferencesRules.Validate(new PreferencesRequest(Primary: "red", FontScale: 2, Blacklist: ["a:b", "c:d"]), Languages, Text, out _);

        Assert.Equal("Use a colour in the form #rrggbb.", errors.For("primary"));
        Assert.Contains("0.75", errors.For("fontScale"), StringComparison.Ordinal);
        Assert.Equal("Not a tag name: “a:b”, “c:d”.", errors.For("blacklist"));
    }

    [Fact]
    public void A_thousand_bad_tags_make_one_short_message()
    {
        var errors = PreferencesRules.Validate(new PreferencesRequest(Blacklist: [.. Enumerable.Range(0, 1000).Select(i => $"bad:{i}")]), Languages, Text, out _);

        var message = Assert.Single(errors["blacklist"]);
        Assert.True(message.Length < 200, message);
    }

    [Theory]
    [InlineData("fr", "fr")]
    [InlineData("FR", "fr")]
    [InlineData("en", "en")]
    [InlineData("auto", "auto")]
    [InlineData("AUTO", "auto")]
    public void Supported_languages_are_accepted_in_any_case(string given, string stored)
    {
        var errors = PreferencesRules.Validate(new PreferencesRequest(Language: given), Languages, Text, out var preferences);

        Assert.Empty(errors);
        Assert.Equal(stored, preferences.Language);
    }

    [Fact]
    public void Sanitize_replaces_each_bad_field_with_its_default_and_keeps_the_good_ones()
    {
        var preferences = PreferencesRules.Sanitize(new PreferencesRequest(Primary: "#ABCDEF", Secondary: "oops", FontScale: double.PositiveInfinity, Theme: "dark", Density: "dense",
            Blacklist: ["ok", null, "not:ok", "OK"], Language: "zz"), Languages);

        Assert.Equal(("#abcdef", "#e5484d", 1.0, "dark", "comfortable", "auto"), (preferences.Primary, preferences.Secondary, preferences.FontScale, preferences.Theme, preferences.Density, preferences.Language));
        Assert.Equal(["ok"], preferences.Blacklist);
    }

    [Fact]
    public void Sanitize_caps_the_blacklist()
    {
        var preferences = PreferencesRules.Sanitize(new PreferencesRequest(Blacklist: [.. Enumerable.Range(0, 500).Select(i => $"t{i}")]), Languages, maxBlacklist: 10);

        Assert.Equal(10, preferences.Blacklist.Count);
        Assert.Equal("t9", preferences.Blacklist[^1]);
    }

    [Fact]
    public void The_language_catalog_offers_english_and_the_cultures_it_is_given()
    {
        var catalog = new LanguageCatalog(["fr", "de-CH", "fr", "not a culture!"]);

        Assert.Equal(["en", "de-CH", "fr"], catalog.Cultures.Select(c => c.Name));
        Assert.Equal("de-CH", catalog.Find("DE-ch"));
        Assert.Null(catalog.Find("es"));
        Assert.Equal(["en"], new LanguageCatalog([]).Cultures.Select(c => c.Name));
    }

    [Fact]
    public void The_installed_catalog_finds_english()
    {
        Assert.Contains("en", new LanguageCatalog().Cultures.Select(c => c.Name));
    }
}
