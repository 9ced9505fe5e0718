using System.Net;
using System.Text.Json;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Platform;

[Collection(ServerCollection.Name)]
public sealed class PlatformTests(Servers servers)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/signin")]
    [InlineData("/api/v1/me")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        var response = await servers.For(DatabaseProvider.Sqlite).CreateClient().GetAsync(url);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/signin")]
    [InlineData("/account/signup")]
    [InlineData("/_gallery")]
    public async Task Pages_have_no_inline_script_or_style(string url)
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var page = await client.GetPageAsync(url);

        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("[onclick], [onload], [onsubmit]"));
    }

    [Theory, BothDatabases]
    public async Task Health_and_readiness_answer(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateClient();

        var health = await client.GetAsync("/healthz");
        var ready = await client.GetAsync("/readyz");
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("data-folder").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Pages_link_fingerprinted_assets_so_they_can_be_cached_for_good()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        var page = await client.GetPageAsync("/");
        var assets = page.QuerySelectorAll("link[rel=stylesheet], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .ToList();

        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            // name.<fingerprint>.ext: MapStaticAssets serves these with "max-age=31536000, immutable" outside Development.
            Assert.Matches(@"\.[a-z0-9]{8,}\.(styles\.)?(css|js)$", asset);
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/" + asset)).StatusCode);
        }
    }

    [Fact]
    public async Task Gallery_is_not_found_outside_development()
    {
        await using var production = new MosaicFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["environment"] = "Production" });
        await production.InitializeAsync();

        var response = await production.CreateClient().GetAsync("/_gallery");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Gallery_lists_every_ui_component_in_development()
    {
        var page = await servers.For(DatabaseProvider.Sqlite).CreateTestClient().GetPageAsync("/_gallery");

        foreach (var component in new[] { "Button", "TextField", "Alert", "SecretField", "EmptyState", "Card" })
        {
            Assert.NotNull(page.QuerySelector($"#gallery-{component.ToLowerInvariant()}-title"));
        }
        Assert.NotNull(page.QuerySelector("button[aria-busy=true]"));
        Assert.NotNull(page.QuerySelector("[aria-invalid=true]"));
    }

    [Fact]
    public async Task Swagger_ui_and_the_openapi_document_are_served()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateClient();

        var ui = await client.GetAsync("/api/v1/docs/index.html");
        var document = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json")).RootElement;

        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/me/tokens", out _));
    }

    [Fact]
    public async Task Request_logs_never_contain_passwords_tokens_or_cookies()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var client = factory.CreateTestClient();
        var credentials = await client.SignUpAndSignInAsync("logged");
        var token = await client.CreateTokenAsync();
        await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Get, "/api/v1/me?access_token=" + token, token));
        var session = client.CookieValue("mosaic.session")!;

        var logs = factory.Logs.Entries.ToList();

        Assert.Contains(logs, l => l.Contains("/api/v1/me/tokens", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(credentials.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains(session, StringComparison.Ordinal));
    }
}
