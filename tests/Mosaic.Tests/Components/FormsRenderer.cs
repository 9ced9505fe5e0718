using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;

namespace Mosaic.Tests.Components;

/// <summary>
/// <see cref="ComponentRenderer"/> for components that render forms: it also provides the antiforgery state that
/// <c>&lt;AntiforgeryToken /&gt;</c> needs, with a fixed token.
/// </summary>
internal static class FormsRenderer
{
    public const string Token = "test-antiforgery-token";

    public static async Task<RenderedComponent> RenderAsync<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            values[name] = value;
        }
        await using var services = new ServiceCollection().AddLogging()
            .AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>()
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(values))).ToHtmlString());
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><head></head><body>{html}</body></html>");
        return new RenderedComponent(html, document.Body!);
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Token, "__RequestVerificationToken");
    }
}
