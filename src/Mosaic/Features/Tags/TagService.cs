using Microsoft.EntityFrameworkCore;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Tags;

/// <summary>A tag name as typed, with the category an optional prefix gave it (<c>artist:someone</c>).</summary>
public sealed record TagInput(string Name, TagCategory? Category);

/// <summary>Parses what people type into tags and finds or creates the tag rows.</summary>
public sealed class TagService(MosaicDbContext db, TimeProvider clock)
{
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
}
