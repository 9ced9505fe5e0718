using System.Buffers.Binary;

namespace Mosaic.Platform.Imaging;

/// <summary>
/// Removes EXIF and XMP chunks from a WebP file libvips wrote. libvips 8.14's WebP saver writes a fresh EXIF block
/// (orientation, resolution) even when told to strip; served files carry no EXIF at all.
/// </summary>
internal static class WebPChunks
{
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    public static byte[] StripMetadata(byte[] webp)
    {
        if (webp.Length < 20 || !webp.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !webp.AsSpan(8, 4).SequenceEqual("WEBP"u8))
        {
            return webp;
        }
        using var output = new MemoryStream(webp.Length);
        output.Write(webp, 0, 12);
        var offset = 12;
        var removed = false;
        while (offset + 8 <= webp.Length)
        {
            var type = webp.AsSpan(offset, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(offset + 4, 4));
            var total = 8 + size + (size & 1);
            if (size < 0 || offset + total > webp.Length)
            {
                return webp;
            }
            if (type.SequenceEqual("EXIF"u8) || type.SequenceEqual("XMP "u8))
            {
                removed = true;
            }
            else
            {
                output.Write(webp, offset, total);
            }
            offset += total;
        }
        if (!removed)
        {
            return webp;
        }
        var bytes = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4, 4), (uint)(bytes.Length - 8));
        if (bytes.AsSpan(12, 4).SequenceEqual("VP8X"u8))
        {
            bytes[20] &= unchecked((byte)~(ExifFlag | XmpFlag));
        }
        return bytes;
    }
}
