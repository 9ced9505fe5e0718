using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mosaic.Features.Accounts;

/// <summary>A person with an account. The username is the lowercase handle shown as @name.</summary>
public sealed class User : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Role : IdentityRole<Guid>
{
}

/// <summary>The three roles every instance has; their ids are fixed so migrations can seed them.</summary>
public static class Roles
{
    public const string User = "user";
    public const string Moderator = "moderator";
    public const string Admin = "admin";

    internal static readonly Role[] Seed =
    [
        new() { Id = Guid.Parse("0194f0a0-0000-7000-8000-000000000001"), Name = User, NormalizedName = "USER", ConcurrencyStamp = "seed-user" },
        new() { Id = Guid.Parse("0194f0a0-0000-7000-8000-000000000002"), Name = Moderator, NormalizedName = "MODERATOR", ConcurrencyStamp = "seed-moderator" },
        new() { Id = Guid.Parse("0194f0a0-0000-7000-8000-000000000003"), Name = Admin, NormalizedName = "ADMIN", ConcurrencyStamp = "seed-admin" },
    ];
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Property(u => u.UserName).HasMaxLength(UsernameRules.MaxLength);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(UsernameRules.MaxLength);
        // Identity only indexes the normalized email without uniqueness; sign-up relies on it being unique.
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> builder) => builder.HasData(Roles.Seed);
}
