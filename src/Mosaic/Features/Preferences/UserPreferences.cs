using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Mosaic.Features.Accounts;

namespace Mosaic.Features.Preferences;

/// <summary>A signed-in person's display preferences, stored as one JSON document (see PreferencesDto).</summary>
public sealed class UserPreferences
{
    public const int JsonMaxLength = 16_000;

    public Guid UserId { get; set; }
    public string Json { get; set; } = "{}";
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class UserPreferencesConfiguration : IEntityTypeConfiguration<UserPreferences>
{
    public void Configure(EntityTypeBuilder<UserPreferences> builder)
    {
        builder.ToTable("UserPreferences");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.Json).HasMaxLength(UserPreferences.JsonMaxLength);
        builder.HasOne<User>().WithOne().HasForeignKey<UserPreferences>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
