using System.Net;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Accounts;

/// <summary>The account pages as a browser without JavaScript uses them: plain forms, redirects and cookies.</summary>
[Collection(ServerCollection.Name)]
public sealed class AccountPagesTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task Sign_up_form_creates_the_account_and_signs_in(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        var credentials = TestClient.NewCredentials();

        var response = await client.SubmitFormAsync("/account/signup", "signup", new Dictionary<string, string>
        {
            ["Form.Username"] = credentials.Username,
            ["Form.Email"] = credentials.Email,
            ["Form.Password"] = credentials.Password,
        });
        var home = await client.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Location(response));
        Assert.Equal("@" + credentials.Username, home.QuerySelector(".site-header__user")?.TextContent);
        Assert.NotNull(home.QuerySelector("form[action='/account/signout']"));
    }

    [Fact]
    public async Task Sign_up_form_shows_field_errors_and_keeps_what_was_typed()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var response = await client.SubmitFormAsync("/account/signup", "signup", new Dictionary<string, string>
        {
            ["Form.Username"] = "No Spaces",
            ["Form.Email"] = "someone@example.com",
            ["Form.Password"] = "short",
        });
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lowercase letters", page.QuerySelector("#form-username-error")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#form-password-error"));
        Assert.Equal("true", page.QuerySelector("#form-username")?.GetAttribute("aria-invalid"));
        Assert.Equal("someone@example.com", page.QuerySelector("#form-email")?.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#form-password")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Sign_up_form_encodes_what_people_type()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var response = await client.SubmitFormAsync("/account/signup", "signup", new Dictionary<string, string>
        {
            ["Form.Username"] = "<script>alert(1)</script>",
            ["Form.Email"] = "\"><script>alert(2)</script>@x.y",
            ["Form.Password"] = TestClient.Password,
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Sign_in_form_signs_in_and_returns_to_a_local_page_only(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var credentials = await factory.CreateTestClient().SignUpAsync();
        var client = factory.CreateTestClient();
        var fields = new Dictionary<string, string> { ["Form.Username"] = credentials.Username, ["Form.Password"] = credentials.Password };

        var local = await client.SubmitFormAsync("/account/signin?ReturnUrl=%2Faccount%2Fsettings", "signin", fields);
        var offsite = await factory.CreateTestClient().SubmitFormAsync("/account/signin?ReturnUrl=%2F%2Fevil.example%2F", "signin", fields);
        var settings = await client.Http.GetAsync("/account/settings");

        Assert.Equal("/account/settings", Location(local));
        Assert.Equal("/", Location(offsite));
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
    }

    [Fact]
    public async Task Sign_in_form_with_a_wrong_password_says_so()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var credentials = await factory.CreateTestClient().SignUpAsync();
        var client = factory.CreateTestClient();

        var response = await client.SubmitFormAsync("/account/signin", "signin", new Dictionary<string, string>
        {
            ["Form.Username"] = credentials.Username,
            ["Form.Password"] = "not-the-password-1",
        });
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Wrong username or password", page.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var response = await client.Http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["Form.Username"] = "someone",
            ["Form.Password"] = "whatever-password",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Sign_out_button_ends_the_session(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        await client.SignUpAndSignInAsync();
        var page = await client.GetPageAsync("/");
        var token = page.QuerySelector("form[action='/account/signout'] input[name='__RequestVerificationToken']")?.GetAttribute("value");

        var response = await client.Http.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token! }));
        var settings = await client.Http.GetAsync("/account/settings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.StartsWith("/account/signin", Location(settings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_page_redirects_anonymous_visitors_to_sign_in()
    {
        var response = await servers.For(DatabaseProvider.Sqlite).CreateTestClient().Http.GetAsync("/account/settings");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/signin", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Settings_page_creates_a_token_shown_once_then_revokes_it(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        await client.SignUpAndSignInAsync();

        var created = await client.SubmitFormAsync("/account/settings", "create-token", new Dictionary<string, string>
        {
            ["NewToken.Name"] = "my laptop",
            ["NewToken.ExpiresInDays"] = "30",
        });
        var shown = await client.GetPageAsync(Location(created)!);
        var secret = shown.QuerySelector("#new-token")?.GetAttribute("value");
        var reloaded = await client.GetPageAsync(Location(created)!);
        var tokenId = reloaded.QuerySelector("tr[data-token-id]")?.GetAttribute("data-token-id");
        var revoked = await client.SubmitFormAsync("/account/settings", "revoke-token", new Dictionary<string, string> { ["Revoke.Id"] = tokenId! });
        var afterRevoke = await client.GetPageAsync(Location(revoked)!);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.StartsWith("mos_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret!, Location(created), StringComparison.Ordinal);
        Assert.Null(reloaded.QuerySelector("#new-token"));
        Assert.DoesNotContain(secret!, reloaded.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Single(reloaded.QuerySelectorAll("tr[data-token-id]"));
        Assert.Contains("my laptop", reloaded.QuerySelector("tr[data-token-id]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Null(afterRevoke.QuerySelector("tr[data-token-id]"));
        Assert.Contains("revoked", afterRevoke.QuerySelector(".alert--success")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_page_cannot_revoke_another_persons_token()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var alice = factory.CreateTestClient();
        await alice.SignUpAndSignInAsync("alice");
        var aliceToken = await alice.CreateTokenAsync();
        var aliceTokenId = (await alice.GetPageAsync("/account/settings")).QuerySelector("tr[data-token-id]")!.GetAttribute("data-token-id")!;
        var bob = factory.CreateTestClient();
        await bob.SignUpAndSignInAsync("bob");
        await bob.CreateTokenAsync("bobs-own");

        var response = await bob.SubmitFormAsync("/account/settings", "revoke-token", new Dictionary<string, string> { ["Revoke.Id"] = aliceTokenId });
        var aliceStillWorks = await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Get, "/api/v1/me", aliceToken));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliceStillWorks.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Settings_page_changes_the_password(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var client = factory.CreateTestClient();
        var credentials = await client.SignUpAndSignInAsync();

        var wrong = await client.SubmitFormAsync("/account/settings", "password", new Dictionary<string, string>
        {
            ["Password.Current"] = "not-my-password-1",
            ["Password.New"] = "another-long-passphrase-3",
        });
        var changed = await client.SubmitFormAsync("/account/settings", "password", new Dictionary<string, string>
        {
            ["Password.Current"] = credentials.Password,
            ["Password.New"] = "another-long-passphrase-3",
        });
        var signIn = await factory.CreateTestClient().Http.PostAsync("/api/v1/sessions",
            System.Net.Http.Json.JsonContent.Create(new { credentials.Username, Password = "another-long-passphrase-3" }));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("current password is not right", (await TestClient.ParseAsync(wrong)).QuerySelector("#password-current-error")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.NotNull((await client.GetPageAsync(Location(changed)!)).QuerySelector(".alert--success"));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task Home_page_offers_sign_in_and_sign_up_to_visitors()
    {
        var page = await servers.For(DatabaseProvider.Sqlite).CreateTestClient().GetPageAsync("/");

        Assert.NotNull(page.QuerySelector("header a[href='/account/signin']"));
        Assert.NotNull(page.QuerySelector("header a[href='/account/signup']"));
        Assert.NotNull(page.QuerySelector("main h1"));
    }

    [Fact]
    public async Task Unknown_pages_are_a_404_page()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        client.Http.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var response = await client.Http.GetAsync("/no/such/page");
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing here", page.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The redirect target as a local path, whether the server sent it absolute or relative.</summary>
    private static string? Location(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : null;
}
