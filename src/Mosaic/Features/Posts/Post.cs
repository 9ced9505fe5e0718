using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mosaic.Features.Accounts;
using Mosaic.Features.Tags;

namespace Mosaic.Features.Posts;

public enum Rating
{
    Safe,
    Questionable,
    Explicit,
}

public enum PostStatus
{
    Processing,
    Ready,
    Failed,
    Deleted,
}

public enum TagSource
{
    Human,
    Auto,
}

/// <summary>An uploaded image and what Mosaic learned about it.</summary>
public sealed class Post
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;
    public const int MaxTags = 60;

    public long Id { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public Rating Rating { get; set; }
    public PostStatus Status { get; set; }
    public string? FailureReason { get; set; }

    /// <summary>Hex SHA-256 of the uploaded bytes: exact duplicates are refused while this post exists.</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The upload as received, kept privately (it may carry EXIF/GPS): never served, only re-processed.</summary>
    public string OriginalKey { get; set; } = "";

    public string OriginalContentType { get; set; } = "";
    public long OriginalBytes { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public int Frames { get; set; } = 1;
    public bool HasAlpha { get; set; }
    public string? Blurhash { get; set; }

    /// <summary>64-bit DCT perceptual hash, also split into four 16-bit chunks so near duplicates are found by index lookups.</summary>
    public long? PerceptualHash { get; set; }

    public int? PHash0 { get; set; }
    public int? PHash1 { get; set; }
    public int? PHash2 { get; set; }
    public int? PHash3 { get; set; }

    /// <summary>Counts kept with the votes and comments they count, so lists never count rows per post.</summary>
    public int LikeCount { get; set; }

    public int DislikeCount { get; set; }
    public int CommentCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public List<Variant> Variants { get; set; } = [];
    public List<PostColor> Colors { get; set; } = [];
    public List<PostTag> Tags { get; set; } = [];

    public bool IsAnimated => Frames > 1;

    public void SetPerceptualHash(ulong hash)
    {
        PerceptualHash = unchecked((long)hash);
        PHash0 = (int)(hash & 0xFFFF);
        PHash1 = (int)((hash >> 16) & 0xFFFF);
        PHash2 = (int)((hash >> 32) & 0xFFFF);
        PHash3 = (int)((hash >> 48) & 0xFFFF);
    }
}

/// <summary>One rendered size of a post, stored under a content-addressed key.</summary>
public sealed class Variant
{
    public long Id { get; set; }
    public long PostId { get; set; }
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public string ContentType { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    public long Bytes { get; set; }

    public string Url => "/media/" + Key;
}

/// <summary>A dominant colour of a post, in CIELAB with its share of the image.</summary>
public sealed class PostColor
{
    public long PostId { get; set; }
    public int Rank { get; set; }
    public string Hex { get; set; } = "";
    public double L { get; set; }
    public double A { get; set; }
    public double B { get; set; }
    public double Weight { get; set; }
}

public sealed class PostTag
{
    public long PostId { get; set; }
    public long TagId { get; set; }
    public Tag? Tag { get; set; }
    public TagSource Source { get; set; }

    /// <summary>1 for tags people add; the measurement's confidence for automatic ones.</summary>
    public double Confidence { get; set; } = 1;
}

/// <summary>Two posts whose perceptual hashes are within the near-duplicate threshold, flagged on both.</summary>
public sealed class PostDuplicate
{
    public long PostId { get; set; }
    public long OtherPostId { get; set; }
    public int Distance { get; set; }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.ToTable("Posts");
        builder.Property(p => p.Title).HasMaxLength(Post.TitleMaxLength);
        builder.Property(p => p.Description).HasMaxLength(Post.DescriptionMaxLength);
        builder.Property(p => p.Sha256).HasMaxLength(64);
        builder.Property(p => p.OriginalKey).HasMaxLength(200);
        builder.Property(p => p.OriginalContentType).HasMaxLength(50);
        builder.Property(p => p.FailureReason).HasMaxLength(500);
        builder.Property(p => p.Blurhash).HasMaxLength(64);
        builder.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        // The board and its keyset pagination: ready posts, newest first.
        builder.HasIndex(p => new { p.Status, p.Id });
        builder.HasIndex(p => new { p.UserId, p.Id });
        // One live post per exact file; a deleted post's file may be uploaded again.
        builder.HasIndex(p => p.Sha256).IsUnique().HasFilter("\"Status\" <> 3");
        builder.HasIndex(p => p.PHash0);
        builder.HasIndex(p => p.PHash1);
        builder.HasIndex(p => p.PHash2);
        builder.HasIndex(p => p.PHash3);
        builder.HasMany(p => p.Variants).WithOne().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Colors).WithOne().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Tags).WithOne().HasForeignKey(t => t.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VariantConfiguration : IEntityTypeConfiguration<Variant>
{
    public void Configure(EntityTypeBuilder<Variant> builder)
    {
        builder.ToTable("Variants");
        builder.Property(v => v.Name).HasMaxLength(32);
        builder.Property(v => v.Key).HasMaxLength(200);
        builder.Property(v => v.ContentType).HasMaxLength(50);
        builder.HasIndex(v => new { v.PostId, v.Name }).IsUnique();
        // The sweeper asks "is this stored object still referenced?".
        builder.HasIndex(v => v.Key);
    }
}

internal sealed class PostColorConfiguration : IEntityTypeConfiguration<PostColor>
{
    public void Configure(EntityTypeBuilder<PostColor> builder)
    {
        builder.ToTable("PostColors");
        builder.HasKey(c => new { c.PostId, c.Rank });
        builder.Property(c => c.Hex).HasMaxLength(7);
    }
}

internal sealed class PostTagConfiguration : IEntityTypeConfiguration<PostTag>
{
    public void Configure(EntityTypeBuilder<PostTag> builder)
    {
        builder.ToTable("PostTags");
        builder.HasKey(t => new { t.PostId, t.TagId });
        builder.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.TagId);
    }
}

internal sealed class PostDuplicateConfiguration : IEntityTypeConfiguration<PostDuplicate>
{
    public void Configure(EntityTypeBuilder<PostDuplicate> builder)
    {
        builder.ToTable("PostDuplicates");
        builder.HasKey(d => new { d.PostId, d.OtherPostId });
        builder.HasIndex(d => d.OtherPostId);
    }
}
