using System.Globalization;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Mosaic.Tests.Components;

/// <summary>
/// <see cref="ComponentRenderer"/> for components that read their text from resource files: the same static
/// rendering, with the localization services the app registers (English, the neutral resources).
/// </summary>
internal static class LocalizedComponentRenderer
{
    public static async Task<RenderedComponent> RenderAsync<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            values[name] = value;
        }

        await using var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        // As the request-localization middleware would for an English visitor, whatever the machine's locale.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        string html;
        try
        {
            html = await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(values))).ToHtmlString());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><head></head><body>{html}</body></html>");
        return new RenderedComponent(html, document.Body!);
    }
}
