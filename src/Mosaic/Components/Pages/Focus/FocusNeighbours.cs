using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;

namespace Mosaic.Components.Pages.Focus;

/// <summary>The ready posts either side of a post in board order (newest first): Newer is the one before it, Older the one after.</summary>
public sealed record FocusNeighbourIds(long? Newer, long? Older);

/// <summary>
/// Finds a post's neighbours for focus mode: two seeks on the (Status, Id) index, each reading one row, whatever the
/// size of the board. Posts that are processing, failed or deleted are skipped, and so are those the visitor's board
/// filter leaves out (hidden ratings, blacklisted tags), as on the board.
/// </summary>
public static class FocusNeighbours
{
    public static async Task<FocusNeighbourIds> FindAsync(MosaicDbContext db, long id, CancellationToken ct, BoardFilter? filter = null)
    {
        var ready = db.Set<Post>().AsNoTracking().Where(p => p.Status == PostStatus.Ready);
        if (filter?.HiddenRatings is { Count: > 0 } hiddenRatings)
        {
            var hidden = hiddenRatings.Distinct().ToList();
            ready = ready.Where(p => !hidden.Contains(p.Rating));
        }
        if (filter?.BlacklistedTags is { Count: > 0 } blacklisted)
        {
            var names = blacklisted.Distinct(StringComparer.Ordinal).ToList();
            ready = ready.Where(p => !p.Tags.Any(t => names.Contains(t.Tag!.Name)));
        }
        var newer = await ready.Where(p => p.Id > id).OrderBy(p => p.Id).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        var older = await ready.Where(p => p.Id < id).OrderByDescending(p => p.Id).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);
        return new FocusNeighbourIds(newer, older);
    }

    /// <summary>Where a post's sample image is served, so the next post's image can be fetched before it is asked for.</summary>
    public static Task<string?> SampleUrlAsync(MosaicDbContext db, long postId, CancellationToken ct) =>
        db.Set<Variant>().AsNoTracking()
            .Where(v => v.PostId == postId && v.Name == Variants.Sample)
            .Select(v => "/media/" + v.Key).FirstOrDefaultAsync(ct);
}
