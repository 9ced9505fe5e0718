using Microsoft.EntityFrameworkCore;
using Mosaic.Platform.Data;

namespace Mosaic.Features.Accounts;

public sealed record CreatedAccessToken(AccessToken Token, string Secret);

/// <summary>Creates, lists, revokes and resolves personal access tokens; shared by the API and the settings page.</summary>
public sealed class AccessTokenService(MosaicDbContext db, TimeProvider clock)
{
    /// <summary>Writes of "last used" are coalesced to one per token per interval, so reads stay reads.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public const int MaxTokensPerUser = 50;
    public const int MaxLifetimeDays = 3650;

    public async Task<CreatedAccessToken> CreateAsync(Guid userId, string name, int? expiresInDays, CancellationToken ct)
    {
        var secret = AccessToken.NewSecret();
        var now = clock.GetUtcNow();
        var token = new AccessToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = name.Trim(),
            Hint = secret[..(AccessToken.SecretPrefix.Length + 4)],
            SecretHash = AccessToken.Hash(secret),
            CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.Set<AccessToken>().Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedAccessToken(token, secret);
    }

    public Task<int> CountAsync(Guid userId, CancellationToken ct) =>
        db.Set<AccessToken>().CountAsync(t => t.UserId == userId, ct);

    public Task<List<AccessToken>> ListAsync(Guid userId, CancellationToken ct) =>
        db.Set<AccessToken>().AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt)
            .ToListAsync(ct);

    /// <summary>Deletes the token if, and only if, it belongs to <paramref name="userId"/>.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct) =>
        await db.Set<AccessToken>().Where(t => t.Id == tokenId && t.UserId == userId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Finds the live token for a presented secret and records its use.</summary>
    public async Task<AccessToken?> ResolveAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(AccessToken.SecretPrefix, StringComparison.Ordinal) || secret.Length > 128)
        {
            return null;
        }
        var hash = AccessToken.Hash(secret);
        var token = await db.Set<AccessToken>().AsNoTracking().FirstOrDefaultAsync(t => t.SecretHash == hash, ct);
        var now = clock.GetUtcNow();
        if (token is null || token.ExpiresAt <= now)
        {
            return null;
        }
        if (token.LastUsedAt is null || now - token.LastUsedAt >= LastUsedResolution)
        {
            await db.Set<AccessToken>().Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
            token.LastUsedAt = now;
        }
        return token;
    }
}
