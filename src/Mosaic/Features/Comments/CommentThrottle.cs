using Microsoft.Extensions.Options;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Comments;

/// <summary>The comment limit, beside the other limits in <c>Mosaic:RateLimits</c>.</summary>
public sealed class CommentRateLimitOptions
{
    public const string Section = "Mosaic:RateLimits";

    /// <summary>New comments and edits together, per person per minute.</summary>
    public int CommentsPerUserPerMinute { get; set; } = 10;
}

internal sealed class CommentRateLimitOptionsValidator : IValidateOptions<CommentRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, CommentRateLimitOptions options) =>
        options.CommentsPerUserPerMinute < 1
            ? ValidateOptionsResult.Fail("Mosaic:RateLimits:CommentsPerUserPerMinute must be at least 1.")
            : ValidateOptionsResult.Success;
}

/// <summary>Limits how fast one person writes comments, through the API and the post page's form alike.</summary>
public sealed class CommentThrottle(IOptions<CommentRateLimitOptions> options) : IDisposable
{
    private readonly FixedWindowLimit<Guid> perUser = new(options.Value.CommentsPerUserPerMinute, TimeSpan.FromMinutes(1));

    public ThrottleDecision Attempt(Guid userId) => perUser.Attempt(userId);

    public void Dispose() => perUser.Dispose();
}
