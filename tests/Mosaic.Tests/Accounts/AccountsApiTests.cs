using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Accounts;

[Collection(ServerCollection.Name)]
public sealed class AccountsApiTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task Sign_up_then_sign_in_returns_the_account_and_a_session_cookie(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        var credentials = TestClient.NewCredentials();

        var created = await client.Http.PostAsJsonAsync("/api/v1/accounts", new { credentials.Username, credentials.Email, credentials.Password });
        var signedIn = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { credentials.Username, credentials.Password });
        var me = await client.Http.GetFromJsonAsync<AccountDto>("/api/v1/me");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/me", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mosaic.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(credentials.Username, me!.Username);
        Assert.Equal(credentials.Email, me.Email);
        Assert.Equal([Roles.User], me.Roles);
    }

    [Theory, BothDatabases]
    public async Task Sign_in_accepts_the_email_address_in_place_of_the_username(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        var credentials = await client.SignUpAsync();

        var response = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { Username = credentials.Email.ToUpperInvariant(), credentials.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Usernames_are_folded_to_lower_case_and_unique_regardless_of_case(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        var credentials = TestClient.NewCredentials("Mixed");

        var first = await client.Http.PostAsJsonAsync("/api/v1/accounts", new { credentials.Username, credentials.Email, credentials.Password });
        var second = await client.Http.PostAsJsonAsync("/api/v1/accounts", new { Username = credentials.Username.ToUpperInvariant(), Email = "other-" + credentials.Email, credentials.Password });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(credentials.Username.ToLowerInvariant(), (await first.Content.ReadFromJsonAsync<AccountDto>())!.Username);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.True((await Errors(second)).ContainsKey("username"));
    }

    [Theory, BothDatabases]
    public async Task A_taken_email_is_a_conflict_whatever_its_case(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        var taken = await client.SignUpAsync();
        var other = TestClient.NewCredentials();

        var response = await client.Http.PostAsJsonAsync("/api/v1/accounts", new { other.Username, Email = taken.Email.ToUpperInvariant(), other.Password });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True((await Errors(response)).ContainsKey("email"));
    }

    [Theory]
    [InlineData("ab", "username")]
    [InlineData("has space", "username")]
    [InlineData("émile", "username")]
    [InlineData("this-name-is-far-too-long-for-mosaic", "username")]
    [InlineData("api", "username")]
    public async Task Invalid_usernames_are_rejected_with_a_field_error(string username, string field)
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var response = await client.Http.PostAsJsonAsync("/api/v1/accounts", new { username, email = $"{Guid.NewGuid():N}@example.com", password = TestClient.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Errors(response)).ContainsKey(field));
    }

    [Theory]
    [InlineData("short1")]
    [InlineData("password123")]
    [InlineData("1234567890")]
    [InlineData("qwertyuiop")]
    [InlineData("aaaaaaaaaaaa")]
    public async Task Short_or_common_passwords_are_rejected(string password)
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        var credentials = TestClient.NewCredentials();

        var response = await client.Http.PostAsJsonAsync("/api/v1/accounts", new { credentials.Username, credentials.Email, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Errors(response)).ContainsKey("password"));
    }

    [Fact]
    public async Task Missing_fields_are_each_named_in_the_errors_map()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var response = await client.Http.PostAsJsonAsync("/api/v1/accounts", new { email = "not-an-email" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await Errors(response);
        Assert.Contains("username", errors.Keys);
        Assert.Contains("email", errors.Keys);
        Assert.Contains("password", errors.Keys);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"username\": 42}")]
    public async Task Malformed_bodies_are_a_400_problem_not_a_500(string body)
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var response = await client.Http.PostAsync("/api/v1/accounts", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_415_problem()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var response = await client.Http.PostAsync("/api/v1/sessions", new StringContent("username=a&password=b", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Wrong_password_is_401_and_does_not_say_which_part_was_wrong(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        var credentials = await client.SignUpAsync();

        var wrongPassword = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { credentials.Username, Password = "not-the-password-1" });
        var unknownUser = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { Username = "nobody" + Guid.NewGuid().ToString("N")[..8], credentials.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        Assert.Equal(await Title(wrongPassword), await Title(unknownUser));
    }

    [Theory, BothDatabases]
    public async Task Repeated_failures_lock_the_account_even_for_the_right_password(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        var credentials = await client.SignUpAsync();

        for (var i = 0; i < 5; i++)
        {
            await client.Http.PostAsJsonAsync("/api/v1/sessions", new { credentials.Username, Password = $"wrong-password-{i}" });
        }
        var locked = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { credentials.Username, credentials.Password });
        var basic = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens") { Content = JsonContent.Create(new { name = "cli" }) };
        basic.Headers.Authorization = TestClient.Basic(credentials.Username, credentials.Password);
        var lockedBasic = await client.Http.SendAsync(basic);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedBasic.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Signing_out_ends_the_cookie_session(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        await client.SignUpAndSignInAsync();

        var signOut = await client.SendAsync(HttpMethod.Delete, "/api/v1/sessions/current");
        var me = await client.Http.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal("application/problem+json", me.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Anonymous_API_calls_get_401_problems_not_redirects()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        foreach (var url in new[] { "/api/v1/me", "/api/v1/me/tokens" })
        {
            var response = await client.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        var revoke = await client.Http.DeleteAsync($"/api/v1/me/tokens/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Unauthorized, revoke.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Changing_the_password_needs_the_current_one_and_replaces_it(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        var credentials = await client.SignUpAndSignInAsync();
        const string newPassword = "a-brand-new-passphrase-7";

        var wrongCurrent = await client.SendAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = "not-my-password-9", newPassword });
        var common = await client.SendAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = credentials.Password, newPassword = "password1234" });
        var changed = await client.SendAsync(HttpMethod.Post, "/api/v1/me/password", new { currentPassword = credentials.Password, newPassword });
        var other = servers.For(provider).CreateTestClient();
        var oldFails = await other.Http.PostAsJsonAsync("/api/v1/sessions", new { credentials.Username, credentials.Password });
        var newWorks = await other.Http.PostAsJsonAsync("/api/v1/sessions", new { credentials.Username, Password = newPassword });
        var stillSignedIn = await client.Http.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        Assert.True((await Errors(wrongCurrent)).ContainsKey("currentPassword"));
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        Assert.True((await Errors(common)).ContainsKey("newPassword"));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldFails.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newWorks.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Cookie_authenticated_writes_need_the_antiforgery_header(DatabaseProvider provider)
    {
        var client = servers.For(provider).CreateTestClient();
        await client.SignUpAndSignInAsync();

        var without = await client.SendAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = "no-xsrf" }, xsrf: false);
        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens") { Content = JsonContent.Create(new { name = "forged" }) };
        forged.Headers.Add("X-XSRF-TOKEN", "forged-value");
        var withForged = await client.Http.SendAsync(forged);
        var with = await client.SendAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name = "with-xsrf" });

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Contains("antiforgery", await Title(without), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, withForged.StatusCode);
        Assert.Equal(HttpStatusCode.Created, with.StatusCode);
    }

    [Fact]
    public async Task Pages_hand_scripts_a_readable_xsrf_cookie()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();

        var response = await client.Http.GetAsync("/");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal));
        Assert.DoesNotContain("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    internal static async Task<Dictionary<string, string[]>> Errors(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    internal static async Task<string> Title(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()!;
}
