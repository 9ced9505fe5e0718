using System.Text.Json;
using Mosaic.Components.Ui;
using Mosaic.Features.Preferences;
using static Mosaic.Tests.Components.LocalizedComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class ThemeEditorTests
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    private static readonly PreferencesDto Custom = PreferencesRules.Defaults with
    {
        Primary = "#0b7285", FontScale = 1.25, Theme = "dark", Density = "compact", Blacklist = ["gore"],
    };

    [Fact]
    public async Task Closed_it_is_a_link_to_the_preferences_page_named_theme_with_a_button_for_scripts()
    {
        var rendered = await RenderAsync<ThemeEditor>((nameof(ThemeEditor.Preferences), PreferencesRules.Defaults));

        var link = rendered.Find("a[data-theme-picker-link]");
        var button = rendered.Find("button[data-theme-picker-open]");
        Assert.Equal(("/preferences", "Theme"), (link.GetAttribute("href"), link.GetAttribute("aria-label")));
        Assert.Equal(("Theme", "dialog"), (button.GetAttribute("aria-label"), button.GetAttribute("aria-haspopup")));
        Assert.True(button.HasAttribute("hidden"));
        Assert.Equal("theme-panel", button.GetAttribute("aria-controls"));
        var dialog = rendered.Find("dialog#theme-panel");
        Assert.False(dialog.HasAttribute("open"));
        Assert.Equal("Theme", rendered.ById(dialog.GetAttribute("aria-labelledby")!)?.TextContent);
    }

    [Fact]
    public async Task Open_it_edits_the_four_colours_text_size_light_or_dark_and_density()
    {
        var rendered = await RenderAsync<ThemeEditor>((nameof(ThemeEditor.Preferences), Custom), (nameof(ThemeEditor.Open), true));

        Assert.True(rendered.Find("dialog").HasAttribute("open"));
        var colors = rendered.FindAll("input[type='color']");
        Assert.Equal(["primary", "secondary", "tertiary", "accent"], colors.Select(c => c.GetAttribute("data-token")));
        Assert.Equal("#0b7285", colors[0].GetAttribute("value"));
        Assert.All(colors, c => Assert.NotNull(rendered.Find($"label[for='{c.Id}']")));
        Assert.Equal("1.25", rendered.Find("select[name='fontScale'] option[selected]").GetAttribute("value"));
        Assert.Equal("dark", rendered.Find("input[name='theme'][checked]").GetAttribute("value"));
        Assert.Equal("compact", rendered.Find("input[name='density'][checked]").GetAttribute("value"));
        Assert.Equal(["Save", "Cancel", "Reset to defaults"], rendered.FindAll("dialog button").Select(b => b.TextContent.Trim()));
        Assert.Equal("Save", rendered.Find("dialog button[type='submit']").TextContent.Trim());
        Assert.NotNull(rendered.Find("button[data-theme-picker-cancel]"));
        Assert.NotNull(rendered.Find("button[data-theme-picker-reset]"));
    }

    [Fact]
    public async Task It_carries_the_preferences_and_where_they_came_from_for_the_script()
    {
        var rendered = await RenderAsync<ThemeEditor>(
            (nameof(ThemeEditor.Preferences), Custom), (nameof(ThemeEditor.SignedIn), true), (nameof(ThemeEditor.Source), PreferencesSource.Account), (nameof(ThemeEditor.Live), true));

        var host = rendered.Find("[data-theme-picker]");
        var json = JsonSerializer.Deserialize<PreferencesDto>(host.GetAttribute("data-preferences")!, WebJson);
        Assert.True(json!.SameAs(Custom));
        Assert.Equal(("true", "account"), (host.GetAttribute("data-signed-in"), host.GetAttribute("data-source")));
        Assert.Equal("Saved.", host.GetAttribute("data-text-saved"));
    }

    [Fact]
    public async Task Only_the_live_one_is_driven_by_the_script()
    {
        var rendered = await RenderAsync<ThemeEditor>((nameof(ThemeEditor.Preferences), Custom));

        Assert.Empty(rendered.FindAll("[data-theme-picker]"));
    }

    [Fact]
    public async Task The_offer_to_save_the_browsers_preferences_is_hidden_until_it_applies()
    {
        var hidden = await RenderAsync<ThemeEditor>((nameof(ThemeEditor.Preferences), Custom));
        var shown = await RenderAsync<ThemeEditor>((nameof(ThemeEditor.Preferences), Custom), (nameof(ThemeEditor.ShowOffer), true));

        Assert.True(hidden.Find("[data-preferences-offer]").HasAttribute("hidden"));
        var offer = shown.Find("[data-preferences-offer]");
        Assert.False(offer.HasAttribute("hidden"));
        Assert.Equal("status", offer.GetAttribute("role"));
        Assert.NotNull(shown.Find("[data-preferences-offer-accept]"));
        Assert.NotNull(shown.Find("[data-preferences-offer-dismiss]"));
    }

    [Fact]
    public async Task A_status_message_is_announced()
    {
        var rendered = await RenderAsync<ThemeEditor>((nameof(ThemeEditor.Preferences), Custom), (nameof(ThemeEditor.Status), "Saved."));

        var status = rendered.Find("[data-theme-picker-status]");
        Assert.Equal(("status", "Saved."), (status.GetAttribute("role"), status.TextContent));
    }

    [Fact]
    public async Task Ids_are_prefixed_so_two_pickers_can_share_a_page()
    {
        var rendered = await RenderAsync<ThemeEditor>((nameof(ThemeEditor.Preferences), Custom), (nameof(ThemeEditor.IdPrefix), "other"));

        Assert.All(rendered.Body.QuerySelectorAll("[id]"), e => Assert.StartsWith("other-", e.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_text_size_the_api_set_between_steps_is_offered_as_custom()
    {
        var rendered = await RenderAsync<ThemeEditor>((nameof(ThemeEditor.Preferences), Custom with { FontScale = 0.8 }));

        var selected = rendered.Find("select option[selected]");
        Assert.Equal(("0.8", "Custom (80%)"), (selected.GetAttribute("value"), selected.TextContent));
        Assert.Equal("Small (87.5%)", rendered.Find("select option[value='0.875']").TextContent);
    }
}
