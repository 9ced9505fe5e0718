using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mosaic.Features.Preferences;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Preferences;

[Collection(ServerCollection.Name)]
public sealed class PreferencesApiTests(Servers servers)
{
    private const string Url = "/api/v1/me/preferences";

    [Fact]
    public async Task Preferences_need_a_signed_in_person()
    {
        var anonymous = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var get = await anonymous.Http.GetAsync(Url);
        var put = await anonymous.SendAsync(HttpMethod.Put, Url, new { theme = "dark" });

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_new_account_has_the_defaults_and_no_saved_date(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        await client.SignUpAndSignInAsync();

        var preferences = await client.Http.GetFromJsonAsync<PreferencesDto>(Url);

        Assert.True(preferences!.SameAs(PreferencesRules.Defaults));
        Assert.Null(preferences.UpdatedAt);
        Assert.True(preferences.HideExplicit);
        Assert.True(preferences.BlurQuestionable);
    }

    [Theory, BothDatabases]
    public async Task Saved_preferences_come_back_normalized(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        await client.SignUpAndSignInAsync();

        var put = await client.SendAsync(HttpMethod.Put, Url, new
        {
            primary = "#AABBCC",
            secondary = "#112233",
            tertiary = "#445566",
            accent = "#778899",
            fontScale = 1.25,
            theme = "Dark",
            density = "compact",
            hideExplicit = false,
            blurQuestionable = false,
            blacklist = new[] { "Gore", "gore", "spiders", "日本" },
            language = "EN",
        });
        var saved = await put.Content.ReadFromJsonAsync<PreferencesDto>();
        var again = await client.Http.GetFromJsonAsync<PreferencesDto>(Url);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(("#aabbcc", "#112233", "#445566", "#778899"), (again!.Primary, again.Secondary, again.Tertiary, again.Accent));
        Assert.Equal((1.25, "dark", "compact", "en"), (again.FontScale, again.Theme, again.Density, again.Language));
        Assert.False(again.HideExplicit);
        Assert.False(again.BlurQuestionable);
        Assert.Equal(["gore", "spiders", "日本"], again.Blacklist);
        Assert.NotNull(again.UpdatedAt);
        Assert.True(saved!.SameAs(again));
    }

    [Fact]
    public async Task A_field_left_out_takes_its_default()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        await client.SignUpAndSignInAsync();
        await client.SendAsync(HttpMethod.Put, Url, new { theme = "dark", hideExplicit = false });

        var response = await client.SendAsync(HttpMethod.Put, Url, new { density = "spacious" });
        var saved = await response.Content.ReadFromJsonAsync<PreferencesDto>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("system", "spacious", true), (saved!.Theme, saved.Density, saved.HideExplicit));
    }

    public static TheoryData<string, object> InvalidFields => new()
    {
        { "primary", "red" },
        { "secondary", "#12345" },
        { "tertiary", "#gggggg" },
        { "accent", "112233" },
        { "fontScale", 3 },
        { "fontScale", 0.5 },
        { "theme", "neon" },
        { "density", "tiny" },
        { "language", "xx" },
        { "language", "klingon" },
        { "blacklist", new[] { "fine", "bad:tag" } },
        { "blacklist", new[] { "-leading-dash" } },
        { "blacklist", Enumerable.Range(0, PreferencesRules.MaxBlacklist + 1).Select(i => $"tag_{i}").ToArray() },
    };

    [Theory, MemberData(nameof(InvalidFields))]
    public async Task Invalid_values_are_a_400_naming_the_field(string field, object value)
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        await client.SignUpAndSignInAsync();

        var response = await client.SendAsync(HttpMethod.Put, Url, new Dictionary<string, object> { [field] = value });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var stored = await client.Http.GetFromJsonAsync<PreferencesDto>(Url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no '{field}' in {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Null(stored!.UpdatedAt);
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        await client.SignUpAndSignInAsync();

        var response = await client.SendAsync(HttpMethod.Put, Url, new { primary = "blue", theme = "neon", language = "xx", blacklist = new[] { "a:b" } });
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.Equal(["blacklist", "language", "primary", "theme"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"fontScale\": \"big\"}")]
    [InlineData("{\"hideExplicit\": \"yes\"}")]
    [InlineData("{\"blacklist\": \"gore\"}")]
    [InlineData("{\"blacklist\": [null]}")]
    [InlineData("not json")]
    public async Task Malformed_bodies_are_a_400_not_a_500(string body)
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        await client.SignUpAndSignInAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, Url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-XSRF-TOKEN", client.CookieValue("XSRF-TOKEN"));

        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task One_persons_preferences_are_theirs_alone(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = factory.CreateTestClient();
        var bob = factory.CreateTestClient();
        await alice.SignUpAndSignInAsync("alice");
        await bob.SignUpAndSignInAsync("bob");
        var aliceToken = await alice.CreateTokenAsync();

        await alice.SendAsync(HttpMethod.Put, Url, new { theme = "dark", blacklist = new[] { "alice_only" } });
        var bobSees = await bob.Http.GetFromJsonAsync<PreferencesDto>(Url);
        await bob.SendAsync(HttpMethod.Put, Url, new { theme = "light" });
        var aliceSees = await alice.Http.GetFromJsonAsync<PreferencesDto>(Url);
        var throughToken = await (await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Get, Url, aliceToken))).Content.ReadFromJsonAsync<PreferencesDto>();

        Assert.True(bobSees!.SameAs(PreferencesRules.Defaults));
        Assert.Equal("dark", aliceSees!.Theme);
        Assert.Equal(["alice_only"], aliceSees.Blacklist);
        Assert.Equal("dark", throughToken!.Theme);
    }

    [Fact]
    public async Task Cookie_writes_need_the_antiforgery_header_and_tokens_do_not()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync();
        var token = await client.CreateTokenAsync();

        var withoutHeader = await client.SendAsync(HttpMethod.Put, Url, new { theme = "dark" }, xsrf: false);
        var withToken = await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Put, Url, token, new { theme = "light" }));
        var stored = await client.Http.GetFromJsonAsync<PreferencesDto>(Url);

        Assert.Equal(HttpStatusCode.BadRequest, withoutHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal("light", stored!.Theme);
    }

    [Fact]
    public async Task Saving_twice_replaces_the_document()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync();

        var first = await client.SendAsync(HttpMethod.Put, Url, new { theme = "dark" });
        var second = await client.SendAsync(HttpMethod.Put, Url, new { theme = "light" });
        var stored = await client.Http.GetFromJsonAsync<PreferencesDto>(Url);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal("light", stored!.Theme);
    }
}
