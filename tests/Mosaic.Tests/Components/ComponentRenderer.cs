using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mosaic.Tests.Components;

/// <summary>
/// Renders a Razor component to static HTML with ASP.NET Core's <see cref="HtmlRenderer"/> (the same path
/// static server rendering takes) and parses the result with AngleSharp so tests can assert on structure.
/// </summary>
internal static class ComponentRenderer
{
    /// <summary>User-supplied text that must never become markup.</summary>
    public const string ScriptPayload = "<script>alert(1)</script>";

    public static async Task<RenderedComponent> RenderAsync<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent
    {
        var html = await RenderHtmlAsync<TComponent>(parameters);
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><head></head><body>{html}</body></html>");
        return new RenderedComponent(html, document.Body!);
    }

    public static async Task<string> RenderHtmlAsync<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            values[name] = value;
        }

        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(values));
            return output.ToHtmlString();
        });
    }

    /// <summary>Child content made of plain text, which Blazor must encode.</summary>
    public static RenderFragment Text(string text) => builder => builder.AddContent(0, text);

    /// <summary>Child content made of trusted markup, for checking that it is passed through unchanged.</summary>
    public static RenderFragment Markup(string markup) => builder => builder.AddMarkupContent(0, markup);

    /// <summary>Unmatched attributes as a component's CaptureUnmatchedValues parameter receives them.</summary>
    public static IReadOnlyDictionary<string, object> Attributes(params (string Name, object Value)[] attributes)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes)
        {
            values[name] = value;
        }

        return values;
    }
}

/// <summary>The HTML a component produced, and the parsed body that holds it.</summary>
internal sealed class RenderedComponent(string html, IElement body)
{
    public string Html { get; } = html;

    public IElement Body { get; } = body;

    /// <summary>The single element matching <paramref name="selector"/>; fails the test if there is not exactly one.</summary>
    public IElement Find(string selector)
    {
        var matches = Body.QuerySelectorAll(selector);
        Assert.True(matches.Length == 1, $"Expected exactly one element matching '{selector}' but found {matches.Length} in:\n{Html}");
        return matches[0];
    }

    public IHtmlCollection<IElement> FindAll(string selector) => Body.QuerySelectorAll(selector);

    /// <summary>The element whose id is <paramref name="id"/>, looked up without CSS escaping concerns.</summary>
    public IElement? ById(string id) =>
        Body.Descendants<IElement>().SingleOrDefault(element => string.Equals(element.Id, id, StringComparison.Ordinal));

    /// <summary>Asserts that no script element was produced anywhere, for example from user-supplied text.</summary>
    public void AssertNoScriptElements() =>
        Assert.True(Body.QuerySelectorAll("script").Length == 0, $"Unexpected <script> element in:\n{Html}");
}
