using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mosaic.Platform.Imaging;

/// <summary>
/// Frames between the web process and the imaging host over the child's stdin/stdout:
/// a request is [length][JSON header][length][input bytes]; a reply is [length][JSON header] then [length][bytes]
/// for each output the header lists. Lengths are 32-bit big-endian.
/// </summary>
internal static class ImagingProtocol
{
    public const int MaxFrameBytes = 512 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public sealed record Reply(bool Ok, ImagingFailure? Failure, string? Error, ImageProbe? Probe, IReadOnlyList<OutputHeader> Outputs);

    public sealed record OutputHeader(string Name, string ContentType, int Width, int Height, int Bands);

    public static async Task WriteRequestAsync(Stream stream, ImagingRequest request, ReadOnlyMemory<byte> input, CancellationToken ct)
    {
        await WriteFrameAsync(stream, JsonSerializer.SerializeToUtf8Bytes(request, Json), ct);
        await WriteFrameAsync(stream, input, ct);
        await stream.FlushAsync(ct);
    }

    public static async Task<(ImagingRequest Request, byte[] Input)?> ReadRequestAsync(Stream stream, CancellationToken ct)
    {
        var header = await ReadFrameAsync(stream, ct);
        if (header is null)
        {
            return null;
        }
        var input = await ReadFrameAsync(stream, ct) ?? throw new EndOfStreamException("The request ended before its input.");
        return (JsonSerializer.Deserialize<ImagingRequest>(header, Json)!, input);
    }

    public static async Task WriteReplyAsync(Stream stream, ImagingResult? result, ImagingException? failure, CancellationToken ct)
    {
        var outputs = result?.Outputs ?? [];
        var reply = new Reply(failure is null, failure?.Failure, failure?.Message, result?.Probe,
            [.. outputs.Select(o => new OutputHeader(o.Name, o.ContentType, o.Width, o.Height, o.Bands))]);
        await WriteFrameAsync(stream, JsonSerializer.SerializeToUtf8Bytes(reply, Json), ct);
        foreach (var output in outputs)
        {
            await WriteFrameAsync(stream, output.Bytes, ct);
        }
        await stream.FlushAsync(ct);
    }

    public static async Task<ImagingResult> ReadReplyAsync(Stream stream, CancellationToken ct)
    {
        var header = await ReadFrameAsync(stream, ct) ?? throw new EndOfStreamException("The imaging host closed its output.");
        var reply = JsonSerializer.Deserialize<Reply>(header, Json)!;
        var outputs = new List<ImagingOutput>(reply.Outputs.Count);
        foreach (var o in reply.Outputs)
        {
            var bytes = await ReadFrameAsync(stream, ct) ?? throw new EndOfStreamException("The imaging host closed its output mid-reply.");
            outputs.Add(new ImagingOutput(o.Name, o.ContentType, o.Width, o.Height, o.Bands, bytes));
        }
        if (!reply.Ok)
        {
            throw new ImagingException(reply.Failure ?? ImagingFailure.InvalidImage, reply.Error ?? "The image could not be processed.");
        }
        return new ImagingResult(reply.Probe, outputs);
    }

    private static async Task WriteFrameAsync(Stream stream, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        await stream.WriteAsync(length, ct);
        await stream.WriteAsync(bytes, ct);
    }

    private static async Task<byte[]?> ReadFrameAsync(Stream stream, CancellationToken ct)
    {
        var length = new byte[4];
        var read = await stream.ReadAtLeastAsync(length, 4, throwOnEndOfStream: false, ct);
        if (read == 0)
        {
            return null;
        }
        if (read < 4)
        {
            throw new EndOfStreamException("A frame ended inside its length.");
        }
        var size = BinaryPrimitives.ReadInt32BigEndian(length);
        if (size is < 0 or > MaxFrameBytes)
        {
            throw new InvalidDataException($"A frame of {size} bytes is out of bounds.");
        }
        var bytes = GC.AllocateUninitializedArray<byte>(size);
        await stream.ReadExactlyAsync(bytes, ct);
        return bytes;
    }
}
