namespace Mosaic.Features.Accounts;

/// <summary>Sign-up request.</summary>
/// <param name="Username">3–32 characters of a–z, 0–9, '_' and '-'; upper case is folded to lower case.</param>
/// <param name="Email">A unique email address.</param>
/// <param name="Password">At least 10 characters and not a commonly used password.</param>
public sealed record CreateAccountRequest(string? Username, string? Email, string? Password);

/// <summary>Sign-in request; <paramref name="Username"/> may also be the account's email address.</summary>
public sealed record CreateSessionRequest(string? Username, string? Password, bool Remember = false);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>New personal access token.</summary>
/// <param name="Name">What the token is for, 1–64 characters.</param>
/// <param name="ExpiresInDays">1–3650 days, or null for a token that does not expire.</param>
public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);

public sealed record AccountDto(Guid Id, string Username, string Email, DateTimeOffset CreatedAt, IReadOnlyList<string> Roles);

public sealed record AccessTokenDto(Guid Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt)
{
    public static AccessTokenDto From(AccessToken t) => new(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.LastUsedAt);
}

/// <summary>A token as created: <paramref name="Token"/> is the secret, shown this once and never again.</summary>
public sealed record CreatedAccessTokenDto(Guid Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string Token);
