using System.Net;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Preferences;

/// <summary>The board applies the filtering preferences the server knows: the account's, or the browser's cookie.</summary>
[Collection(ServerCollection.Name)]
public sealed class BoardFilteringTests(Servers servers)
{
    private const string Url = "/api/v1/me/preferences";

    [Theory, BothDatabases]
    public async Task Anonymous_visitors_do_not_see_explicit_posts_and_get_questionable_ones_blurred(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var posts = await BoardPosts.CreateAsync(factory);

        var page = await factory.CreateTestClient().GetPageAsync(posts.BoardUrl);

        Assert.Equal(Expected(posts, explicitShown: false, blacklistedShown: true), BoardPosts.Shown(page));
        Assert.Contains("blur-questionable", page.DocumentElement.ClassList);
        Assert.Equal("questionable", page.QuerySelector($"a.tile[href='/posts/{posts.Questionable}']")?.GetAttribute("data-rating"));
    }

    [Theory, BothDatabases]
    public async Task Signed_in_people_without_saved_preferences_do_not_see_explicit_posts(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var posts = await BoardPosts.CreateAsync(factory);
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync();

        var page = await client.GetPageAsync(posts.BoardUrl);

        Assert.Equal(Expected(posts, explicitShown: false, blacklistedShown: true), BoardPosts.Shown(page));
    }

    [Theory, BothDatabases]
    public async Task Turning_hide_explicit_off_shows_explicit_posts_and_unblurs(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var posts = await BoardPosts.CreateAsync(factory);
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync();

        await client.SendAsync(HttpMethod.Put, Url, new { hideExplicit = false, blurQuestionable = false });
        var page = await client.GetPageAsync(posts.BoardUrl);

        Assert.Equal(Expected(posts, explicitShown: true, blacklistedShown: true), BoardPosts.Shown(page));
        Assert.DoesNotContain("blur-questionable", page.DocumentElement.ClassList);
    }

    [Theory, BothDatabases]
    public async Task A_blacklisted_tag_hides_its_posts(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var posts = await BoardPosts.CreateAsync(factory);
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync();

        await client.SendAsync(HttpMethod.Put, Url, new { blacklist = new[] { "unrelated", posts.BadTag } });
        var page = await client.GetPageAsync(posts.BoardUrl);
        var tagPage = await client.GetPageAsync($"/?tag={posts.BadTag}");

        Assert.Equal(Expected(posts, explicitShown: false, blacklistedShown: false), BoardPosts.Shown(page));
        Assert.Empty(BoardPosts.Shown(tagPage));
    }

    [Theory, BothDatabases]
    public async Task An_anonymous_visitors_cookie_sets_the_filters(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var posts = await BoardPosts.CreateAsync(factory);

        // As preferences.js writes it: a query string, percent-encoded once more as a cookie value.
        var page = await GetWithCookieAsync(factory, posts.BoardUrl, Uri.EscapeDataString($"hideExplicit=0&blurQuestionable=0&blacklist=other+{posts.BadTag}"));

        Assert.Equal(Expected(posts, explicitShown: true, blacklistedShown: false), BoardPosts.Shown(page));
        Assert.DoesNotContain("blur-questionable", page.DocumentElement.ClassList);
    }

    [Theory, BothDatabases]
    public async Task One_persons_filters_do_not_change_anothers_board(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var posts = await BoardPosts.CreateAsync(factory);
        var permissive = factory.CreateTestClient();
        var other = factory.CreateTestClient();
        await permissive.SignUpAndSignInAsync();
        await other.SignUpAndSignInAsync();

        await permissive.SendAsync(HttpMethod.Put, Url, new { hideExplicit = false });
        var permissivePage = await permissive.GetPageAsync(posts.BoardUrl);
        var otherPage = await other.GetPageAsync(posts.BoardUrl);

        Assert.Contains(posts.Explicit, BoardPosts.Shown(permissivePage));
        Assert.DoesNotContain(posts.Explicit, BoardPosts.Shown(otherPage));
    }

    [Fact]
    public async Task Saved_account_preferences_win_over_the_browsers_cookie()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var posts = await BoardPosts.CreateAsync(factory);
        var client = factory.CreateTestClient();
        await client.SignUpAndSignInAsync();
        client.Cookies.Add(new Uri("http://localhost"), new Cookie("mosaic.prefs", Uri.EscapeDataString("hideExplicit=0")));

        var beforeSaving = await client.GetPageAsync(posts.BoardUrl);
        await client.SendAsync(HttpMethod.Put, Url, new { hideExplicit = true });
        var afterSaving = await client.GetPageAsync(posts.BoardUrl);

        Assert.Contains(posts.Explicit, BoardPosts.Shown(beforeSaving));
        Assert.DoesNotContain(posts.Explicit, BoardPosts.Shown(afterSaving));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("%")]
    [InlineData("%%%zz%ZZ")]
    [InlineData("hideExplicit=maybe&theme=%3Cscript%3E&density=%00&fontScale=NaN&primary=javascript:alert(1)")]
    [InlineData("hideExplicit=maybe&hideExplicit=0&hideExplicit")]
    [InlineData("blacklist=%E2%28%A1&language=xx")]
    [InlineData("=&&&==&")]
    public async Task A_tampered_cookie_means_the_defaults_never_a_500(string value)
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var posts = await BoardPosts.CreateAsync(factory);

        var response = await SendWithCookieAsync(factory, posts.BoardUrl, value);
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(posts.Explicit, BoardPosts.Shown(page));
        Assert.Equal("comfortable", page.DocumentElement.GetAttribute("data-density"));
        Assert.Null(page.DocumentElement.GetAttribute("data-theme"));
        Assert.Null(page.QuerySelector("link[data-theme-stylesheet]"));
    }

    [Fact]
    public async Task An_oversized_cookie_is_ignored_and_a_long_blacklist_is_capped()
    {
        var factory = servers.For(DatabaseProvider.Sqlite);
        var posts = await BoardPosts.CreateAsync(factory);
        var filler = string.Join('+', Enumerable.Range(0, 200).Select(i => $"filler_{i}"));
        var huge = "hideExplicit=0&blacklist=" + string.Join('+', Enumerable.Range(0, 1500).Select(i => $"t{i}"));

        // The post's tag comes after a hundred others: past the cap, so not applied.
        var capped = await GetWithCookieAsync(factory, posts.BoardUrl, Uri.EscapeDataString($"blacklist={filler}+{posts.BadTag}"));
        var ignored = await SendWithCookieAsync(factory, posts.BoardUrl, Uri.EscapeDataString(huge));

        Assert.Contains(posts.Blacklisted, BoardPosts.Shown(capped));
        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        Assert.DoesNotContain(posts.Explicit, BoardPosts.Shown(await TestClient.ParseAsync(ignored)));
    }

    private static long[] Expected(BoardPosts posts, bool explicitShown, bool blacklistedShown)
    {
        // Newest first: the order BoardPosts created them in, reversed.
        var ids = new List<long> { posts.Safe, posts.Questionable };
        if (explicitShown) ids.Add(posts.Explicit);
        if (blacklistedShown) ids.Add(posts.Blacklisted);
        return [.. ids.OrderDescending()];
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> GetWithCookieAsync(MosaicFactory factory, string url, string cookie) =>
        await TestClient.ParseAsync(await SendWithCookieAsync(factory, url, cookie));

    private static Task<HttpResponseMessage> SendWithCookieAsync(MosaicFactory factory, string url, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Cookie", $"mosaic.prefs={cookie}");
        return factory.CreateDefaultClient().SendAsync(request);
    }
}
