using System.Net;
using System.Net.Http.Json;
using Mosaic.Features.Preferences;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Preferences;

/// <summary>The preferences page, the board's filters and the theme picker as a browser without JavaScript sees them.</summary>
[Collection(ServerCollection.Name)]
public sealed class PreferencesPagesTests(Servers servers)
{
    private static readonly Dictionary<string, string> Everything = new()
    {
        ["Form.Action"] = "save",
        ["Form.Primary"] = "#0b7285",
        ["Form.Secondary"] = "#e5484d",
        ["Form.Tertiary"] = "#12a594",
        ["Form.Accent"] = "#f5a524",
        ["Form.FontScale"] = "1.25",
        ["Form.Theme"] = "dark",
        ["Form.Density"] = "spacious",
        ["Form.BlurQuestionable"] = "true",
        ["Form.Blacklist"] = "gore, spiders",
        ["Form.Language"] = "en",
    };

    [Fact]
    public async Task Every_page_has_the_theme_control_in_the_corner_linking_to_the_preferences_page()
    {
        var page = await servers.For(DatabaseProvider.Sqlite).CreateTestClient().GetPageAsync("/");

        var link = page.QuerySelector(".theme-picker a[data-theme-picker-link]");
        var button = page.QuerySelector(".theme-picker button[data-theme-picker-open]");
        Assert.Equal("/preferences", link?.GetAttribute("href"));
        Assert.Equal("Theme", link?.GetAttribute("aria-label"));
        Assert.Equal("Theme", button?.GetAttribute("aria-label"));
        Assert.True(button!.HasAttribute("hidden"));
        Assert.NotNull(page.QuerySelector(".theme-picker [data-theme-picker] dialog[data-theme-picker-panel]"));
    }

    [Fact]
    public async Task Anonymous_visitors_save_to_a_cookie_that_the_next_page_applies()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var response = await client.SubmitFormAsync("/preferences", "preferences", Everything);
        var home = await client.GetPageAsync("/");
        var form = await client.GetPageAsync("/preferences");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/preferences?done=saved", Location(response));
        Assert.NotNull(client.CookieValue(PreferencesCookie.Name));
        var html = home.DocumentElement;
        Assert.Equal(("dark", "spacious"), (html.GetAttribute("data-theme"), html.GetAttribute("data-density")));
        Assert.Equal("/preferences/theme.css?primary=0b7285&scale=1.25", home.QuerySelector("link[data-theme-stylesheet]")?.GetAttribute("href"));
        Assert.Equal("gore spiders", form.QuerySelector("#form-blacklist")?.TextContent);
        Assert.False(form.QuerySelector("input[name='Form.HideExplicit']")!.HasAttribute("checked"));
        Assert.Equal("browser", home.QuerySelector("[data-theme-picker]")?.GetAttribute("data-source"));
    }

    [Theory, BothDatabases]
    public async Task Signed_in_people_save_to_their_account(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        await client.SignUpAndSignInAsync();

        var response = await client.SubmitFormAsync("/preferences", "preferences", Everything);
        var saved = await client.Http.GetFromJsonAsync<PreferencesDto>("/api/v1/me/preferences");
        var home = await client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(client.CookieValue(PreferencesCookie.Name));
        Assert.Equal(("#0b7285", 1.25, "dark", "spacious", false), (saved!.Primary, saved.FontScale, saved.Theme, saved.Density, saved.HideExplicit));
        Assert.Equal(["gore", "spiders"], saved.Blacklist);
        Assert.Equal("account", home.QuerySelector("[data-theme-picker]")?.GetAttribute("data-source"));
    }

    [Fact]
    public async Task Invalid_values_are_shown_with_their_errors()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var response = await client.SubmitFormAsync("/preferences", "preferences", new Dictionary<string, string>(Everything)
        {
            ["Form.Primary"] = "not-a-colour",
            ["Form.Blacklist"] = "fine bad:tag",
            ["Form.FontScale"] = "9",
        });
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(client.CookieValue(PreferencesCookie.Name));
        Assert.Contains("#rrggbb", page.QuerySelector(".preferences__colors .field__error")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("bad:tag", page.QuerySelector("#form-blacklist-error")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#form-fontscale-error"));
        Assert.Equal("fine bad:tag", page.QuerySelector("#form-blacklist")?.TextContent);
    }

    [Fact]
    public async Task Reset_goes_back_to_the_defaults()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        await client.SignUpAndSignInAsync();
        await client.SubmitFormAsync("/preferences", "preferences", Everything);

        var response = await client.SubmitFormAsync("/preferences", "preferences", new Dictionary<string, string> { ["Form.Action"] = "reset" });
        var saved = await client.Http.GetFromJsonAsync<PreferencesDto>("/api/v1/me/preferences");

        Assert.Equal("/preferences?done=reset", Location(response));
        Assert.True(saved!.SameAs(PreferencesRules.Defaults));
    }

    [Fact]
    public async Task A_browser_keeps_only_as_many_blacklisted_tags_as_its_cookie_holds()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        var tags = string.Join(' ', Enumerable.Range(0, 150).Select(i => $"tag_number_{i}"));

        var response = await client.SubmitFormAsync("/preferences", "preferences", new Dictionary<string, string>(Everything) { ["Form.Blacklist"] = tags });
        var page = await client.GetPageAsync(Location(response));

        Assert.Matches(@"^/preferences\?done=saved&kept=\d+$", Location(response));
        Assert.True(Uri.EscapeDataString(client.CookieValue(PreferencesCookie.Name)!).Length <= 4000);
        Assert.NotNull(page.QuerySelector(".alert--warning"));
    }

    [Theory, BothDatabases]
    public async Task The_boards_filters_form_saves_and_shows_explicit_posts(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var posts = await BoardPosts.CreateAsync(factory);
        var client = factory.CreateTestClient();

        var response = await client.SubmitFormAsync(posts.BoardUrl, "board-filters", new Dictionary<string, string>
        {
            ["Filters.BlurQuestionable"] = "true",
            ["Filters.Blacklist"] = posts.BadTag,
            ["Filters.Density"] = "compact",
        });
        var page = await client.GetPageAsync(Location(response));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/?tag={posts.Tag}&customize=true&saved=true", Location(response));
        Assert.Equal([posts.Explicit, posts.Questionable, posts.Safe], BoardPosts.Shown(page));
        Assert.True(page.QuerySelector("#board-customize")!.HasAttribute("checked"));
        Assert.Equal("compact", page.DocumentElement.GetAttribute("data-density"));
        Assert.NotNull(page.QuerySelector(".board__filters .alert--success"));
    }

    [Fact]
    public async Task The_customization_panel_is_there_but_switched_off_by_default()
    {
        var page = await servers.For(DatabaseProvider.Sqlite).CreateTestClient().GetPageAsync("/");

        var toggle = page.QuerySelector("input#board-customize");
        Assert.Equal("switch", toggle?.GetAttribute("role"));
        Assert.False(toggle!.HasAttribute("checked"));
        Assert.Equal("Display tags, filters, and preferences", page.QuerySelector("label[for='board-customize']")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#board-customize-panel input[name='Filters.HideExplicit'][checked]"));
        Assert.NotNull(page.QuerySelector("#board-customize-panel input[name='Filters.BlurQuestionable'][checked]"));
    }

    [Fact]
    public async Task The_theme_stylesheet_carries_only_valid_values_and_is_cacheable()
    {
        var http = servers.For(DatabaseProvider.Sqlite).CreateClient();

        var response = await http.GetAsync("/preferences/theme.css?primary=0B7285&secondary=red;}body{display:none&accent=12345&scale=1.125&tertiary=%3C/style%3E");
        var css = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--primary: #0b7285;", css, StringComparison.Ordinal);
        Assert.Contains("--font-base: 1.125rem;", css, StringComparison.Ordinal);
        Assert.DoesNotContain("--secondary", css, StringComparison.Ordinal);
        Assert.DoesNotContain("--accent", css, StringComparison.Ordinal);
        Assert.DoesNotContain("--tertiary", css, StringComparison.Ordinal);
        Assert.DoesNotContain("display", css, StringComparison.Ordinal);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The redirect's target as path and query, however the server spelled it.</summary>
    private static string Location(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{response.StatusCode} is not a redirect");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}
