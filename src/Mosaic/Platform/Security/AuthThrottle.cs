using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mosaic.Platform.Security;

public sealed class RateLimitOptions
{
    public const string Section = "Mosaic:RateLimits";

    public int SignInPerIpPerMinute { get; set; } = 20;
    public int SignInPerAccountPerMinute { get; set; } = 10;
    public int SignUpPerIpPerHour { get; set; } = 10;
}

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        if (options.SignInPerIpPerMinute < 1) errors.Add("Mosaic:RateLimits:SignInPerIpPerMinute must be at least 1.");
        if (options.SignInPerAccountPerMinute < 1) errors.Add("Mosaic:RateLimits:SignInPerAccountPerMinute must be at least 1.");
        if (options.SignUpPerIpPerHour < 1) errors.Add("Mosaic:RateLimits:SignUpPerIpPerHour must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public enum ThrottledAction
{
    SignIn,
    SignUp,
}

/// <summary>Outcome of asking the throttle; <see cref="RetryAfter"/> is set when the attempt must wait.</summary>
public readonly record struct ThrottleDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static readonly ThrottleDecision Allow = new(true, TimeSpan.Zero);

    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// Limits sign-in and sign-up attempts per client address and per account name, shared by the JSON API,
/// HTTP Basic token creation and the HTML forms so that no path is a way around another.
/// In-process for now: behind several replicas the edge proxy's limit applies as well (deploy/nginx).
/// </summary>
public sealed class AuthThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> signInPerIp;
    private readonly PartitionedRateLimiter<string> signInPerAccount;
    private readonly PartitionedRateLimiter<string> signUpPerIp;

    public AuthThrottle(IOptions<RateLimitOptions> options)
    {
        var o = options.Value;
        signInPerIp = Window(o.SignInPerIpPerMinute, TimeSpan.FromMinutes(1));
        signInPerAccount = Window(o.SignInPerAccountPerMinute, TimeSpan.FromMinutes(1));
        signUpPerIp = Window(o.SignUpPerIpPerHour, TimeSpan.FromHours(1));
    }

    public ThrottleDecision Attempt(ThrottledAction action, HttpContext http, string? account = null)
    {
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (action == ThrottledAction.SignUp)
        {
            return Acquire(signUpPerIp, ip);
        }
        var byIp = Acquire(signInPerIp, ip);
        if (!byIp.Allowed || string.IsNullOrWhiteSpace(account))
        {
            return byIp;
        }
        return Acquire(signInPerAccount, account.Trim().ToUpperInvariant());
    }

    private static ThrottleDecision Acquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return ThrottleDecision.Allow;
        }
        return new ThrottleDecision(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1));
    }

    private static PartitionedRateLimiter<string> Window(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public void Dispose()
    {
        signInPerIp.Dispose();
        signInPerAccount.Dispose();
        signUpPerIp.Dispose();
    }
}
