namespace Mosaic.Features.Media.Analysis;

/// <summary>Decoded 8-bit sRGB pixels, interleaved RGB (3 bands) or RGBA (4 bands), row-major, already downscaled by the caller.</summary>
public sealed record PixelBuffer(int Width, int Height, int Bands, byte[] Pixels)
{
    public int Width { get; } = Width >= 1 ? Width : throw new ArgumentOutOfRangeException(nameof(Width), Width, "Width must be at least 1.");

    public int Height { get; } = Height >= 1 ? Height : throw new ArgumentOutOfRangeException(nameof(Height), Height, "Height must be at least 1.");

    public int Bands { get; } = Bands is 3 or 4 ? Bands : throw new ArgumentOutOfRangeException(nameof(Bands), Bands, "Bands must be 3 (RGB) or 4 (RGBA).");

    public byte[] Pixels { get; } = Pixels is null
        ? throw new ArgumentNullException(nameof(Pixels))
        : Pixels.LongLength == (long)Width * Height * Bands
            ? Pixels
            : throw new ArgumentException($"Expected {(long)Width * Height * Bands} bytes for {Width}x{Height}x{Bands}, got {Pixels.LongLength}.", nameof(Pixels));

    public bool HasAlpha => Bands == 4;

    public int PixelCount => Width * Height;
}
