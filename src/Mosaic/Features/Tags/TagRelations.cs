using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mosaic.Features.Tags;

/// <summary>An alternative name that resolves to a tag (<c>kitty</c> → <c>cat</c>), managed by moderators.</summary>
public sealed class TagAlias
{
    public string Alias { get; set; } = "";
    public long TagId { get; set; }
    public Tag? Tag { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A tag that brings another with it (<c>cat</c> ⇒ <c>animal</c>), managed by moderators.</summary>
public sealed class TagImplication
{
    public long TagId { get; set; }
    public long ImpliedTagId { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class TagAliasConfiguration : IEntityTypeConfiguration<TagAlias>
{
    public void Configure(EntityTypeBuilder<TagAlias> builder)
    {
        builder.ToTable("TagAliases");
        builder.HasKey(a => a.Alias);
        builder.Property(a => a.Alias).HasMaxLength(Tag.NameMaxLength);
        builder.HasOne(a => a.Tag).WithMany().HasForeignKey(a => a.TagId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.TagId);
    }
}

internal sealed class TagImplicationConfiguration : IEntityTypeConfiguration<TagImplication>
{
    public void Configure(EntityTypeBuilder<TagImplication> builder)
    {
        builder.ToTable("TagImplications");
        builder.HasKey(i => new { i.TagId, i.ImpliedTagId });
        builder.HasOne<Tag>().WithMany().HasForeignKey(i => i.TagId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tag>().WithMany().HasForeignKey(i => i.ImpliedTagId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.ImpliedTagId);
    }
}
