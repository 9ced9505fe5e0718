using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Mosaic.Features.Accounts;

/// <summary>
/// Rejects passwords found in breach lists or built from the account's own name, as NIST SP 800-63B asks,
/// instead of composition rules. The list ships embedded (common-passwords.txt).
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<User>
{
    private static readonly Lazy<HashSet<string>> CommonPasswords = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        var problem = Problem(password ?? "", user.UserName, user.Email);
        return Task.FromResult(problem is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = problem }));
    }

    public static string? Problem(string password, string? username, string? email)
    {
        var lowered = password.ToLowerInvariant();
        if (CommonPasswords.Value.Contains(lowered))
        {
            return "This password is too common; choose one that is harder to guess.";
        }
        if (lowered.Distinct().Count() < 4)
        {
            return "This password repeats too few characters; choose one that is harder to guess.";
        }
        if (!string.IsNullOrEmpty(username) && lowered.Contains(username, StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not contain your username.";
        }
        var localPart = email?.Split('@')[0];
        if (!string.IsNullOrEmpty(localPart) && localPart.Length >= 3 && lowered.Contains(localPart, StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not contain your email address.";
        }
        return null;
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Mosaic.Features.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded common-password list is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }
        return set;
    }
}
