using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Tags;

/// <summary>A tag name as typed, with the category an optional prefix gave it (<c>artist:someone</c>).</summary>
public sealed record TagInput(string Name, TagCategory? Category);

/// <summary>
/// Parses what people type into tags and finds or creates the tag rows; applies the moderators' rules to the tags
/// people add: an alias becomes its target, and a tag brings the tags it implies.
/// </summary>
public sealed class TagService(MosaicDbContext db, TimeProvider clock)
{
    /// <summary>Steps an implication chain is followed (<c>kitten ⇒ cat ⇒ feline ⇒ animal</c> is three).</summary>
    public const int MaxImplicationDepth = 8;

    /// <summary>Tags one set of tags may bring in through implications, however the rules are drawn.</summary>
    public const int MaxImpliedTags = 40;

    private static readonly Dictionary<string, TagCategory> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["general"] = TagCategory.General,
        ["artist"] = TagCategory.Artist,
        ["character"] = TagCategory.Character,
        ["copyright"] = TagCategory.Copyright,
        ["meta"] = TagCategory.Meta,
    };

    /// <summary>Splits on spaces and commas; returns the valid tags (deduplicated, in order) and the tokens that are not.</summary>
    public static (IReadOnlyList<TagInput> Tags, IReadOnlyList<string> Invalid) Parse(string? input)
    {
        var tags = new List<TagInput>();
        var invalid = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in (input ?? "").Split([' ', ',', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            TagCategory? category = null;
            var raw = token;
            var colon = token.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && Prefixes.TryGetValue(token[..colon], out var prefixed))
            {
                category = prefixed;
                raw = token[(colon + 1)..];
            }
            if (Tag.Normalize(raw) is { } name)
            {
                if (seen.Add(name))
                {
                    tags.Add(new TagInput(name, category));
                }
            }
            else
            {
                invalid.Add(token);
            }
        }
        return (tags, invalid);
    }

    /// <summary>The tag rows for these names, creating the missing ones (in the given category, General by default).</summary>
    public async Task<List<Tag>> EnsureAsync(IReadOnlyCollection<TagInput> inputs, TagCategory defaultCategory, CancellationToken ct)
    {
        if (inputs.Count == 0)
        {
            return [];
        }
        var names = inputs.Select(i => i.Name).ToList();
        var existing = await db.Set<Tag>().Where(t => names.Contains(t.Name)).ToListAsync(ct);
        var missing = inputs.Where(i => existing.All(t => t.Name != i.Name)).ToList();
        if (missing.Count > 0)
        {
            var now = clock.GetUtcNow();
            var created = missing.Select(i => new Tag { Name = i.Name, Category = i.Category ?? defaultCategory, CreatedAt = now }).ToList();
            db.Set<Tag>().AddRange(created);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another request created one of them first: forget ours and read theirs.
                foreach (var tag in created)
                {
                    db.Entry(tag).State = EntityState.Detached;
                }
                return await db.Set<Tag>().Where(t => names.Contains(t.Name)).ToListAsync(ct);
            }
            existing.AddRange(created);
        }
        return existing;
    }

    /// <summary>
    /// A name typed into a search or autocomplete box as the start of a tag: lower case, spaces to underscores,
    /// without a category prefix or a leading minus; null when it cannot start any tag name.
    /// </summary>
    public static string? NormalizePrefix(string? raw)
    {
        var text = (raw ?? "").Trim().TrimStart('-');
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Prefixes.ContainsKey(text[..colon]))
        {
            text = text[(colon + 1)..];
        }
        return Tag.Normalize(text);
    }

    /// <summary>
    /// The tag rows for what a person typed: aliases replaced by their targets, missing tags created (in the typed
    /// category, General by default), then the tags these imply added, transitively up to
    /// <see cref="MaxImplicationDepth"/> steps.
    /// </summary>
    public async Task<List<Tag>> EnsureForPeopleAsync(IReadOnlyCollection<TagInput> inputs, CancellationToken ct)
    {
        var rows = await EnsureAsync(await ResolveAliasesAsync(inputs, ct), TagCategory.General, ct);
        var implied = await ImpliedClosureAsync([.. rows.Select(t => t.Id)], ct);
        if (implied.Count > 0)
        {
            rows.AddRange(await db.Set<Tag>().Where(t => implied.Contains(t.Id)).ToListAsync(ct));
        }
        return rows;
    }

    /// <summary>The inputs with every alias replaced by the name of its target, deduplicated, in order.</summary>
    public async Task<IReadOnlyList<TagInput>> ResolveAliasesAsync(IReadOnlyCollection<TagInput> inputs, CancellationToken ct)
    {
        if (inputs.Count == 0)
        {
            return [];
        }
        var names = inputs.Select(i => i.Name).ToList();
        var targets = await db.Set<TagAlias>().AsNoTracking().Where(a => names.Contains(a.Alias))
            .Select(a => new { a.Alias, Target = a.Tag!.Name })
            .ToDictionaryAsync(a => a.Alias, a => a.Target, StringComparer.Ordinal, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. inputs
            .Select(i => targets.TryGetValue(i.Name, out var target) ? i with { Name = target } : i)
            .Where(i => seen.Add(i.Name))];
    }

    /// <summary>The ids of the tags these tags imply, transitively and bounded, without the given ones.</summary>
    public async Task<HashSet<long>> ImpliedClosureAsync(IReadOnlyCollection<long> tagIds, CancellationToken ct)
    {
        var seen = tagIds.ToHashSet();
        var implied = new HashSet<long>();
        var frontier = tagIds.ToList();
        for (var depth = 0; depth < MaxImplicationDepth && frontier.Count > 0 && implied.Count < MaxImpliedTags; depth++)
        {
            var next = await db.Set<TagImplication>().AsNoTracking()
                .Where(i => frontier.Contains(i.TagId)).Select(i => i.ImpliedTagId).ToListAsync(ct);
            frontier = [.. next.Where(seen.Add).Take(MaxImpliedTags - implied.Count)];
            implied.UnionWith(frontier);
        }
        return implied;
    }

    /// <summary>
    /// Gives these posts every tag in <paramref name="tagIds"/> as a person's tag: adds the missing rows and turns a
    /// measured (automatic) one into a person's. Saves nothing; returns how many rows it added or changed.
    /// </summary>
    public async Task<int> GiveTagsAsync(IReadOnlyCollection<long> postIds, IReadOnlyCollection<long> tagIds, CancellationToken ct)
    {
        if (postIds.Count == 0 || tagIds.Count == 0)
        {
            return 0;
        }
        var existing = await db.Set<PostTag>()
            .Where(pt => postIds.Contains(pt.PostId) && tagIds.Contains(pt.TagId))
            .ToDictionaryAsync(pt => (pt.PostId, pt.TagId), ct);
        var changed = 0;
        foreach (var postId in postIds.Distinct())
        {
            foreach (var tagId in tagIds.Distinct())
            {
                if (!existing.TryGetValue((postId, tagId), out var row))
                {
                    db.Set<PostTag>().Add(new PostTag { PostId = postId, TagId = tagId, Source = TagSource.Human, Confidence = 1 });
                    changed++;
                }
                else if (row.Source != TagSource.Human)
                {
                    row.Source = TagSource.Human;
                    row.Confidence = 1;
                    changed++;
                }
            }
        }
        return changed;
    }
}
