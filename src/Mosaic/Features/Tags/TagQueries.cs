using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Tags;

/// <summary>One page of tags in name order; pass <paramref name="NextAfter"/> back as <c>after</c> for the next.</summary>
public sealed record TagListPage(IReadOnlyList<TagRefDto> Items, string? NextAfter);

/// <summary>Reads tags, aliases and implications for the API and the pages, each from an index.</summary>
public sealed class TagQueries(MosaicDbContext db)
{
    public const int MaxSuggestions = 25;

    /// <summary>
    /// Tags whose name starts with <paramref name="prefix"/>, most used first, and the targets of aliases that start
    /// with it. Without a prefix, the most used tags. Names that are aliases never appear themselves.
    /// </summary>
    public async Task<List<TagSuggestionDto>> SuggestAsync(string? prefix, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, 100);
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return await Live(db.Set<Tag>().AsNoTracking())
                .OrderByDescending(t => t.PostCount).ThenBy(t => t.Name).Take(limit)
                .Select(t => new TagSuggestionDto(t.Name, Lower(t.Category), t.PostCount, null))
                .ToListAsync(ct);
        }
        if (TagService.NormalizePrefix(prefix) is not { } start)
        {
            return [];
        }
        var tags = await Live(StartingWith(start))
            .OrderByDescending(t => t.PostCount).ThenBy(t => t.Name).Take(limit)
            .Select(t => new TagSuggestionDto(t.Name, Lower(t.Category), t.PostCount, null))
            .ToListAsync(ct);
        var aliases = await AliasesStartingWith(start)
            .OrderByDescending(a => a.Tag!.PostCount).ThenBy(a => a.Alias).Take(limit)
            .Select(a => new TagSuggestionDto(a.Tag!.Name, Lower(a.Tag.Category), a.Tag.PostCount, a.Alias))
            .ToListAsync(ct);
        // A tag matched by its own name wins over the same tag reached through an alias.
        return [.. tags.Concat(aliases)
            .DistinctBy(s => s.Name, StringComparer.Ordinal)
            .OrderByDescending(s => s.PostCount).ThenBy(s => s.Alias is null ? 0 : 1).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(limit)];
    }

    /// <summary>
    /// Tags whose name starts with <paramref name="start"/>, as a range on the unique index of Tags.Name:
    /// <c>Name &gt;= start AND Name &lt; start + U+10FFFF</c>. Both databases answer it with an index range scan (a LIKE
    /// would not use the index: SQLite's LIKE is case-insensitive, and PostgreSQL needs a C collation or a pattern
    /// operator class for it). The StartsWith keeps the answer exact under any collation.
    /// </summary>
    internal IQueryable<Tag> StartingWith(string start)
    {
        var end = start + char.ConvertFromUtf32(0x10FFFF);
        return db.Set<Tag>().AsNoTracking()
            .Where(t => string.Compare(t.Name, start) >= 0 && string.Compare(t.Name, end) < 0 && t.Name.StartsWith(start));
    }

    internal IQueryable<TagAlias> AliasesStartingWith(string start)
    {
        var end = start + char.ConvertFromUtf32(0x10FFFF);
        return db.Set<TagAlias>().AsNoTracking()
            .Where(a => string.Compare(a.Alias, start) >= 0 && string.Compare(a.Alias, end) < 0 && a.Alias.StartsWith(start));
    }

    /// <summary>Tags in name order after <paramref name="after"/> (keyset pagination on the name index), aliases left out.</summary>
    public async Task<TagListPage> ListAsync(string? after, int limit, CancellationToken ct)
    {
        var query = Live(db.Set<Tag>().AsNoTracking());
        if (!string.IsNullOrEmpty(after))
        {
            query = query.Where(t => string.Compare(t.Name, after) > 0);
        }
        var rows = await query.OrderBy(t => t.Name).Take(limit + 1)
            .Select(t => new TagRefDto(t.Name, Lower(t.Category), t.PostCount))
            .ToListAsync(ct);
        var items = rows.Take(limit).ToList();
        return new TagListPage(items, rows.Count > limit ? items[^1].Name : null);
    }

    /// <summary>The tag a name stands for: the tag itself, or the target when the name is an alias.</summary>
    public async Task<Tag?> FindAsync(string? name, CancellationToken ct)
    {
        if (Tag.Normalize(name ?? "") is not { } normalized)
        {
            return null;
        }
        var target = await db.Set<TagAlias>().AsNoTracking().Where(a => a.Alias == normalized).Select(a => a.Tag).FirstOrDefaultAsync(ct);
        return target ?? await db.Set<Tag>().AsNoTracking().FirstOrDefaultAsync(t => t.Name == normalized, ct);
    }

    public async Task<TagDto?> GetAsync(string? name, CancellationToken ct)
    {
        var tag = await FindAsync(name, ct);
        if (tag is null)
        {
            return null;
        }
        var aliases = await db.Set<TagAlias>().AsNoTracking().Where(a => a.TagId == tag.Id).OrderBy(a => a.Alias).Select(a => a.Alias).ToListAsync(ct);
        var (implies, impliedBy) = await ImplicationsOfAsync(tag.Id, ct);
        return new TagDto(tag.Name, Lower(tag.Category), tag.PostCount, tag.Description, PageUrl(tag.Name), aliases, implies, impliedBy);
    }

    public async Task<TagImplicationsDto?> ImplicationsAsync(string? name, CancellationToken ct)
    {
        var tag = await FindAsync(name, ct);
        if (tag is null)
        {
            return null;
        }
        var (implies, impliedBy) = await ImplicationsOfAsync(tag.Id, ct);
        return new TagImplicationsDto(Ref(tag), implies, impliedBy);
    }

    public Task<TagAliasDto?> AliasAsync(string? alias, CancellationToken ct)
    {
        var name = Tag.Normalize(alias ?? "");
        return db.Set<TagAlias>().AsNoTracking().Where(a => a.Alias == name)
            .Select(a => new TagAliasDto(a.Alias, new TagRefDto(a.Tag!.Name, Lower(a.Tag.Category), a.Tag.PostCount), a.CreatedAt))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The newest aliases, optionally only those of one tag or whose name starts with <paramref name="filter"/>.</summary>
    public async Task<List<TagAliasDto>> RecentAliasesAsync(string? filter, int limit, CancellationToken ct)
    {
        var aliases = db.Set<TagAlias>().AsNoTracking();
        if (TagService.NormalizePrefix(filter) is { } start)
        {
            aliases = aliases.Where(a => a.Alias.StartsWith(start) || a.Tag!.Name == start);
        }
        return await aliases.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Alias).Take(limit)
            .Select(a => new TagAliasDto(a.Alias, new TagRefDto(a.Tag!.Name, Lower(a.Tag.Category), a.Tag.PostCount), a.CreatedAt))
            .ToListAsync(ct);
    }

    /// <summary>The newest implications, optionally only those involving the tag named <paramref name="filter"/>.</summary>
    public async Task<List<TagImplicationDto>> RecentImplicationsAsync(string? filter, int limit, CancellationToken ct)
    {
        var tags = db.Set<Tag>().AsNoTracking();
        var implications = db.Set<TagImplication>().AsNoTracking();
        if (await FindAsync(filter, ct) is { } tag)
        {
            implications = implications.Where(i => i.TagId == tag.Id || i.ImpliedTagId == tag.Id);
        }
        else if (!string.IsNullOrWhiteSpace(filter))
        {
            return [];
        }
        return await implications
            .Join(tags, i => i.TagId, t => t.Id, (i, t) => new { i, t })
            .Join(tags, x => x.i.ImpliedTagId, t => t.Id, (x, implied) => new { x.i, x.t, implied })
            .OrderByDescending(x => x.i.CreatedAt).ThenBy(x => x.t.Name).ThenBy(x => x.implied.Name).Take(limit)
            .Select(x => new TagImplicationDto(
                new TagRefDto(x.t.Name, Lower(x.t.Category), x.t.PostCount),
                new TagRefDto(x.implied.Name, Lower(x.implied.Category), x.implied.PostCount),
                x.i.CreatedAt))
            .ToListAsync(ct);
    }

    private async Task<(List<TagRefDto> Implies, List<TagRefDto> ImpliedBy)> ImplicationsOfAsync(long tagId, CancellationToken ct)
    {
        var tags = db.Set<Tag>().AsNoTracking();
        var implies = await db.Set<TagImplication>().AsNoTracking().Where(i => i.TagId == tagId)
            .Join(tags, i => i.ImpliedTagId, t => t.Id, (i, t) => t)
            .OrderBy(t => t.Name).Select(t => new TagRefDto(t.Name, Lower(t.Category), t.PostCount))
            .ToListAsync(ct);
        var impliedBy = await db.Set<TagImplication>().AsNoTracking().Where(i => i.ImpliedTagId == tagId)
            .Join(tags, i => i.TagId, t => t.Id, (i, t) => t)
            .OrderBy(t => t.Name).Select(t => new TagRefDto(t.Name, Lower(t.Category), t.PostCount))
            .ToListAsync(ct);
        return (implies, impliedBy);
    }

    /// <summary>Leaves out tags whose name has become an alias: their posts move to the target.</summary>
    private IQueryable<Tag> Live(IQueryable<Tag> tags) => tags.Where(t => !db.Set<TagAlias>().Any(a => a.Alias == t.Name));

    public static TagRefDto Ref(Tag tag) => new(tag.Name, Lower(tag.Category), tag.PostCount);

    public static string PageUrl(string name) => "/tags/" + Uri.EscapeDataString(name);

    public static string Lower(TagCategory category) => category.ToString().ToLowerInvariant();
}
