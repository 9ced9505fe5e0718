using AngleSharp.Dom;
using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class AlertTests
{
    [Theory]
    [InlineData(AlertKind.Info, "alert--info", "status")]
    [InlineData(AlertKind.Success, "alert--success", "status")]
    [InlineData(AlertKind.Warning, "alert--warning", "status")]
    [InlineData(AlertKind.Error, "alert--error", "alert")]
    public async Task Kind_maps_to_its_modifier_class_and_live_region_role(AlertKind kind, string expectedClass, string expectedRole)
    {
        var rendered = await RenderAsync<Alert>(
            (nameof(Alert.Kind), kind),
            (nameof(Alert.ChildContent), Text("Something happened.")));

        var alert = rendered.Find("div.alert");
        Assert.Equal(["alert", expectedClass], alert.ClassList);
        Assert.Equal(expectedRole, alert.GetAttribute("role"));
        Assert.Equal("Something happened.", alert.TextContent.Trim());
    }

    [Fact]
    public void Every_kind_is_covered_by_the_role_mapping_theory()
    {
        Assert.Equal(
            [AlertKind.Info, AlertKind.Success, AlertKind.Warning, AlertKind.Error],
            Enum.GetValues<AlertKind>());
    }

    [Fact]
    public async Task Default_kind_is_info_announced_politely()
    {
        var rendered = await RenderAsync<Alert>((nameof(Alert.ChildContent), Text("Saved drafts are kept for a day.")));

        var alert = rendered.Find("div.alert");
        Assert.Contains("alert--info", alert.ClassList);
        Assert.Equal("status", alert.GetAttribute("role"));
    }

    [Fact]
    public async Task Title_is_rendered_before_the_content_when_given()
    {
        var rendered = await RenderAsync<Alert>(
            (nameof(Alert.Kind), AlertKind.Warning),
            (nameof(Alert.Title), "Heads up"),
            (nameof(Alert.ChildContent), Markup("<p class=\"body\">The board is read-only.</p>")));

        var alert = rendered.Find("div.alert");
        var title = rendered.Find("div.alert > p.alert__title");
        Assert.Equal("Heads up", title.TextContent.Trim());
        Assert.Same(title, alert.FirstElementChild);
        Assert.Equal("The board is read-only.", rendered.Find("div.alert > p.body").TextContent);
    }

    [Fact]
    public async Task Title_is_omitted_when_not_given()
    {
        var rendered = await RenderAsync<Alert>(
            (nameof(Alert.Kind), AlertKind.Error),
            (nameof(Alert.ChildContent), Text("Could not save.")));

        Assert.Empty(rendered.FindAll(".alert__title"));
        Assert.Equal("Could not save.", rendered.Find("div.alert").TextContent.Trim());
    }

    [Fact]
    public async Task User_supplied_title_and_content_are_html_encoded()
    {
        var rendered = await RenderAsync<Alert>(
            (nameof(Alert.Kind), AlertKind.Error),
            (nameof(Alert.Title), ScriptPayload),
            (nameof(Alert.ChildContent), Text(ScriptPayload)));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find(".alert__title").TextContent.Trim());
        var contentText = string.Concat(rendered.Find("div.alert").ChildNodes.OfType<IText>().Select(text => text.Data));
        Assert.Equal(ScriptPayload, contentText.Trim());
        Assert.DoesNotContain(ScriptPayload, rendered.Html, StringComparison.Ordinal);
    }
}
