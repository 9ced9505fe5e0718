using System.Threading.RateLimiting;

namespace Mosaic.Platform.Security;

/// <summary>
/// A fixed-window limit per key (a person, an address): <paramref name="permits"/> attempts per <paramref name="window"/>,
/// no queueing, with the wait until the next window as Retry-After. In-process; behind several replicas the edge
/// proxy's limit applies as well.
/// </summary>
public sealed class FixedWindowLimit<TKey>(int permits, TimeSpan window) : IDisposable
    where TKey : notnull
{
    private readonly PartitionedRateLimiter<TKey> limiter = PartitionedRateLimiter.Create<TKey, TKey>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public ThrottleDecision Attempt(TKey key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return ThrottleDecision.Allow;
        }
        return new ThrottleDecision(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : window);
    }

    public void Dispose() => limiter.Dispose();
}
