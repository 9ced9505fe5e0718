using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;

namespace Mosaic.Features.Votes;

/// <summary>One person's like (+1) or dislike (−1) of a post; no row means no vote.</summary>
public sealed class PostVote
{
    public long PostId { get; set; }
    public Guid UserId { get; set; }
    public short Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PostVoteConfiguration : IEntityTypeConfiguration<PostVote>
{
    public void Configure(EntityTypeBuilder<PostVote> builder)
    {
        builder.ToTable("PostVotes");
        builder.HasKey(v => new { v.PostId, v.UserId });
        builder.HasOne<Post>().WithMany().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        // "Posts I liked", newest first.
        builder.HasIndex(v => new { v.UserId, v.Value, v.CreatedAt });
    }
}
