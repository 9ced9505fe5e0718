using Microsoft.Extensions.Options;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Albums;

/// <summary>
/// Limits album writes per person, whichever way they arrive (API, forms, the picker). In-process, like
/// <see cref="ActionThrottle"/>: behind several replicas the edge proxy's limit applies as well.
/// </summary>
public sealed class AlbumWriteThrottle(IOptions<AlbumsOptions> options) : IDisposable
{
    private readonly FixedWindowLimit<Guid> perUser = new(options.Value.WritesPerUserPerMinute, TimeSpan.FromMinutes(1));

    public ThrottleDecision Attempt(Guid userId) => perUser.Attempt(userId);

    public void Dispose() => perUser.Dispose();
}
