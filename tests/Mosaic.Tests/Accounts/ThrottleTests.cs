using System.Net;
using System.Net.Http.Json;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Accounts;

/// <summary>Sign-in and sign-up limits, on a server of their own with low limits.</summary>
public sealed class ThrottleTests : IAsyncLifetime
{
    private readonly MosaicFactory factory = new(DatabaseProvider.Sqlite, new Dictionary<string, string?>
    {
        ["Mosaic:RateLimits:SignInPerIpPerMinute"] = "1000",
        ["Mosaic:RateLimits:SignInPerAccountPerMinute"] = "3",
        ["Mosaic:RateLimits:SignUpPerIpPerHour"] = "2",
    });

    public Task InitializeAsync() => factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)factory).DisposeAsync();

    [Fact]
    public async Task Sign_ins_for_one_account_are_limited_with_retry_after_across_api_and_forms()
    {
        var client = factory.CreateTestClient();
        var name = "target" + Guid.NewGuid().ToString("N")[..8];

        var api1 = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { username = name, password = "guess-number-1" });
        var api2 = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { username = name.ToUpperInvariant(), password = "guess-number-2" });
        var form = await client.SubmitFormAsync("/account/signin", "signin", new Dictionary<string, string> { ["Form.Username"] = name, ["Form.Password"] = "guess-number-3" });
        var api4 = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { username = name, password = "guess-number-4" });
        var form5 = await client.SubmitFormAsync("/account/signin", "signin", new Dictionary<string, string> { ["Form.Username"] = name, ["Form.Password"] = "guess-number-5" });
        var otherAccount = await client.Http.PostAsJsonAsync("/api/v1/sessions", new { username = "someone-else", password = "guess-number-6" });

        Assert.Equal(HttpStatusCode.Unauthorized, api1.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api2.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, form.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, api4.StatusCode);
        Assert.NotNull(api4.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", api4.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, form5.StatusCode);
        Assert.True(form5.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.Unauthorized, otherAccount.StatusCode);
    }

    [Fact]
    public async Task Sign_ups_from_one_address_are_limited()
    {
        var client = factory.CreateTestClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var credentials = TestClient.NewCredentials();
            var response = await client.Http.PostAsJsonAsync("/api/v1/accounts", new { credentials.Username, credentials.Email, credentials.Password });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
            }
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }
}
