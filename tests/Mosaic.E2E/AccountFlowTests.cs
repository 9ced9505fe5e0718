using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mosaic.Features.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Mosaic.E2E;

public sealed class AccountFlowTests(MosaicServer server, Chromium chromium)
    : BrowserTest(server, chromium), IClassFixture<MosaicServer>, IClassFixture<Chromium>
{
    private const string TokenName = "e2e script";

    [Fact]
    public async Task Signed_in_user_creates_a_token_that_authenticates_the_api()
    {
        var username = $"e2e{Guid.NewGuid().ToString("N")[..8]}";

        var secret = await InBrowserAsync(async page =>
        {
            var accountNav = AccountNav(page);
            var profileLink = accountNav.GetByRole(AriaRole.Link, new() { Name = $"@{username}" });

            await page.GotoAsync("/account/signup");
            await page.GetByLabel("Username").FillAsync(username);
            await page.GetByLabel("Email").FillAsync($"{username}@example.com");
            await page.GetByLabel("Password").FillAsync(Password);
            await DocumentAsync(page, "signup");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
            await Expect(profileLink).ToBeVisibleAsync();

            await accountNav.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(profileLink).ToBeHiddenAsync();

            // The header's link, not the home page's "sign in" link, which would match the same name.
            await accountNav.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
            await page.GetByLabel("Username or email").FillAsync(username);
            await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(profileLink).ToBeVisibleAsync();

            await profileLink.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account settings" })).ToBeVisibleAsync();
            await page.GetByLabel("Token name").FillAsync(TokenName);
            await page.GetByLabel("Expires").SelectOptionAsync(new SelectOptionValue { Label = "in 30 days" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

            var newToken = page.GetByLabel("Your new token");
            await Expect(newToken).ToHaveValueAsync(new Regex($"^{Regex.Escape(AccessToken.SecretPrefix)}"));
            var secret = await newToken.InputValueAsync();

            var row = page.GetByRole(AriaRole.Table, new() { Name = "Your access tokens" })
                .GetByRole(AriaRole.Row).Filter(new() { HasText = TokenName });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {TokenName}" })).ToBeVisibleAsync();
            var hint = (await row.GetByRole(AriaRole.Code).InnerTextAsync()).TrimEnd('…');
            Assert.StartsWith(hint, secret, StringComparison.Ordinal);
            await DocumentAsync(page, "settings");

            // Shown once: a fresh visit lists the token without its secret. Not ReloadAsync, which would post the form again.
            await page.GotoAsync("/account/settings");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(page.GetByLabel("Your new token")).ToHaveCountAsync(0);
            await Expect(page.Locator("body")).Not.ToContainTextAsync(secret);
            return secret;
        });

        using var api = new HttpClient { BaseAddress = Server.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await api.GetAsync(new Uri("/api/v1/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<AccountDto>();
        Assert.Equal(username, me?.Username);
    }
}
