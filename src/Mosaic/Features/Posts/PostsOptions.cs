using Microsoft.Extensions.Options;

namespace Mosaic.Features.Posts;

public sealed class PostsOptions
{
    public const string Section = "Mosaic:Posts";

    /// <summary>Hamming distance between perceptual hashes at or below which two posts are flagged as possible duplicates (0–7).</summary>
    public int NearDuplicateDistance { get; set; } = 6;

    /// <summary>Rating a post gets when the uploader does not choose one.</summary>
    public Rating DefaultRating { get; set; } = Rating.Questionable;

    public int PageSize { get; set; } = 40;
}

internal sealed class PostsOptionsValidator : IValidateOptions<PostsOptions>
{
    public ValidateOptionsResult Validate(string? name, PostsOptions o)
    {
        var errors = new List<string>();
        // The index lookup finds every hash within 7 bits (one 16-bit chunk differs by at most one bit); beyond that it would miss some.
        if (o.NearDuplicateDistance is < 0 or > 7) errors.Add("Mosaic:Posts:NearDuplicateDistance must be between 0 and 7.");
        if (o.PageSize is < 1 or > 200) errors.Add("Mosaic:Posts:PageSize must be between 1 and 200.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
