using System.Text.RegularExpressions;
using Mosaic.Features.Preferences;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Preferences;

/// <summary>The defaults live in three places (the stylesheet, the rules, the browser script); they must agree.</summary>
public sealed partial class DefaultsInSyncTests
{
    [Theory]
    [InlineData("primary")]
    [InlineData("secondary")]
    [InlineData("tertiary")]
    [InlineData("accent")]
    public void Each_default_colour_is_the_same_in_tokens_css_the_rules_and_preferences_js(string token)
    {
        var css = File.ReadAllText(Repo.Path("src", "Mosaic", "wwwroot", "css", "tokens.css"));
        var js = File.ReadAllText(Repo.Path("src", "Mosaic", "wwwroot", "js", "preferences.js"));
        var rules = typeof(PreferencesDto).GetProperty(char.ToUpperInvariant(token[0]) + token[1..])!.GetValue(PreferencesRules.Defaults);

        // The first :root block is the light theme, which the defaults describe.
        var light = css[..css.IndexOf("@media", StringComparison.Ordinal)];
        Assert.Equal(rules, Regex.Match(light, $@"--{token}:\s*(#[0-9a-f]{{6}});").Groups[1].Value);
        Assert.Equal(rules, Regex.Match(js, $@"\b{token}:\s*""(#[0-9a-f]{{6}})""").Groups[1].Value);
    }

    [Fact]
    public void The_cookie_limits_are_the_same_on_both_sides()
    {
        var js = File.ReadAllText(Repo.Path("src", "Mosaic", "wwwroot", "js", "preferences.js"));

        Assert.Contains($"cookieMaxLength = {PreferencesCookie.MaxLength};", js, StringComparison.Ordinal);
        Assert.Contains($"cookieMaxTags = {PreferencesCookie.MaxBlacklist};", js, StringComparison.Ordinal);
        Assert.Contains($"cookieName = \"{PreferencesCookie.Name}\";", js, StringComparison.Ordinal);
    }
}
