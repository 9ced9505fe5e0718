using Microsoft.Extensions.Options;

namespace Mosaic.Features.Albums;

public sealed class AlbumsOptions
{
    public const string Section = "Mosaic:Albums";

    public int MaxAlbumsPerUser { get; set; } = 500;

    public int MaxPostsPerAlbum { get; set; } = 10_000;

    /// <summary>Album writes (create, edit, delete, add, remove, move) per person per minute, across the API and the forms.</summary>
    public int WritesPerUserPerMinute { get; set; } = 120;
}

internal sealed class AlbumsOptionsValidator : IValidateOptions<AlbumsOptions>
{
    public ValidateOptionsResult Validate(string? name, AlbumsOptions o)
    {
        var errors = new List<string>();
        if (o.MaxAlbumsPerUser is < 1 or > 100_000) errors.Add("Mosaic:Albums:MaxAlbumsPerUser must be between 1 and 100000.");
        if (o.MaxPostsPerAlbum is < 1 or > 1_000_000) errors.Add("Mosaic:Albums:MaxPostsPerAlbum must be between 1 and 1000000.");
        if (o.WritesPerUserPerMinute < 1) errors.Add("Mosaic:Albums:WritesPerUserPerMinute must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
