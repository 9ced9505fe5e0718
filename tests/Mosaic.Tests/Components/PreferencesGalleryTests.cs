using System.Net;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Components;

/// <summary>The gallery (Development only) shows every preferences component in each of its states.</summary>
[Collection(ServerCollection.Name)]
public sealed class PreferencesGalleryTests(Servers servers)
{
    [Fact]
    public async Task The_gallery_shows_each_component_in_all_its_states()
    {
        var response = await servers.For(DatabaseProvider.Sqlite).CreateClient().GetAsync("/_gallery");
        var page = await TestClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var toggles = page.QuerySelectorAll("#gallery-toggle input[role='switch']");
        Assert.Contains(toggles, t => t.HasAttribute("checked"));
        Assert.Contains(toggles, t => !t.HasAttribute("checked"));
        Assert.Contains(toggles, t => t.HasAttribute("disabled"));
        Assert.Contains(toggles, t => t.HasAttribute("aria-describedby"));

        var checkboxes = page.QuerySelectorAll("#gallery-checkbox input[type='checkbox']");
        Assert.Contains(checkboxes, c => c.HasAttribute("checked"));
        Assert.Contains(checkboxes, c => c.GetAttribute("aria-invalid") == "true");
        Assert.Contains(checkboxes, c => c.HasAttribute("disabled"));

        var groups = page.QuerySelectorAll("#gallery-radiogroup fieldset.radio-group");
        Assert.Contains(groups, g => g.QuerySelector("input[checked]") is null);
        Assert.Contains(groups, g => g.ClassList.Contains("radio-group--inline"));
        Assert.Contains(groups, g => g.ClassList.Contains("radio-group--invalid"));
        Assert.Contains(groups, g => g.HasAttribute("disabled"));

        Assert.Equal(["empty", "dragging", "preview", "uploading", "error"],
            page.QuerySelectorAll("#gallery-uploaddropzone [data-dropzone]").Select(d => d.GetAttribute("data-state")));

        var counters = page.QuerySelectorAll("#gallery-notificationcounter [data-notification-counter]");
        Assert.Contains(counters, c => c.HasAttribute("hidden"));
        Assert.Contains(counters, c => c.QuerySelector(".counter__value")?.TextContent == "99+");
        Assert.Contains(counters, c => c.QuerySelector(".counter__value")?.TextContent == "1");

        Assert.Equal(3, page.QuerySelectorAll("#gallery-themeeditor .theme-editor").Length);
        Assert.Equal(2, page.QuerySelectorAll("#gallery-themeeditor dialog[open]").Length);
        Assert.Single(page.QuerySelectorAll("#gallery-themeeditor [data-preferences-offer]:not([hidden])"));
        Assert.Empty(page.QuerySelectorAll("#gallery-themeeditor [data-theme-picker]"));
    }

    [Fact]
    public async Task Ids_in_the_preferences_sections_are_unique_on_the_page()
    {
        var page = await servers.For(DatabaseProvider.Sqlite).CreateTestClient().GetPageAsync("/_gallery");
        string[] sections = ["toggle", "checkbox", "radiogroup", "uploaddropzone", "notificationcounter", "colorfield", "themeeditor"];

        var ids = sections.SelectMany(s => page.QuerySelectorAll($"#gallery-{s} [id]")).Select(e => e.Id!).ToList();
        var duplicates = ids.Where(id => page.QuerySelectorAll("[id]").Count(e => e.Id == id) > 1).Distinct().ToList();
        Assert.NotEmpty(ids);
        Assert.Empty(duplicates);
    }
}
