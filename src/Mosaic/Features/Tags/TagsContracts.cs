namespace Mosaic.Features.Tags;

/// <summary>A tag named in a list: its name, category (lowercase) and how many ready posts carry it.</summary>
public sealed record TagRefDto(string Name, string Category, int PostCount);

/// <summary>An autocomplete suggestion. <paramref name="Alias"/> is the name that matched when it was an alias of this tag.</summary>
public sealed record TagSuggestionDto(string Name, string Category, int PostCount, string? Alias);

/// <summary>A tag with its Markdown description, the names that alias it and the tags it implies or is implied by.</summary>
public sealed record TagDto(
    string Name,
    string Category,
    int PostCount,
    string Description,
    string PageUrl,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<TagRefDto> Implies,
    IReadOnlyList<TagRefDto> ImpliedBy);

/// <summary>What a moderator may change on a tag; null leaves a field as it is.</summary>
public sealed record UpdateTagRequest(string? Category, string? Description);

public sealed record TagAliasDto(string Alias, TagRefDto Target, DateTimeOffset CreatedAt);

/// <summary>The tag an alias resolves to; created if it does not exist yet.</summary>
public sealed record SetAliasRequest(string? Target);

public sealed record TagImplicationDto(TagRefDto Tag, TagRefDto Implied, DateTimeOffset CreatedAt);

public sealed record TagImplicationsDto(TagRefDto Tag, IReadOnlyList<TagRefDto> Implies, IReadOnlyList<TagRefDto> ImpliedBy);

/// <summary>Tags to add and to remove, separated by spaces; a name may carry a category prefix (<c>artist:someone</c>).</summary>
public sealed record EditPostTagsRequest(string? Add, string? Remove);
