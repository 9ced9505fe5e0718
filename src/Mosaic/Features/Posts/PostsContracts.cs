namespace Mosaic.Features.Posts;

public sealed record UserRefDto(Guid Id, string Username);

public sealed record VariantDto(string Name, string Url, int Width, int Height, string ContentType);

public sealed record ColorDto(string Hex, double Weight);

public sealed record PostTagDto(string Name, string Category, string Source, double Confidence);

public sealed record DuplicateDto(long PostId, int Distance, string Url);

/// <summary>A post as the API shows it. Variants, palette and hashes are empty until <c>status</c> is <c>ready</c>.</summary>
public sealed record PostDto(
    long Id,
    string Status,
    string? FailureReason,
    string Title,
    string Description,
    string Rating,
    UserRefDto Uploader,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Width,
    int Height,
    int Frames,
    bool Animated,
    string? Blurhash,
    string? PerceptualHash,
    IReadOnlyList<VariantDto> Variants,
    IReadOnlyList<ColorDto> Palette,
    IReadOnlyList<PostTagDto> Tags,
    IReadOnlyList<DuplicateDto> PossibleDuplicates,
    int LikeCount,
    int DislikeCount,
    int CommentCount);

/// <summary>A post as the board lists it.</summary>
public sealed record PostSummaryDto(long Id, string Title, string Rating, int Width, int Height, string? Blurhash, IReadOnlyList<VariantDto> Thumbnails, int LikeCount, int CommentCount);

/// <summary>One page of the board; pass <paramref name="NextCursor"/> back as <c>cursor</c> for the next.</summary>
public sealed record PostPageDto(IReadOnlyList<PostSummaryDto> Items, string? NextCursor);

/// <summary>Returned by an accepted upload: poll <paramref name="StatusUrl"/> until the status is ready or failed.</summary>
public sealed record UploadAcceptedDto(long Id, string Status, string StatusUrl, string PageUrl);

/// <summary>The fields an owner may change; null leaves a field as it is. <c>tags</c> replaces the tags people added.</summary>
public sealed record UpdatePostRequest(string? Title, string? Description, string? Tags, string? Rating);
