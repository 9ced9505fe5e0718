using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace Mosaic.Features.Accounts;

/// <summary>Usernames are 3–32 characters of a–z, 0–9, underscore and hyphen; a few are kept for the site's own paths.</summary>
public static partial class UsernameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 32;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "api", "me", "account", "accounts", "settings", "signin", "signup", "signout", "static",
        "healthz", "readyz", "metrics", "mosaic", "root", "system", "null", "undefined",
    };

    [GeneratedRegex("^[a-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedCharacters();

    /// <summary>Lower-cases and trims what a person typed, so "Alice " signs up as "alice".</summary>
    public static string Normalize(string? input) => (input ?? "").Trim().ToLowerInvariant();

    public static string? Problem(string username)
    {
        if (username.Length is < MinLength or > MaxLength)
        {
            return $"Usernames are {MinLength} to {MaxLength} characters long.";
        }
        if (!AllowedCharacters().IsMatch(username))
        {
            return "Usernames may contain only lowercase letters, digits, '_' and '-'.";
        }
        if (Reserved.Contains(username))
        {
            return $"The username '{username}' is reserved.";
        }
        return null;
    }
}

/// <summary>Identity validator enforcing <see cref="UsernameRules"/> (uniqueness is checked by Identity's own validator).</summary>
internal sealed class UsernameValidator : IUserValidator<User>
{
    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user)
    {
        var problem = UsernameRules.Problem(user.UserName ?? "");
        return Task.FromResult(problem is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "InvalidUserName", Description = problem }));
    }
}
