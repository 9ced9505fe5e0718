using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mosaic.Features.Tags;

public enum TagCategory
{
    General,
    Artist,
    Character,
    Copyright,
    Meta,
}

/// <summary>A tag as boorus use them: one lowercase token, underscores for spaces, in a category.</summary>
public sealed partial class Tag
{
    public const int NameMaxLength = 64;

    public long Id { get; set; }
    public string Name { get; set; } = "";
    public TagCategory Category { get; set; }

    /// <summary>Ready posts carrying the tag; kept up to date by <see cref="TagService"/> for autocomplete.</summary>
    public int PostCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public const int DescriptionMaxLength = 4000;

    /// <summary>Markdown shown on the tag's page; edited by moderators.</summary>
    public string Description { get; set; } = "";

    [GeneratedRegex(@"^[\p{Ll}\p{Lo}\p{Nd}_()!?'.:+-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();

    /// <summary>Lower case, spaces to underscores; null when nothing valid is left.</summary>
    public static string? Normalize(string raw)
    {
        var name = raw.Trim().ToLowerInvariant().Replace(' ', '_');
        return name.Length is > 0 and <= NameMaxLength && ValidName().IsMatch(name) && name[0] != '-' && !name.Contains(':', StringComparison.Ordinal) ? name : null;
    }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.ToTable("Tags");
        builder.Property(t => t.Name).HasMaxLength(Tag.NameMaxLength);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasIndex(t => t.PostCount);
        builder.Property(t => t.Description).HasMaxLength(Tag.DescriptionMaxLength);
    }
}
