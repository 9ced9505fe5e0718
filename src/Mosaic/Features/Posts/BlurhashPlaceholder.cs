using System.Buffers.Binary;
using System.IO.Compression;
using Mosaic.Features.Media.Analysis;

namespace Mosaic.Features.Posts;

/// <summary>
/// Turns a blurhash into a tiny PNG data URI for the <c>img</c> under a thumbnail: the page shows the blurred colours
/// at the right aspect ratio before the image arrives, with no script and no inline style (the CSP allows neither).
/// </summary>
public static class BlurhashPlaceholder
{
    private const int LongSide = 24;

    public static string? DataUri(string? hash, int width, int height)
    {
        if (string.IsNullOrEmpty(hash) || width <= 0 || height <= 0)
        {
            return null;
        }
        var (w, h) = width >= height
            ? (LongSide, Math.Max(1, (int)Math.Round(LongSide * height / (double)width)))
            : (Math.Max(1, (int)Math.Round(LongSide * width / (double)height)), LongSide);
        PixelBuffer pixels;
        try
        {
            pixels = Blurhash.Decode(hash, w, h);
        }
        catch (ArgumentException)
        {
            return null;
        }
        return "data:image/png;base64," + Convert.ToBase64String(Png(pixels));
    }

    private static byte[] Png(PixelBuffer pixels)
    {
        var raw = new byte[pixels.Height * (1 + pixels.Width * 3)];
        for (int y = 0, o = 0; y < pixels.Height; y++)
        {
            raw[o++] = 0;
            for (var x = 0; x < pixels.Width; x++)
            {
                var i = (y * pixels.Width + x) * pixels.Bands;
                raw[o++] = pixels.Pixels[i];
                raw[o++] = pixels.Pixels[i + 1];
                raw[o++] = pixels.Pixels[i + 2];
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, pixels.Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), pixels.Height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR"u8, header);
        Chunk(png, "IDAT"u8, compressed.ToArray());
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        stream.Write(type);
        stream.Write(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, ~Crc(Crc(0xFFFFFFFFu, type), data));
        stream.Write(sum);
    }

    private static readonly uint[] CrcTable = [.. Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return c;
    })];

    /// <summary>The CRC-32 PNG chunks carry (System.IO.Hashing is not part of the shared framework).</summary>
    private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }
}
