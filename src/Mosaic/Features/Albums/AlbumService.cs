using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Albums;

public enum AlbumResult
{
    Done,

    /// <summary>No such album, or another person's private one (which must not be told apart from a missing one).</summary>
    NotFound,

    /// <summary>Another person's public album: visible, but not theirs to change.</summary>
    Forbidden,

    Invalid,
    Conflict,

    /// <summary>The post is not one the caller may add (missing, not ready), or not in the album when moving or removing it.</summary>
    PostNotFound,

    Throttled,
}

/// <summary>What an album write did; <see cref="Changed"/> is false when an idempotent write found nothing to do.</summary>
public sealed record AlbumOutcome(AlbumResult Result, long AlbumId = 0, bool Changed = true, FieldErrors? Errors = null, string? Title = null)
{
    public ThrottleDecision Throttle { get; init; } = ThrottleDecision.Allow;

    public bool Succeeded => Result == AlbumResult.Done;

    public static AlbumOutcome Done(long albumId, bool changed = true) => new(AlbumResult.Done, albumId, changed);

    public static AlbumOutcome Fail(AlbumResult result, string title, string? field = null)
    {
        var errors = new FieldErrors();
        if (field is not null)
        {
            errors.Add(field, title);
        }
        return new(result, Errors: errors, Title: title, Changed: false);
    }
}

/// <summary>
/// Album writes shared by the API and the pages. Every write is the owner's alone, rate limited per person, and
/// keeps <see cref="Album.PostCount"/> and <see cref="Album.UpdatedAt"/> exact: they change by relative updates in
/// the transaction that adds or removes the row, and that update comes first so it also locks the album row
/// (PostgreSQL), serialising concurrent writes to one album.
/// </summary>
public sealed class AlbumService(MosaicDbContext db, IOptions<AlbumsOptions> options, AlbumWriteThrottle throttle, TimeProvider clock)
{
    /// <summary>Gap left between neighbours, so a move rewrites one row until a gap is used up.</summary>
    public const long Step = 1024;

    private AlbumsOptions Limits => options.Value;

    public async Task<AlbumOutcome> CreateAsync(Guid userId, CreateAlbumRequest request, CancellationToken ct)
    {
        var errors = Validate(request.Name, request.Description, nameRequired: true);
        if (errors.Count > 0)
        {
            return new AlbumOutcome(AlbumResult.Invalid, Errors: errors, Title: "The album has invalid fields.", Changed: false);
        }
        if (Throttled(userId) is { } throttled)
        {
            return throttled;
        }
        if (await db.Set<Album>().CountAsync(a => a.UserId == userId, ct) >= Limits.MaxAlbumsPerUser)
        {
            return AlbumOutcome.Fail(AlbumResult.Conflict, $"You can have at most {Limits.MaxAlbumsPerUser} albums; delete one first.", "name");
        }
        var name = request.Name!.Trim();
        if (await NameTakenAsync(userId, name, null, ct))
        {
            return AlbumOutcome.Fail(AlbumResult.Conflict, $"You already have an album called “{name}”.", "name");
        }
        var now = clock.GetUtcNow();
        var album = new Album
        {
            UserId = userId,
            Name = name,
            Description = request.Description?.Trim() ?? "",
            IsPublic = request.IsPublic,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(album);
        await db.SaveChangesAsync(ct);
        return AlbumOutcome.Done(album.Id);
    }

    public async Task<AlbumOutcome> UpdateAsync(Guid userId, long albumId, UpdateAlbumRequest request, CancellationToken ct)
    {
        var album = await db.Set<Album>().FirstOrDefaultAsync(a => a.Id == albumId, ct);
        if (Deny(album, userId) is { } denied)
        {
            return denied;
        }
        var errors = Validate(request.Name, request.Description, nameRequired: false);
        if (errors.Count > 0)
        {
            return new AlbumOutcome(AlbumResult.Invalid, Errors: errors, Title: "The album has invalid fields.", Changed: false);
        }
        if (Throttled(userId) is { } throttled)
        {
            return throttled;
        }
        if (request.Name?.Trim() is { } name && await NameTakenAsync(userId, name, albumId, ct))
        {
            return AlbumOutcome.Fail(AlbumResult.Conflict, $"You already have an album called “{name}”.", "name");
        }
        if (request.Name is not null) album!.Name = request.Name.Trim();
        if (request.Description is not null) album!.Description = request.Description.Trim();
        if (request.IsPublic is { } isPublic) album!.IsPublic = isPublic;
        // Only the changed columns are written: a concurrent add's relative PostCount update is never overwritten.
        album!.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return AlbumOutcome.Done(albumId);
    }

    public async Task<AlbumOutcome> DeleteAsync(Guid userId, long albumId, CancellationToken ct)
    {
        var album = await db.Set<Album>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == albumId, ct);
        if (Deny(album, userId) is { } denied)
        {
            return denied;
        }
        if (Throttled(userId) is { } throttled)
        {
            return throttled;
        }
        // The album's rows go with it (ON DELETE CASCADE).
        await db.Set<Album>().Where(a => a.Id == albumId).ExecuteDeleteAsync(ct);
        return AlbumOutcome.Done(albumId);
    }

    /// <summary>Adds a ready post at the end of the album. Idempotent: adding a post already there changes nothing.</summary>
    public async Task<AlbumOutcome> AddAsync(Guid userId, long albumId, long postId, CancellationToken ct)
    {
        var album = await db.Set<Album>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == albumId, ct);
        if (Deny(album, userId) is { } denied)
        {
            return denied;
        }
        if (Throttled(userId) is { } throttled)
        {
            return throttled;
        }
        if (!await db.Set<Post>().AnyAsync(p => p.Id == postId && p.Status == PostStatus.Ready, ct))
        {
            return AlbumOutcome.Fail(AlbumResult.PostNotFound, $"There is no post {postId}.", "postId");
        }
        if (await ContainsAsync(albumId, postId, ct))
        {
            return AlbumOutcome.Done(albumId, changed: false);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var max = Limits.MaxPostsPerAlbum;
        var counted = await db.Set<Album>().Where(a => a.Id == albumId && a.PostCount < max)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PostCount, a => a.PostCount + 1).SetProperty(a => a.UpdatedAt, now), ct);
        if (counted == 0)
        {
            await transaction.RollbackAsync(ct);
            return await db.Set<Album>().AnyAsync(a => a.Id == albumId, ct)
                ? AlbumOutcome.Fail(AlbumResult.Conflict, $"An album holds at most {max} posts.", "postId")
                : AlbumOutcome.Fail(AlbumResult.NotFound, "There is no such album.");
        }
        // Checked again under the album's lock: a concurrent add of the same post may have committed meanwhile.
        if (await ContainsAsync(albumId, postId, ct))
        {
            await transaction.RollbackAsync(ct);
            return AlbumOutcome.Done(albumId, changed: false);
        }
        var last = await db.Set<AlbumPost>().Where(a => a.AlbumId == albumId).MaxAsync(a => (long?)a.Position, ct);
        db.Add(new AlbumPost { AlbumId = albumId, PostId = postId, Position = (last ?? 0) + Step, AddedAt = now });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return AlbumOutcome.Done(albumId);
    }

    /// <summary>Takes a post out of the album. Idempotent: removing a post that is not there changes nothing.</summary>
    public async Task<AlbumOutcome> RemoveAsync(Guid userId, long albumId, long postId, CancellationToken ct)
    {
        var album = await db.Set<Album>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == albumId, ct);
        if (Deny(album, userId) is { } denied)
        {
            return denied;
        }
        if (Throttled(userId) is { } throttled)
        {
            return throttled;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.Set<AlbumPost>().Where(a => a.AlbumId == albumId && a.PostId == postId).ExecuteDeleteAsync(ct);
        if (removed == 0)
        {
            await transaction.RollbackAsync(ct);
            return AlbumOutcome.Done(albumId, changed: false);
        }
        var now = clock.GetUtcNow();
        await db.Set<Album>().Where(a => a.Id == albumId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PostCount, a => a.PostCount - removed).SetProperty(a => a.UpdatedAt, now), ct);
        await transaction.CommitAsync(ct);
        return AlbumOutcome.Done(albumId);
    }

    /// <summary>
    /// Moves a post immediately before or after another post of the same album. The moved row takes the midpoint of
    /// the gap it lands in; when that gap is used up (neighbours one apart) the album is renumbered in steps of <see cref="Step"/>.
    /// </summary>
    public async Task<AlbumOutcome> MoveAsync(Guid userId, long albumId, long postId, MoveAlbumPostRequest request, CancellationToken ct)
    {
        var album = await db.Set<Album>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == albumId, ct);
        if (Deny(album, userId) is { } denied)
        {
            return denied;
        }
        var errors = new FieldErrors();
        if (request.Before is null && request.After is null) errors.Add("before", "Say which post to move it before or after.");
        if (request.Before == postId) errors.Add("before", "A post cannot move before itself.");
        if (request.After == postId) errors.Add("after", "A post cannot move after itself.");
        if (request.Before is not null && request.Before == request.After) errors.Add("after", "A post cannot be both before and after the same post.");
        if (errors.Count > 0)
        {
            return new AlbumOutcome(AlbumResult.Invalid, Errors: errors, Title: "The move is not possible.", Changed: false);
        }
        if (Throttled(userId) is { } throttled)
        {
            return throttled;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        await db.Set<Album>().Where(a => a.Id == albumId).ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedAt, now), ct);
        var moved = await db.Set<AlbumPost>().FirstOrDefaultAsync(a => a.AlbumId == albumId && a.PostId == postId, ct);
        if (moved is null)
        {
            await transaction.RollbackAsync(ct);
            return AlbumOutcome.Fail(AlbumResult.PostNotFound, $"Post {postId} is not in this album.", "postId");
        }
        var anchorId = request.Before ?? request.After!.Value;
        var anchor = await db.Set<AlbumPost>().AsNoTracking().FirstOrDefaultAsync(a => a.AlbumId == albumId && a.PostId == anchorId, ct);
        if (anchor is null)
        {
            await transaction.RollbackAsync(ct);
            return AlbumOutcome.Fail(AlbumResult.Invalid, $"Post {anchorId} is not in this album.", request.Before is null ? "after" : "before");
        }

        AlbumPost? low, high;
        if (request.Before is not null)
        {
            high = anchor;
            low = await NeighbourAsync(albumId, anchor, postId, previous: true, ct);
            if (request.After is { } after && low?.PostId != after)
            {
                await transaction.RollbackAsync(ct);
                return AlbumOutcome.Fail(AlbumResult.Conflict, "The album's order changed meanwhile; reload it and try again.");
            }
        }
        else
        {
            low = anchor;
            high = await NeighbourAsync(albumId, anchor, postId, previous: false, ct);
        }

        long? position = (low, high) switch
        {
            (null, { } h) => h.Position - Step,
            ({ } l, null) => l.Position + Step,
            ({ } l, { } h) when h.Position - l.Position >= 2 => l.Position + ((h.Position - l.Position) / 2),
            _ => null,
        };
        if (position is { } p)
        {
            moved.Position = p;
        }
        else
        {
            await RenumberAsync(albumId, moved, anchorId, before: request.Before is not null, ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return AlbumOutcome.Done(albumId);
    }

    /// <summary>The post directly before (or after) the given one in album order, skipping the post being moved.</summary>
    public Task<AlbumPost?> NeighbourAsync(long albumId, AlbumPost of, long skip, bool previous, CancellationToken ct)
    {
        var rows = db.Set<AlbumPost>().AsNoTracking().Where(a => a.AlbumId == albumId && a.PostId != skip);
        return previous
            ? rows.Where(a => a.Position < of.Position || (a.Position == of.Position && a.PostId < of.PostId))
                .OrderByDescending(a => a.Position).ThenByDescending(a => a.PostId).FirstOrDefaultAsync(ct)
            : rows.Where(a => a.Position > of.Position || (a.Position == of.Position && a.PostId > of.PostId))
                .OrderBy(a => a.Position).ThenBy(a => a.PostId).FirstOrDefaultAsync(ct);
    }

    /// <summary>The post one place earlier (<paramref name="previous"/>) or later than <paramref name="postId"/>, for "move up/down".</summary>
    public async Task<long?> NeighbourOfAsync(long albumId, long postId, bool previous, CancellationToken ct)
    {
        var row = await db.Set<AlbumPost>().AsNoTracking().FirstOrDefaultAsync(a => a.AlbumId == albumId && a.PostId == postId, ct);
        return row is null ? null : (await NeighbourAsync(albumId, row, postId, previous, ct))?.PostId;
    }

    /// <summary>
    /// Takes a post out of every album, keeping their counts exact. For the Posts feature to call in the transaction
    /// that deletes a post (the rows would otherwise stay behind, hidden from album pages but still counted).
    /// </summary>
    public async Task RemovePostEverywhereAsync(long postId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Set<Album>().Where(a => db.Set<AlbumPost>().Any(p => p.AlbumId == a.Id && p.PostId == postId))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.PostCount, a => a.PostCount - 1).SetProperty(a => a.UpdatedAt, now), ct);
        await db.Set<AlbumPost>().Where(p => p.PostId == postId).ExecuteDeleteAsync(ct);
    }

    public static FieldErrors Validate(string? name, string? description, bool nameRequired)
    {
        var errors = new FieldErrors();
        var trimmed = name?.Trim();
        if (nameRequired || name is not null)
        {
            if (string.IsNullOrEmpty(trimmed)) errors.Add("name", "Give the album a name.");
            else if (trimmed.Length > Album.NameMaxLength) errors.Add("name", $"Album names are at most {Album.NameMaxLength} characters.");
        }
        if (description is not null && description.Trim().Length > Album.DescriptionMaxLength)
        {
            errors.Add("description", $"Descriptions are at most {Album.DescriptionMaxLength} characters.");
        }
        return errors;
    }

    private async Task RenumberAsync(long albumId, AlbumPost moved, long anchorId, bool before, CancellationToken ct)
    {
        var rows = await db.Set<AlbumPost>().Where(a => a.AlbumId == albumId && a.PostId != moved.PostId)
            .OrderBy(a => a.Position).ThenBy(a => a.PostId).ToListAsync(ct);
        var at = rows.FindIndex(a => a.PostId == anchorId) + (before ? 0 : 1);
        rows.Insert(at, moved);
        for (var i = 0; i < rows.Count; i++)
        {
            // Unchanged positions are not written.
            rows[i].Position = (i + 1) * Step;
        }
    }

    private Task<bool> ContainsAsync(long albumId, long postId, CancellationToken ct) =>
        db.Set<AlbumPost>().AnyAsync(a => a.AlbumId == albumId && a.PostId == postId, ct);

    private Task<bool> NameTakenAsync(Guid userId, string name, long? except, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
        return db.Set<Album>().AnyAsync(a => a.UserId == userId && a.Id != except && a.Name.ToLower() == lower, ct);
    }

    private static AlbumOutcome? Deny(Album? album, Guid userId) => album switch
    {
        null => AlbumOutcome.Fail(AlbumResult.NotFound, "There is no such album."),
        { UserId: var owner } when owner == userId => null,
        { IsPublic: true } => AlbumOutcome.Fail(AlbumResult.Forbidden, "Only the album's owner may change it."),
        _ => AlbumOutcome.Fail(AlbumResult.NotFound, "There is no such album."),
    };

    private AlbumOutcome? Throttled(Guid userId)
    {
        var decision = throttle.Attempt(userId);
        return decision.Allowed ? null : AlbumOutcome.Fail(AlbumResult.Throttled, "Too many album changes; try again in a minute.") with { Throttle = decision };
    }
}
