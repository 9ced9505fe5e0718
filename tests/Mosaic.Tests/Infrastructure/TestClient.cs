using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Mosaic.Tests.Infrastructure;

public sealed record Credentials(string Username, string Email, string Password);

/// <summary>
/// A client that keeps cookies like a browser, does not follow redirects (tests look at them), sends the
/// X-XSRF-TOKEN header the site's own scripts send, and can fill in server-rendered forms.
/// </summary>
public sealed class TestClient
{
    public const string Password = "correct-horse-battery-42";

    private readonly MosaicFactory factory;

    public TestClient(MosaicFactory factory)
    {
        this.factory = factory;
        Http = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(Cookies));
    }

    public HttpClient Http { get; }
    public CookieContainer Cookies { get; } = new();

    public string? CookieValue(string name) => Cookies.GetCookies(new Uri("http://localhost"))[name]?.Value;

    public static Credentials NewCredentials(string prefix = "u")
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..10];
        return new Credentials(name, $"{name}@example.com", Password);
    }

    /// <summary>Creates an account through the API and returns its credentials.</summary>
    public async Task<Credentials> SignUpAsync(string prefix = "u")
    {
        var credentials = NewCredentials(prefix);
        var response = await Http.PostAsJsonAsync("/api/v1/accounts", new { credentials.Username, credentials.Email, credentials.Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return credentials;
    }

    /// <summary>Creates an account and signs in with the session cookie.</summary>
    public async Task<Credentials> SignUpAndSignInAsync(string prefix = "u")
    {
        var credentials = await SignUpAsync(prefix);
        var response = await Http.PostAsJsonAsync("/api/v1/sessions", new { credentials.Username, credentials.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return credentials;
    }

    public async Task<string> CreateTokenAsync(string name = "test")
    {
        var response = await SendAsync(HttpMethod.Post, "/api/v1/me/tokens", new { name, expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>();
        return body!["token"].GetString()!;
    }

    /// <summary>Sends JSON with the antiforgery header, as Mosaic's own JavaScript does.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, bool xsrf = true)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        if (xsrf && CookieValue("XSRF-TOKEN") is { } token)
        {
            request.Headers.Add("X-XSRF-TOKEN", token);
        }
        return Http.SendAsync(request);
    }

    public static HttpRequestMessage WithBearer(HttpMethod method, string url, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return request;
    }

    public static AuthenticationHeaderValue Basic(string login, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{login}:{password}")));

    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Submits the form named <paramref name="formName"/> on the page at <paramref name="url"/> the way a browser
    /// without JavaScript would: the page's hidden fields (antiforgery, handler name) plus the given values.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string url, string formName, IReadOnlyDictionary<string, string> values)
    {
        var page = await GetPageAsync(url);
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => f.QuerySelector($"input[name='_handler'][value='{formName}']") is not null)
            ?? throw new InvalidOperationException($"No form '{formName}' on {url}");
        var fields = form.QuerySelectorAll("input[type='hidden']").OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name))
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }
}
