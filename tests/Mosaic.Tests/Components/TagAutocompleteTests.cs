using Mosaic.Components.Ui;
using Mosaic.Features.Tags;
using static Mosaic.Tests.Components.ComponentRenderer;

namespace Mosaic.Tests.Components;

public sealed class TagAutocompleteTests
{
    private static readonly TagSuggestionDto[] Suggestions =
    [
        new("cat", "general", 1234, null),
        new("feline", "artist", 5, "cat_like"),
    ];

    [Fact]
    public async Task Closed_it_is_a_labelled_combobox_controlling_a_hidden_listbox()
    {
        var rendered = await RenderAsync<TagAutocomplete>(
            (nameof(TagAutocomplete.Label), "Add tags"),
            (nameof(TagAutocomplete.Name), "Addition.Names"),
            (nameof(TagAutocomplete.Value), "sunset"));

        var input = rendered.Find("input");
        var listbox = rendered.Find("ul");
        Assert.Equal("addition-names", input.Id);
        Assert.Equal(input.Id, rendered.Find("label").GetAttribute("for"));
        Assert.Equal(("combobox", "list", "false"), (input.GetAttribute("role"), input.GetAttribute("aria-autocomplete"), input.GetAttribute("aria-expanded")));
        Assert.Equal(listbox.Id, input.GetAttribute("aria-controls"));
        Assert.Equal(("off", "Addition.Names", "sunset"), (input.GetAttribute("autocomplete"), input.GetAttribute("name"), input.GetAttribute("value")));
        Assert.False(input.HasAttribute("aria-activedescendant"));
        Assert.Equal("listbox", listbox.GetAttribute("role"));
        Assert.True(listbox.HasAttribute("hidden"));
        Assert.Empty(rendered.FindAll("[role='option']"));
        Assert.Equal("", rendered.Find("[role='status']").TextContent);
    }

    [Fact]
    public async Task The_script_is_told_where_to_fetch_and_how_to_complete()
    {
        var rendered = await RenderAsync<TagAutocomplete>(
            (nameof(TagAutocomplete.Label), "Find a tag"),
            (nameof(TagAutocomplete.Name), "q"),
            (nameof(TagAutocomplete.Multiple), true),
            (nameof(TagAutocomplete.NavigatePrefix), "/tags/"));
        var plain = await RenderAsync<TagAutocomplete>((nameof(TagAutocomplete.Label), "Tag"), (nameof(TagAutocomplete.Name), "tag"));

        var box = rendered.Find("[data-tag-autocomplete]");
        Assert.Equal(("/api/v1/tags", "true", "/tags/"), (box.GetAttribute("data-source"), box.GetAttribute("data-multiple"), box.GetAttribute("data-navigate")));
        Assert.NotNull(rendered.Find("[data-autocomplete-input]"));
        Assert.NotNull(rendered.Find("[data-autocomplete-listbox]"));
        Assert.False(plain.Find("[data-tag-autocomplete]").HasAttribute("data-multiple"));
        Assert.False(plain.Find("[data-tag-autocomplete]").HasAttribute("data-navigate"));
    }

    [Fact]
    public async Task Open_it_lists_options_with_counts_categories_and_the_active_one()
    {
        var rendered = await RenderAsync<TagAutocomplete>(
            (nameof(TagAutocomplete.Label), "Add tags"),
            (nameof(TagAutocomplete.Name), "tags"),
            (nameof(TagAutocomplete.Suggestions), Suggestions),
            (nameof(TagAutocomplete.ActiveIndex), 1));

        var input = rendered.Find("input");
        var options = rendered.FindAll("[role='option']");
        Assert.Equal("true", input.GetAttribute("aria-expanded"));
        Assert.False(rendered.Find("ul").HasAttribute("hidden"));
        Assert.Equal(2, options.Length);
        Assert.Equal(options[1].Id, input.GetAttribute("aria-activedescendant"));
        Assert.Equal(["false", "true"], options.Select(o => o.GetAttribute("aria-selected")));
        Assert.Equal(["cat", "feline"], options.Select(o => o.GetAttribute("data-value")));
        Assert.Contains("autocomplete__option--artist", options[1].ClassList);
        Assert.Equal("1,234 posts", options[0].QuerySelector(".autocomplete__count")?.TextContent);
        Assert.Equal("← cat_like", options[1].QuerySelector(".autocomplete__alias")?.TextContent);
        Assert.Equal("2 suggestions", rendered.Find("[role='status']").TextContent);
    }

    [Fact]
    public async Task Hint_and_error_describe_the_input()
    {
        var rendered = await RenderAsync<TagAutocomplete>(
            (nameof(TagAutocomplete.Label), "Tags"),
            (nameof(TagAutocomplete.Name), "tags"),
            (nameof(TagAutocomplete.Hint), "Separated by spaces."),
            (nameof(TagAutocomplete.Error), "Not valid tags: a:b."));

        var input = rendered.Find("input");
        Assert.Equal("tags-hint tags-error", input.GetAttribute("aria-describedby"));
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains("field--invalid", rendered.Find("[data-tag-autocomplete]").ClassList);
        Assert.Equal("Not valid tags: a:b.", rendered.ById("tags-error")?.TextContent);
    }

    [Fact]
    public async Task Values_and_suggestions_are_encoded()
    {
        var rendered = await RenderAsync<TagAutocomplete>(
            (nameof(TagAutocomplete.Label), ScriptPayload),
            (nameof(TagAutocomplete.Name), "tags"),
            (nameof(TagAutocomplete.Value), ScriptPayload),
            (nameof(TagAutocomplete.Suggestions), new[] { new TagSuggestionDto(ScriptPayload, ScriptPayload, 1, ScriptPayload) }));

        rendered.AssertNoScriptElements();
        Assert.Equal(ScriptPayload, rendered.Find("input").GetAttribute("value"));
        Assert.Equal(ScriptPayload, rendered.Find(".autocomplete__name").TextContent);
        Assert.Equal(ScriptPayload, rendered.Find("label").TextContent);
    }
}
