using Microsoft.Extensions.Options;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Votes;

/// <summary>The vote limit, beside the other limits in <c>Mosaic:RateLimits</c>.</summary>
public sealed class VoteRateLimitOptions
{
    public const string Section = "Mosaic:RateLimits";

    /// <summary>Votes on posts and comments together, per person per minute. The pages debounce taps, so people rarely reach it.</summary>
    public int VotesPerUserPerMinute { get; set; } = 60;
}

internal sealed class VoteRateLimitOptionsValidator : IValidateOptions<VoteRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, VoteRateLimitOptions options) =>
        options.VotesPerUserPerMinute < 1
            ? ValidateOptionsResult.Fail("Mosaic:RateLimits:VotesPerUserPerMinute must be at least 1.")
            : ValidateOptionsResult.Success;
}

/// <summary>Limits how fast one person votes, whichever path the vote takes (the API or the plain form).</summary>
public sealed class VoteThrottle(IOptions<VoteRateLimitOptions> options) : IDisposable
{
    private readonly FixedWindowLimit<Guid> perUser = new(options.Value.VotesPerUserPerMinute, TimeSpan.FromMinutes(1));

    public ThrottleDecision Attempt(Guid userId) => perUser.Attempt(userId);

    public void Dispose() => perUser.Dispose();
}
