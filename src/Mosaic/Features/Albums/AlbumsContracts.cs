using Mosaic.Features.Posts;

namespace Mosaic.Features.Albums;

/// <summary>An album as the API shows it.</summary>
/// <param name="Id">The album's id.</param>
/// <param name="Name">1–100 characters.</param>
/// <param name="Description">Up to 2000 characters, plain text.</param>
/// <param name="IsPublic">Public albums are visible to everyone; private ones only to their owner.</param>
/// <param name="PostCount">Posts in the album, kept exact with every add and remove.</param>
/// <param name="Owner">The person whose album it is.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it or its posts last changed.</param>
/// <param name="CoverUrl">Thumbnail of the album's first post, or null when it has none.</param>
/// <param name="ContainsPost">Only in <c>GET /api/v1/me/albums?postId=</c>: whether the album holds that post.</param>
public sealed record AlbumDto(
    long Id,
    string Name,
    string Description,
    bool IsPublic,
    int PostCount,
    UserRefDto Owner,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? CoverUrl,
    bool? ContainsPost)
{
    public string PageUrl => $"/albums/{Id}";
}

/// <summary>A new album.</summary>
/// <param name="Name">1–100 characters, unique among the owner's albums whatever the case.</param>
/// <param name="Description">Up to 2000 characters.</param>
/// <param name="IsPublic">Public albums are listed and visible to everyone; private ones only to their owner.</param>
public sealed record CreateAlbumRequest(string? Name, string? Description, bool IsPublic = false);

/// <summary>Changes to an album; null leaves a field as it is.</summary>
public sealed record UpdateAlbumRequest(string? Name, string? Description, bool? IsPublic);

/// <summary>
/// Where to put a post in its album: immediately <paramref name="Before"/> one post or immediately
/// <paramref name="After"/> another. Give both (its new neighbours) to have the move refused with 409 if the
/// album's order changed in the meantime.
/// </summary>
public sealed record MoveAlbumPostRequest(long? Before, long? After);
