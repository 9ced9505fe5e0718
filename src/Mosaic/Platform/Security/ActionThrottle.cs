using Microsoft.Extensions.Options;

namespace Mosaic.Platform.Security;

public sealed class RateLimitOptions
{
    public const string Section = "Mosaic:RateLimits";

    public int SignInPerIpPerMinute { get; set; } = 20;
    public int SignInPerAccountPerMinute { get; set; } = 10;
    public int SignUpPerIpPerHour { get; set; } = 10;
    public int UploadsPerUserPerHour { get; set; } = 60;
    public int ConversionsPerUserPerHour { get; set; } = 120;

    /// <summary>Anonymous conversions, per client address: stricter, since anyone can run them.</summary>
    public int AnonymousConversionsPerIpPerHour { get; set; } = 20;
}

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        if (options.SignInPerIpPerMinute < 1) errors.Add("Mosaic:RateLimits:SignInPerIpPerMinute must be at least 1.");
        if (options.SignInPerAccountPerMinute < 1) errors.Add("Mosaic:RateLimits:SignInPerAccountPerMinute must be at least 1.");
        if (options.SignUpPerIpPerHour < 1) errors.Add("Mosaic:RateLimits:SignUpPerIpPerHour must be at least 1.");
        if (options.UploadsPerUserPerHour < 1) errors.Add("Mosaic:RateLimits:UploadsPerUserPerHour must be at least 1.");
        if (options.ConversionsPerUserPerHour < 1) errors.Add("Mosaic:RateLimits:ConversionsPerUserPerHour must be at least 1.");
        if (options.AnonymousConversionsPerIpPerHour < 1) errors.Add("Mosaic:RateLimits:AnonymousConversionsPerIpPerHour must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public enum ThrottledAction
{
    SignIn,
    SignUp,
    Upload,
    Conversion,
}

/// <summary>Outcome of asking the throttle; <see cref="RetryAfter"/> is set when the attempt must wait.</summary>
public readonly record struct ThrottleDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static readonly ThrottleDecision Allow = new(true, TimeSpan.Zero);

    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// Limits abusable actions: sign-in per client address and per account name, sign-up per address, uploads and
/// conversions per person (anonymous conversions per address). Shared by the JSON API, HTTP Basic token creation
/// and the HTML forms so that no path is a way around another.
/// In-process for now: behind several replicas the edge proxy's limit applies as well (deploy/nginx).
/// </summary>
public sealed class ActionThrottle : IDisposable
{
    private readonly FixedWindowLimit<string> signInPerIp;
    private readonly FixedWindowLimit<string> signInPerAccount;
    private readonly FixedWindowLimit<string> signUpPerIp;
    private readonly FixedWindowLimit<string> uploadsPerUser;
    private readonly FixedWindowLimit<string> conversionsPerUser;
    private readonly FixedWindowLimit<string> anonymousConversionsPerIp;

    public ActionThrottle(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        signInPerIp = Window(o.SignInPerIpPerMinute, TimeSpan.FromMinutes(1));
        signInPerAccount = Window(o.SignInPerAccountPerMinute, TimeSpan.FromMinutes(1));
        signUpPerIp = Window(o.SignUpPerIpPerHour, TimeSpan.FromHours(1));
        uploadsPerUser = Window(o.UploadsPerUserPerHour, TimeSpan.FromHours(1));
        conversionsPerUser = Window(o.ConversionsPerUserPerHour, TimeSpan.FromHours(1));
        anonymousConversionsPerIp = Window(o.AnonymousConversionsPerIpPerHour, TimeSpan.FromHours(1));
    }

    public ThrottleDecision Attempt(ThrottledAction action, HttpContext http, string? account = null)
    {
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var user = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value : null;
        switch (action)
        {
            case ThrottledAction.SignUp:
                return Acquire(signUpPerIp, ip);
            case ThrottledAction.Upload:
                return Acquire(uploadsPerUser, user ?? ip);
            case ThrottledAction.Conversion:
                return user is null ? Acquire(anonymousConversionsPerIp, ip) : Acquire(conversionsPerUser, user);
        }
        var byIp = Acquire(signInPerIp, ip);
        if (!byIp.Allowed || string.IsNullOrWhiteSpace(account))
        {
            return byIp;
        }
        return Acquire(signInPerAccount, account.Trim().ToUpperInvariant());
    }

    private static ThrottleDecision Acquire(FixedWindowLimit<string> limit, string key) => limit.Attempt(key);

    private static FixedWindowLimit<string> Window(int permits, TimeSpan window) => new(permits, window);

    public void Dispose()
    {
        signInPerIp.Dispose();
        signInPerAccount.Dispose();
        signUpPerIp.Dispose();
        uploadsPerUser.Dispose();
        conversionsPerUser.Dispose();
        anonymousConversionsPerIp.Dispose();
    }
}
