using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Mosaic.Features.Accounts;

/// <summary>
/// A personal access token for API clients. Only a SHA-256 hash of the secret is stored: the tokens carry
/// 256 random bits, so a fast hash is enough and lets every request find its token by an indexed lookup.
/// </summary>
public sealed class AccessToken
{
    public const string SecretPrefix = "mos_";
    public const int NameMaxLength = 64;

    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The first characters of the secret, shown in lists so a person can tell tokens apart.</summary>
    public string Hint { get; set; } = "";

    public byte[] SecretHash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public static string NewSecret() =>
        SecretPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> builder)
    {
        builder.ToTable("AccessTokens");
        builder.Property(t => t.Name).HasMaxLength(AccessToken.NameMaxLength);
        builder.Property(t => t.Hint).HasMaxLength(16);
        builder.Property(t => t.SecretHash).HasMaxLength(32);
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.HasIndex(t => new { t.UserId, t.CreatedAt });
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
