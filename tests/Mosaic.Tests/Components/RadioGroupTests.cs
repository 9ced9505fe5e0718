using Mosaic.Components.Ui;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class RadioGroupTests
{
    private static readonly RadioOption[] Densities = [new("compact", "Compact"), new("comfortable", "Comfortable", "The default"), new("spacious", "Spacious")];

    [Fact]
    public async Task A_fieldset_named_by_its_legend_holds_one_labelled_radio_per_option()
    {
        var rendered = await RenderAsync<RadioGroup>(
            (nameof(RadioGroup.Legend), "Grid density"), (nameof(RadioGroup.Name), "Form.Density"), (nameof(RadioGroup.Options), Densities));

        Assert.Equal("Grid density", rendered.Find("fieldset > legend").TextContent);
        var radios = rendered.FindAll("input[type='radio']");
        Assert.Equal(["compact", "comfortable", "spacious"], radios.Select(r => r.GetAttribute("value")));
        Assert.All(radios, r => Assert.Equal("Form.Density", r.GetAttribute("name")));
        Assert.All(radios, r => Assert.NotNull(rendered.Find($"label[for='{r.Id}']")));
        Assert.Empty(rendered.FindAll("input[checked]"));
    }

    [Fact]
    public async Task The_value_is_checked()
    {
        var rendered = await RenderAsync<RadioGroup>(
            (nameof(RadioGroup.Legend), "Density"), (nameof(RadioGroup.Name), "d"), (nameof(RadioGroup.Options), Densities), (nameof(RadioGroup.Value), "spacious"));

        Assert.Equal("spacious", rendered.Find("input[checked]").GetAttribute("value"));
    }

    [Fact]
    public async Task Option_descriptions_hint_and_error_are_linked()
    {
        var rendered = await RenderAsync<RadioGroup>(
            (nameof(RadioGroup.Legend), "Density"), (nameof(RadioGroup.Name), "d"), (nameof(RadioGroup.Id), "density"), (nameof(RadioGroup.Options), Densities),
            (nameof(RadioGroup.Hint), "For the board."), (nameof(RadioGroup.Error), "Choose one."));

        Assert.Equal("The default", rendered.ById(rendered.Find("#density-comfortable").GetAttribute("aria-describedby")!)?.TextContent);
        Assert.Equal("density-hint density-error", rendered.Find("fieldset").GetAttribute("aria-describedby"));
        Assert.Equal("Choose one.", rendered.ById("density-error")?.TextContent);
        Assert.Contains("radio-group--invalid", rendered.Find("fieldset").ClassList);
    }

    [Fact]
    public async Task Inline_and_disabled_states_are_rendered()
    {
        var rendered = await RenderAsync<RadioGroup>(
            (nameof(RadioGroup.Legend), "Density"), (nameof(RadioGroup.Name), "d"), (nameof(RadioGroup.Options), Densities),
            (nameof(RadioGroup.Inline), true), (nameof(RadioGroup.Disabled), true));

        var fieldset = rendered.Find("fieldset");
        Assert.Contains("radio-group--inline", fieldset.ClassList);
        Assert.True(fieldset.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Labels_are_encoded()
    {
        var rendered = await RenderAsync<RadioGroup>(
            (nameof(RadioGroup.Legend), ScriptPayload), (nameof(RadioGroup.Name), "d"), (nameof(RadioGroup.Options), new[] { new RadioOption("x", ScriptPayload, ScriptPayload) }));

        rendered.AssertNoScriptElements();
    }
}
