using System.Buffers.Binary;
using System.Text;

namespace Mosaic.Platform.Imaging;

/// <summary>The image types Mosaic accepts; anything else is refused before a decoder sees it.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    WebP,
    Gif,
    Avif,
}

public static class ImageFormats
{
    /// <summary>Bytes needed to recognise every accepted format.</summary>
    public const int SniffLength = 32;

    public static string ContentType(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.WebP => "image/webp",
        ImageFormat.Gif => "image/gif",
        ImageFormat.Avif => "image/avif",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string Extension(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpg",
        ImageFormat.Png => "png",
        ImageFormat.WebP => "webp",
        ImageFormat.Gif => "gif",
        ImageFormat.Avif => "avif",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The format the leading bytes prove, whatever the file's name or declared type says.</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }
        return IsAvif(head) ? ImageFormat.Avif : null;
    }

    /// <summary>An ISO-BMFF <c>ftyp</c> box whose major or a compatible brand is AVIF (HEIC and other HEIF brands are not accepted).</summary>
    private static bool IsAvif(ReadOnlySpan<byte> head)
    {
        if (head.Length < 16 || !head[4..8].SequenceEqual("ftyp"u8))
        {
            return false;
        }
        var boxSize = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(head), (uint)head.Length);
        for (var offset = 8; offset + 4 <= boxSize; offset += offset == 8 ? 8 : 4)
        {
            var brand = Encoding.ASCII.GetString(head.Slice(offset, 4));
            if (brand is "avif" or "avis")
            {
                return true;
            }
        }
        return false;
    }
}
