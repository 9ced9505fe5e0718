using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class ToastTests
{
    [Fact]
    public async Task An_empty_toast_is_a_polite_live_region_ready_for_scripts()
    {
        var rendered = await RenderAsync<Toast>();

        var toast = rendered.Find("[data-toast]");
        Assert.Equal(("status", "polite", "true"), (toast.GetAttribute("role"), toast.GetAttribute("aria-live"), toast.GetAttribute("aria-atomic")));
        Assert.Equal("", toast.TextContent);
        Assert.Contains("toast--error", toast.ClassList);
        Assert.False(toast.HasAttribute("hidden"));
    }

    [Theory]
    [InlineData(AlertKind.Error, "toast--error")]
    [InlineData(AlertKind.Info, "toast--info")]
    [InlineData(AlertKind.Success, "toast--success")]
    public async Task The_message_and_its_kind_are_shown(AlertKind kind, string expectedClass)
    {
        var rendered = await RenderAsync<Toast>((nameof(Toast.Message), "Your vote was not saved."), (nameof(Toast.Kind), kind));

        var toast = rendered.Find(".toast");
        Assert.Equal("Your vote was not saved.", toast.TextContent);
        Assert.Contains(expectedClass, toast.ClassList);
        Assert.Equal("status", toast.GetAttribute("role"));
    }

    [Fact]
    public async Task The_message_is_encoded()
    {
        var rendered = await RenderAsync<Toast>((nameof(Toast.Message), ScriptPayload));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find(".toast").TextContent);
    }
}
