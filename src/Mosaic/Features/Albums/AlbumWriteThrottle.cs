using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Albums;

/// <summary>
/// Limits album writes per person, whichever way they arrive (API, forms, the picker). In-process, like
/// <see cref="ActionThrottle"/>: behind several replicas the edge proxy's limit applies as well.
/// </summary>
public sealed class AlbumWriteThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> perUser;

    public AlbumWriteThrottle(IOptions<AlbumsOptions> options)
    {
        var permits = options.Value.WritesPerUserPerMinute;
        perUser = PartitionedRateLimiter.Create<Guid, Guid>(user => RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public ThrottleDecision Attempt(Guid userId)
    {
        using var lease = perUser.AttemptAcquire(userId);
        if (lease.IsAcquired)
        {
            return ThrottleDecision.Allow;
        }
        return new ThrottleDecision(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1));
    }

    public void Dispose() => perUser.Dispose();
}
