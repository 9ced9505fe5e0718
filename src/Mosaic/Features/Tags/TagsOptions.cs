using Microsoft.Extensions.Options;

namespace Mosaic.Features.Tags;

public sealed class TagsOptions
{
    public const string Section = "Mosaic:Tags";

    /// <summary>Whether every signed-in person may add and remove tags on any ready post, not only its uploader (and moderators).</summary>
    public bool AnyoneCanTag { get; set; }

    /// <summary>Tag edits (adds and removes on posts) one person may make per hour.</summary>
    public int EditsPerUserPerHour { get; set; } = 300;

    /// <summary>
    /// Related posts only follow tags carried by at most this many posts: a tag on everything says little about
    /// likeness, and skipping it keeps the candidate scan small.
    /// </summary>
    public int RelatedTagPostCountCap { get; set; } = 2000;
}

internal sealed class TagsOptionsValidator : IValidateOptions<TagsOptions>
{
    public ValidateOptionsResult Validate(string? name, TagsOptions o)
    {
        var errors = new List<string>();
        if (o.EditsPerUserPerHour < 1) errors.Add("Mosaic:Tags:EditsPerUserPerHour must be at least 1.");
        if (o.RelatedTagPostCountCap is < 2 or > 100_000) errors.Add("Mosaic:Tags:RelatedTagPostCountCap must be between 2 and 100000.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
