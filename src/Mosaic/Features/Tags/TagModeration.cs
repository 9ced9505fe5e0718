using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Platform.Data;
using Mosaic.Platform.Jobs;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Tags;

/// <summary>The outcome of a change to tags: the result, or the status (400, 403, 404, 409, 429) and the reasons to show.</summary>
public sealed record TagChange<T>(T? Value, int Status, string? Title, FieldErrors Errors)
{
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>Set on a 429: when the throttle lets the person try again.</summary>
    public ThrottleDecision? RetryAfter { get; init; }
}

public static class TagChange
{
    public static TagChange<T> Done<T>(T value) => new(value, StatusCodes.Status200OK, null, new FieldErrors());

    public static TagChange<T> Invalid<T>(FieldErrors errors) => new(default, StatusCodes.Status400BadRequest, "The request has problems; see errors.", errors);

    public static TagChange<T> NotFound<T>(string title) => new(default, StatusCodes.Status404NotFound, title, new FieldErrors());

    public static TagChange<T> Conflict<T>(string field, string message) =>
        new(default, StatusCodes.Status409Conflict, message, new FieldErrors { { field, [message] } });
}

/// <summary>Who may do what with tags: moderators manage the rules; the uploader (or anyone, if allowed) tags a post.</summary>
public static class TagPermissions
{
    public static bool IsModerator(ClaimsPrincipal user) => user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin);

    public static Guid? UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>Whether <paramref name="user"/> may add and remove the tags of a post uploaded by <paramref name="ownerId"/>.</summary>
    public static bool CanTag(Guid ownerId, ClaimsPrincipal user, TagsOptions options) =>
        UserId(user) is { } id && (id == ownerId || options.AnyoneCanTag || IsModerator(user));
}

/// <summary>
/// What moderators do with tags: edit a tag's category and description, and draw the rules people's tags follow —
/// aliases (<c>kitty</c> → <c>cat</c>) and implications (<c>cat</c> ⇒ <c>animal</c>). A new rule is saved with the
/// durable job that applies it to existing posts, in one transaction.
/// </summary>
public sealed class TagModeration(MosaicDbContext db, TagService tags, TagQueries queries, JobQueue jobs, TimeProvider clock)
{
    public async Task<TagChange<TagDto>> UpdateTagAsync(string? name, UpdateTagRequest request, CancellationToken ct)
    {
        var found = await queries.FindAsync(name, ct);
        if (found is null)
        {
            return TagChange.NotFound<TagDto>("No such tag.");
        }
        var errors = new FieldErrors();
        var category = found.Category;
        if (request.Category is not null && (!Enum.TryParse(request.Category.Trim(), ignoreCase: true, out category) || int.TryParse(request.Category, out _)))
        {
            errors.Add("category", $"Category must be one of: {string.Join(", ", Enum.GetNames<TagCategory>().Select(n => n.ToLowerInvariant()))}.");
        }
        if ((request.Description?.Length ?? 0) > Tag.DescriptionMaxLength)
        {
            errors.Add("description", $"Descriptions are at most {Tag.DescriptionMaxLength} characters.");
        }
        if (errors.Count > 0)
        {
            return TagChange.Invalid<TagDto>(errors);
        }
        var tag = await db.Set<Tag>().FirstAsync(t => t.Id == found.Id, ct);
        tag.Category = category;
        if (request.Description is not null)
        {
            tag.Description = request.Description.Trim();
        }
        await db.SaveChangesAsync(ct);
        return TagChange.Done<TagDto>((await queries.GetAsync(tag.Name, ct))!);
    }

    /// <summary>
    /// Makes <paramref name="alias"/> resolve to <paramref name="target"/> (created if missing; followed if it is
    /// itself an alias). Aliases of the old name move to the target; posts tagged with it move by the job.
    /// </summary>
    public async Task<TagChange<TagAliasDto>> SetAliasAsync(string? alias, string? target, Guid? userId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var aliasName = Tag.Normalize(alias ?? "");
        var targetName = Tag.Normalize(target ?? "");
        if (aliasName is null) errors.Add("alias", NotATagName(alias));
        if (targetName is null) errors.Add("target", NotATagName(target));
        if (errors.Count > 0)
        {
            return TagChange.Invalid<TagAliasDto>(errors);
        }
        targetName = (await tags.ResolveAliasesAsync([new TagInput(targetName!, null)], ct))[0].Name;
        if (targetName == aliasName)
        {
            return TagChange.Invalid<TagAliasDto>(new FieldErrors { { "target", [$"“{aliasName}” cannot be an alias of itself."] } });
        }
        var aliasTag = await db.Set<Tag>().AsNoTracking().FirstOrDefaultAsync(t => t.Name == aliasName, ct);
        if (aliasTag is not null && await db.Set<TagImplication>().AnyAsync(i => i.TagId == aliasTag.Id || i.ImpliedTagId == aliasTag.Id, ct))
        {
            return TagChange.Conflict<TagAliasDto>("alias", $"“{aliasName}” has implications; remove them before making it an alias.");
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var targetTag = (await tags.EnsureAsync([new TagInput(targetName, null)], TagCategory.General, ct)).Single();
            if (aliasTag is not null)
            {
                // x → kitty becomes x → cat: an alias always leads straight to a live tag.
                await db.Set<TagAlias>().Where(a => a.TagId == aliasTag.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.TagId, targetTag.Id), ct);
            }
            var row = await db.Set<TagAlias>().FirstOrDefaultAsync(a => a.Alias == aliasName, ct);
            if (row is null)
            {
                row = new TagAlias { Alias = aliasName!, CreatedAt = clock.GetUtcNow(), CreatedByUserId = userId };
                db.Set<TagAlias>().Add(row);
            }
            row.TagId = targetTag.Id;
            await db.SaveChangesAsync(ct);
            await jobs.EnqueueAsync(TagRuleJobs.ApplyAlias, new ApplyAlias(aliasName!), dedupKey: $"{TagRuleJobs.ApplyAlias}:{aliasName}", ct: ct);
            await transaction.CommitAsync(ct);
            return TagChange.Done<TagAliasDto>(new TagAliasDto(row.Alias, TagQueries.Ref(targetTag), row.CreatedAt));
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return TagChange.Conflict<TagAliasDto>("alias", $"“{aliasName}” was changed by someone else at the same time; try again.");
        }
    }

    public async Task<bool> RemoveAliasAsync(string? alias, CancellationToken ct)
    {
        var name = Tag.Normalize(alias ?? "");
        return name is not null && await db.Set<TagAlias>().Where(a => a.Alias == name).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>
    /// Makes <paramref name="name"/> imply <paramref name="implied"/> (aliases followed, missing tags created). Refused
    /// when it would close a cycle. Saying it again changes nothing; the job gives the implied tags to existing posts.
    /// </summary>
    public async Task<TagChange<TagImplicationDto>> AddImplicationAsync(string? name, string? implied, Guid? userId, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var tagName = Tag.Normalize(name ?? "");
        var impliedName = Tag.Normalize(implied ?? "");
        if (tagName is null) errors.Add("tag", NotATagName(name));
        if (impliedName is null) errors.Add("implied", NotATagName(implied));
        if (errors.Count > 0)
        {
            return TagChange.Invalid<TagImplicationDto>(errors);
        }
        var resolved = await tags.ResolveAliasesAsync([new TagInput(tagName!, null), new TagInput(impliedName!, null)], ct);
        if (resolved.Count < 2)
        {
            return TagChange.Invalid<TagImplicationDto>(new FieldErrors { { "implied", [$"“{tagName}” and “{impliedName}” are the same tag: a tag cannot imply itself."] } });
        }
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var rows = await tags.EnsureAsync(resolved, TagCategory.General, ct);
            var tag = rows.Single(t => t.Name == resolved[0].Name);
            var impliedTag = rows.Single(t => t.Name == resolved[1].Name);
            var existing = await db.Set<TagImplication>().AsNoTracking().FirstOrDefaultAsync(i => i.TagId == tag.Id && i.ImpliedTagId == impliedTag.Id, ct);
            if (existing is not null)
            {
                await transaction.CommitAsync(ct);
                return TagChange.Done<TagImplicationDto>(new TagImplicationDto(TagQueries.Ref(tag), TagQueries.Ref(impliedTag), existing.CreatedAt));
            }
            if (await ReachesAsync(impliedTag.Id, tag.Id, ct))
            {
                return TagChange.Conflict<TagImplicationDto>("implied", $"“{impliedTag.Name}” already implies “{tag.Name}”: {tag.Name} ⇒ {impliedTag.Name} would close a cycle.");
            }
            var row = new TagImplication { TagId = tag.Id, ImpliedTagId = impliedTag.Id, CreatedAt = clock.GetUtcNow(), CreatedByUserId = userId };
            db.Set<TagImplication>().Add(row);
            await db.SaveChangesAsync(ct);
            await jobs.EnqueueAsync(TagRuleJobs.ApplyImplication, new ApplyImplication(tag.Id, impliedTag.Id),
                dedupKey: $"{TagRuleJobs.ApplyImplication}:{tag.Id}:{impliedTag.Id}", ct: ct);
            await transaction.CommitAsync(ct);
            return TagChange.Done<TagImplicationDto>(new TagImplicationDto(TagQueries.Ref(tag), TagQueries.Ref(impliedTag), row.CreatedAt));
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return TagChange.Conflict<TagImplicationDto>("implied", "The implication was changed by someone else at the same time; try again.");
        }
    }

    public async Task<bool> RemoveImplicationAsync(string? name, string? implied, CancellationToken ct)
    {
        var tag = await queries.FindAsync(name, ct);
        var impliedTag = await queries.FindAsync(implied, ct);
        return tag is not null && impliedTag is not null
            && await db.Set<TagImplication>().Where(i => i.TagId == tag.Id && i.ImpliedTagId == impliedTag.Id).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>Whether <paramref name="to"/> can be reached from <paramref name="from"/> along implications, however far.</summary>
    private async Task<bool> ReachesAsync(long from, long to, CancellationToken ct)
    {
        var seen = new HashSet<long> { from };
        var frontier = new List<long> { from };
        while (frontier.Count > 0)
        {
            if (frontier.Contains(to))
            {
                return true;
            }
            var next = await db.Set<TagImplication>().AsNoTracking().Where(i => frontier.Contains(i.TagId)).Select(i => i.ImpliedTagId).ToListAsync(ct);
            frontier = [.. next.Where(seen.Add)];
        }
        return false;
    }

    private static string NotATagName(string? raw) =>
        $"“{raw}” is not a valid tag name: up to {Tag.NameMaxLength} lowercase letters, digits and _()!?'.+- with no colon.";
}
