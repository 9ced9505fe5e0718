using System.Net.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Mosaic.Features.Accounts;

/// <summary>Field name → messages, the shape of the <c>errors</c> map in validation problems and of form messages.</summary>
public sealed class FieldErrors : Dictionary<string, string[]>
{
    public FieldErrors() : base(StringComparer.Ordinal)
    {
    }

    public void Add(string field, string message) =>
        this[field] = TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public string? For(string field) => TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}

public sealed record Registration(User? User, FieldErrors Errors, bool Conflict)
{
    public bool Succeeded => User is not null;
}

public enum CredentialOutcome
{
    Valid,
    Invalid,
    LockedOut,
}

public sealed record CredentialCheck(CredentialOutcome Outcome, User? User, TimeSpan RetryAfter);

/// <summary>Sign-up, credential checks and password changes, shared by the JSON API and the HTML forms.</summary>
public sealed class AccountService(UserManager<User> users, TimeProvider clock)
{
    public const int EmailMaxLength = 254;

    // Verifying against a real hash when the account does not exist keeps unknown names as slow as wrong passwords.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<User>().HashPassword(new User(), Guid.NewGuid().ToString()));

    public static bool IsBanned(User user) => user.LockoutEnd == DateTimeOffset.MaxValue;

    public async Task<Registration> RegisterAsync(string? username, string? email, string? password, string role = Roles.User)
    {
        var errors = new FieldErrors();
        var name = UsernameRules.Normalize(username);
        var address = (email ?? "").Trim();
        if (name.Length == 0) errors.Add("username", "Choose a username.");
        else if (UsernameRules.Problem(name) is { } usernameProblem) errors.Add("username", usernameProblem);
        if (address.Length == 0) errors.Add("email", "Enter your email address.");
        else if (address.Length > EmailMaxLength || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
            errors.Add("email", "Enter a valid email address, like name@example.com.");
        var user = new User { UserName = name, Email = address, CreatedAt = clock.GetUtcNow(), Id = Guid.CreateVersion7() };
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", "Choose a password.");
        }
        else
        {
            // Identity stops at the first failing part; people deserve every problem with the form at once.
            foreach (var validator in users.PasswordValidators)
            {
                foreach (var error in (await validator.ValidateAsync(users, user, password)).Errors)
                {
                    errors.Add("password", error.Description);
                }
            }
        }
        if (errors.Count > 0)
        {
            return new Registration(null, errors, Conflict: false);
        }

        var created = await CreateWithRaceCheck(user, password!);
        if (!created.Succeeded)
        {
            var conflict = created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail");
            return new Registration(null, ToFieldErrors(created.Errors), conflict);
        }
        await users.AddToRoleAsync(user, role);
        return new Registration(user, errors, Conflict: false);
    }

    /// <summary>Finds the account by username or email and checks the password, counting failures towards lockout.</summary>
    public async Task<CredentialCheck> CheckCredentialsAsync(string? login, string? password)
    {
        var key = (login ?? "").Trim();
        if (key.Length == 0 || string.IsNullOrEmpty(password) || password.Length > 1024)
        {
            return new CredentialCheck(CredentialOutcome.Invalid, null, TimeSpan.Zero);
        }
        var user = key.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(key) : await users.FindByNameAsync(key);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new User(), DecoyHash.Value, password);
            return new CredentialCheck(CredentialOutcome.Invalid, null, TimeSpan.Zero);
        }
        if (await users.IsLockedOutAsync(user))
        {
            return LockedOut(user);
        }
        if (await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            return new CredentialCheck(CredentialOutcome.Valid, user, TimeSpan.Zero);
        }
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? LockedOut(user) : new CredentialCheck(CredentialOutcome.Invalid, null, TimeSpan.Zero);
    }

    public async Task<FieldErrors> ChangePasswordAsync(User user, string? currentPassword, string? newPassword)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(currentPassword)) errors.Add("currentPassword", "Enter your current password.");
        if (string.IsNullOrEmpty(newPassword)) errors.Add("newPassword", "Choose a new password.");
        if (errors.Count > 0)
        {
            return errors;
        }
        var result = await users.ChangePasswordAsync(user, currentPassword!, newPassword!);
        foreach (var error in result.Errors)
        {
            errors.Add(error.Code == "PasswordMismatch" ? "currentPassword" : "newPassword",
                error.Code == "PasswordMismatch" ? "The current password is not right." : error.Description);
        }
        return errors;
    }

    public Task<IList<string>> RolesOfAsync(User user) => users.GetRolesAsync(user);

    private async Task<IdentityResult> CreateWithRaceCheck(User user, string password)
    {
        try
        {
            return await users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            // Two sign-ups for one name raced past Identity's check; the unique index decided.
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateUserName(user.UserName!));
        }
    }

    private CredentialCheck LockedOut(User user)
    {
        var until = user.LockoutEnd ?? clock.GetUtcNow();
        var wait = until - clock.GetUtcNow();
        return new CredentialCheck(CredentialOutcome.LockedOut, null, wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1));
    }

    private static FieldErrors ToFieldErrors(IEnumerable<IdentityError> identityErrors)
    {
        var errors = new FieldErrors();
        foreach (var error in identityErrors)
        {
            var field = error.Code switch
            {
                "DuplicateUserName" => "username",
                "InvalidUserName" => "username",
                "DuplicateEmail" or "InvalidEmail" => "email",
                _ => "password",
            };
            var message = error.Code switch
            {
                "DuplicateUserName" => "That username is taken.",
                "DuplicateEmail" => "An account with that email address already exists.",
                _ => error.Description,
            };
            errors.Add(field, message);
        }
        return errors;
    }
}
