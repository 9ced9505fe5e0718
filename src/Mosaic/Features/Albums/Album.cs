using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;

namespace Mosaic.Features.Albums;

/// <summary>A person's ordered collection of posts, public or private.</summary>
public sealed class Album
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 2000;

    public long Id { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool IsPublic { get; set; }
    public int PostCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A post in an album at a position; positions are sparse (steps of 1024) so a move rewrites one row.</summary>
public sealed class AlbumPost
{
    public long AlbumId { get; set; }
    public long PostId { get; set; }
    public long Position { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

internal sealed class AlbumConfiguration : IEntityTypeConfiguration<Album>
{
    public void Configure(EntityTypeBuilder<Album> builder)
    {
        builder.ToTable("Albums");
        builder.Property(a => a.Name).HasMaxLength(Album.NameMaxLength);
        builder.Property(a => a.Description).HasMaxLength(Album.DescriptionMaxLength);
        builder.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.UserId, a.UpdatedAt });
    }
}

internal sealed class AlbumPostConfiguration : IEntityTypeConfiguration<AlbumPost>
{
    public void Configure(EntityTypeBuilder<AlbumPost> builder)
    {
        builder.ToTable("AlbumPosts");
        builder.HasKey(a => new { a.AlbumId, a.PostId });
        builder.HasOne<Album>().WithMany().HasForeignKey(a => a.AlbumId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Post>().WithMany().HasForeignKey(a => a.PostId).OnDelete(DeleteBehavior.Cascade);
        // The album page reads in order; "which of my albums hold this post" reads by post.
        builder.HasIndex(a => new { a.AlbumId, a.Position });
        builder.HasIndex(a => a.PostId);
    }
}
