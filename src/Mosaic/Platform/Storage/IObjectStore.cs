using System.Globalization;

namespace Mosaic.Platform.Storage;

/// <summary>
/// Where Mosaic keeps files: a folder under the data path or an S3-compatible bucket. Keys are content-addressed
/// (see <see cref="ObjectKeys"/>), so an object never changes once written: a put of an existing key is a no-op,
/// and a reader either sees a complete object under its key or nothing at all.
/// </summary>
public interface IObjectStore
{
    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="key"/>, visible only once every byte is written.
    /// If reading <paramref name="content"/> fails, nothing is left behind. The filesystem store keeps no metadata
    /// and reports the type the key's extension names, so <paramref name="contentType"/> should agree with it.
    /// </summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken ct);

    /// <summary>
    /// Opens the object, or the part of it <paramref name="range"/> asks for; null when there is no such object.
    /// The caller disposes the result.
    /// </summary>
    Task<StoredObject?> OpenReadAsync(string key, ByteRange? range, CancellationToken ct);

    Task<ObjectInfo?> StatAsync(string key, CancellationToken ct);

    /// <summary>Removes the object; deleting a missing key succeeds.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>Every object whose key starts with <paramref name="prefix"/> (a plain string prefix, as in S3), in no promised order.</summary>
    IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct);

    /// <summary>A URL that reads the object directly from the store for <paramref name="lifetime"/>; null when the store has no such URLs (the filesystem).</summary>
    Task<Uri?> GetPresignedUrlAsync(string key, TimeSpan lifetime, CancellationToken ct);
}

public sealed record ObjectInfo(string Key, long Length, DateTimeOffset LastModified);

/// <summary>
/// An open object: <see cref="Content"/> holds the bytes of <see cref="Range"/>, or the whole object when no range
/// was served. <see cref="Length"/> is always the length of the whole object.
/// </summary>
public sealed record StoredObject(Stream Content, long Length, string ContentType, DateTimeOffset LastModified, ByteRange? Range)
    : IDisposable, IAsyncDisposable
{
    /// <summary>True when the range asked for lies wholly past the end of the object (HTTP 416); <see cref="Content"/> is then empty.</summary>
    public bool RangeNotSatisfiable { get; init; }

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// A byte range as HTTP asks for one: <c>From-To</c>, <c>From-</c> (to the end) or, with only <see cref="To"/>,
/// the last <see cref="To"/> bytes. Both ends are inclusive. A served range always has both ends.
/// </summary>
public readonly record struct ByteRange(long? From, long? To)
{
    public static ByteRange Between(long from, long to) => new(from, to);

    public static ByteRange StartingAt(long from) => new(from, null);

    public static ByteRange Last(long count) => new(null, count);

    /// <summary>Number of bytes in a served range.</summary>
    public long Count => To!.Value - From!.Value + 1;

    /// <summary>The concrete range this asks for in an object of <paramref name="length"/> bytes; null when none of it exists.</summary>
    public ByteRange? Resolve(long length)
    {
        if (From is null)
        {
            return To is > 0 && length > 0 ? new ByteRange(Math.Max(0, length - To.Value), length - 1) : null;
        }
        if (From.Value >= length || (To is { } to && to < From.Value))
        {
            return null;
        }
        return new ByteRange(From.Value, Math.Min(To ?? long.MaxValue, length - 1));
    }

    /// <summary>The value of an HTTP <c>Range</c> header asking for this range.</summary>
    public string ToHeaderValue() =>
        "bytes=" + From?.ToString(CultureInfo.InvariantCulture) + "-" + To?.ToString(CultureInfo.InvariantCulture);
}
