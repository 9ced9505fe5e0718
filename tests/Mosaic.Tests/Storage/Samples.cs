using System.Security.Cryptography;
using Mosaic.Platform.Storage;

namespace Mosaic.Tests.Storage;

/// <summary>Random bytes under their content-addressed key, and streams that misbehave on cue.</summary>
public sealed record Sample(string Key, byte[] Bytes)
{
    public static Sample Create(int length = 100, string extension = "png")
    {
        var bytes = RandomNumberGenerator.GetBytes(length);
        return new Sample(ObjectKeys.ContentAddressed(SHA256.HashData(bytes), extension), bytes);
    }

    public MemoryStream Stream() => new(Bytes, writable: false);

    public static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

/// <summary>A source that cannot seek, so stores must take it as it comes, like a request body.</summary>
public class ForwardOnlyStream(byte[] bytes) : Stream
{
    private int position;

    protected int SourceLength => bytes.Length;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await BeforeReadAsync(position);
        // Small reads, so a test can catch a store between two of them.
        var count = Math.Min(Math.Min(buffer.Length, 16), bytes.Length - position);
        bytes.AsMemory(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    protected virtual Task BeforeReadAsync(int position) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Fails with an <see cref="IOException"/> once half the bytes are read, as a dropped upload does.</summary>
public sealed class FailingStream(byte[] bytes) : ForwardOnlyStream(bytes)
{
    protected override Task BeforeReadAsync(int position) =>
        position >= SourceLength / 2 ? throw new IOException("The client went away.") : Task.CompletedTask;
}

/// <summary>Stops half-way until <see cref="Release"/>, telling <see cref="HalfRead"/> when it gets there.</summary>
public sealed class PausingStream(byte[] bytes) : ForwardOnlyStream(bytes)
{
    private readonly TaskCompletionSource halfRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task HalfRead => halfRead.Task;

    public void Release() => release.TrySetResult();

    protected override async Task BeforeReadAsync(int position)
    {
        if (position >= SourceLength / 2)
        {
            halfRead.TrySetResult();
            await release.Task;
        }
    }
}
