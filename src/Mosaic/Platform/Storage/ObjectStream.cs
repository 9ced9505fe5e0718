namespace Mosaic.Platform.Storage;

/// <summary>
/// A read-only view of at most <paramref name="count"/> bytes of <paramref name="inner"/> from where it stands; disposing
/// it disposes the inner stream and <paramref name="owner"/> (an SDK response holding the connection, say).
/// </summary>
internal sealed class ObjectStream(Stream inner, long count, IDisposable? owner = null) : Stream
{
    private readonly long length = count;
    private long remaining = count;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => length - remaining;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (remaining <= 0)
        {
            return 0;
        }
        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, remaining)]);
        remaining -= read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (remaining <= 0)
        {
            return 0;
        }
        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, remaining)], cancellationToken);
        remaining -= read;
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            owner?.Dispose();
        }
        base.Dispose(disposing);
    }
}
