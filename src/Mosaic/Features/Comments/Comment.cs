using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;

namespace Mosaic.Features.Comments;

/// <summary>A comment on a post, or a reply to one (<see cref="ParentId"/>). Deleting keeps the row so replies keep their place.</summary>
public sealed class Comment
{
    public const int BodyMaxLength = 5000;

    public long Id { get; set; }
    public long PostId { get; set; }
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public long? ParentId { get; set; }
    public string Body { get; set; } = "";
    public int LikeCount { get; set; }
    public int DislikeCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>One person's like (+1) or dislike (−1) of a comment.</summary>
public sealed class CommentVote
{
    public long CommentId { get; set; }
    public Guid UserId { get; set; }
    public short Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("Comments");
        builder.Property(c => c.Body).HasMaxLength(Comment.BodyMaxLength);
        builder.HasOne<Post>().WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.User).WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Comment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PostId, c.Id });
        builder.HasIndex(c => c.ParentId);
        builder.HasIndex(c => new { c.UserId, c.Id });
    }
}

internal sealed class CommentVoteConfiguration : IEntityTypeConfiguration<CommentVote>
{
    public void Configure(EntityTypeBuilder<CommentVote> builder)
    {
        builder.ToTable("CommentVotes");
        builder.HasKey(v => new { v.CommentId, v.UserId });
        builder.HasOne<Comment>().WithMany().HasForeignKey(v => v.CommentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
