using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Accounts;

[Collection(ServerCollection.Name)]
public sealed class AccessTokensApiTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task A_token_authenticates_API_calls_and_records_its_last_use(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var client = factory.CreateTestClient();
        var credentials = await client.SignUpAndSignInAsync();
        var token = await client.CreateTokenAsync("script");
        var anonymous = factory.CreateClient();

        var me = await anonymous.SendAsync(TestClient.WithBearer(HttpMethod.Get, "/api/v1/me", token));

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(credentials.Username, (await me.Content.ReadFromJsonAsync<AccountDto>())!.Username);
        Assert.StartsWith("mos_", token, StringComparison.Ordinal);
        var listed = Assert.Single(await client.Http.GetFromJsonAsync<List<AccessTokenDto>>("/api/v1/me/tokens") ?? []);
        Assert.Equal("script", listed.Name);
        Assert.NotNull(listed.LastUsedAt);
        Assert.StartsWith(listed.Hint, token, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Only_a_hash_of_the_token_is_stored(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync();
        var token = await client.CreateTokenAsync();

        await using var db = factory.CreateDbContext();
        var hash = AccessToken.Hash(token);
        var stored = await db.Set<AccessToken>().SingleAsync(t => t.SecretHash == hash);

        Assert.Equal(32, stored.SecretHash.Length);
        Assert.DoesNotContain(token[8..], stored.Hint, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task A_client_without_a_browser_gets_its_first_token_with_basic_credentials(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var client = factory.CreateTestClient();
        var credentials = await client.SignUpAsync();
        var http = factory.CreateClient();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens") { Content = JsonContent.Create(new { name = "cli", expiresInDays = 7 }) };
        request.Headers.Authorization = TestClient.Basic(credentials.Username, credentials.Password);
        var created = await http.SendAsync(request);
        var body = await created.Content.ReadFromJsonAsync<CreatedAccessTokenDto>();
        var me = await http.SendAsync(TestClient.WithBearer(HttpMethod.Get, "/api/v1/me", body!.Token));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.NotNull(body.ExpiresAt);
        Assert.InRange(body.ExpiresAt!.Value - body.CreatedAt, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Wrong_basic_credentials_get_no_token(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var credentials = await factory.CreateTestClient().SignUpAsync();
        var http = factory.CreateClient();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/tokens") { Content = JsonContent.Create(new { name = "cli" }) };
        request.Headers.Authorization = TestClient.Basic(credentials.Username, "wrong-password-123");
        var response = await http.SendAsync(request);
        var anonymous = await http.PostAsJsonAsync("/api/v1/me/tokens", new { name = "cli" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task A_revoked_token_stops_working(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync();
        var token = await client.CreateTokenAsync();
        var id = (await client.Http.GetFromJsonAsync<List<AccessTokenDto>>("/api/v1/me/tokens"))!.Single().Id;

        var revoked = await client.SendAsync(HttpMethod.Delete, $"/api/v1/me/tokens/{id}");
        var me = await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Get, "/api/v1/me", token));

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task Nobody_can_list_or_revoke_another_persons_tokens(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = factory.CreateTestClient();
        await alice.SignUpAndSignInAsync("alice");
        var aliceToken = await alice.CreateTokenAsync("alice-token");
        var aliceTokenId = (await alice.Http.GetFromJsonAsync<List<AccessTokenDto>>("/api/v1/me/tokens"))!.Single().Id;
        var bob = factory.CreateTestClient();
        await bob.SignUpAndSignInAsync("bob");
        var bobToken = await bob.CreateTokenAsync("bob-token");

        var bobsList = await bob.Http.GetFromJsonAsync<List<AccessTokenDto>>("/api/v1/me/tokens");
        var bobRevokes = await bob.SendAsync(HttpMethod.Delete, $"/api/v1/me/tokens/{aliceTokenId}");
        var bobRevokesWithToken = await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Delete, $"/api/v1/me/tokens/{aliceTokenId}", bobToken));
        var aliceStillWorks = await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Get, "/api/v1/me", aliceToken));

        Assert.DoesNotContain(bobsList!, t => t.Id == aliceTokenId);
        Assert.Equal(HttpStatusCode.NotFound, bobRevokes.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobRevokesWithToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, aliceStillWorks.StatusCode);
    }

    [Theory]
    [InlineData("mos_not-a-real-token")]
    [InlineData("garbage")]
    [InlineData("")]
    public async Task Unknown_bearer_tokens_are_401(string token)
    {
        var response = await servers.For(DatabaseProvider.Sqlite).CreateClient()
            .SendAsync(TestClient.WithBearer(HttpMethod.Get, "/api/v1/me", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task An_expired_token_is_refused(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync();
        var token = await client.CreateTokenAsync();
        await using (var db = factory.CreateDbContext())
        {
            var hash = AccessToken.Hash(token);
            var stored = await db.Set<AccessToken>().SingleAsync(t => t.SecretHash == hash);
            stored.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        var me = await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Get, "/api/v1/me", token));

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Theory]
    [InlineData(null, 30, "name")]
    [InlineData("   ", 30, "name")]
    [InlineData("ok", 0, "expiresInDays")]
    [InlineData("ok", 4000, "expiresInDays")]
    public async Task Token_requests_are_validated(string? name, int expiresInDays, string field)
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateTestClient();
        await client.SignUpAndSignInAsync();

        var response = await client.SendAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name, expiresInDays });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await AccountsApiTests.Errors(response)).ContainsKey(field));
    }

    [Fact]
    public async Task A_bearer_client_needs_no_antiforgery_header_for_writes()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync();
        var token = await client.CreateTokenAsync();

        var response = await factory.CreateClient().SendAsync(TestClient.WithBearer(HttpMethod.Post, "/api/v1/me/tokens", token, new { name = "from-a-script" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
