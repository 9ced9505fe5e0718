using Mosaic.Features.Media.Analysis;

namespace Mosaic.Tests.Media.Analysis;

/// <summary>Synthetic pixel buffers for the analysis tests.</summary>
internal static class TestImages
{
    public static PixelBuffer Solid(int width, int height, byte r, byte g, byte b, int bands = 3, byte alpha = 255) =>
        Create(width, height, bands, (_, _) => (r, g, b, alpha));

    public static PixelBuffer Create(int width, int height, int bands, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
    {
        var data = new byte[width * height * bands];
        var offset = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++, offset += bands)
            {
                var (r, g, b, a) = pixel(x, y);
                data[offset] = r;
                data[offset + 1] = g;
                data[offset + 2] = b;
                if (bands == 4)
                {
                    data[offset + 3] = a;
                }
            }
        }

        return new PixelBuffer(width, height, bands, data);
    }

    public static PixelBuffer Rgb(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel) =>
        Create(width, height, 3, (x, y) =>
        {
            var (r, g, b) = pixel(x, y);
            return (r, g, b, 255);
        });

    /// <summary>Black on the left to white on the right.</summary>
    public static PixelBuffer HorizontalGradient(int width, int height) =>
        Rgb(width, height, (x, _) =>
        {
            var v = (byte)(x * 255 / Math.Max(1, width - 1));
            return (v, v, v);
        });

    public static PixelBuffer Checkerboard(int width, int height, int cell) =>
        Rgb(width, height, (x, y) => ((x / cell) + (y / cell)) % 2 == 0 ? ((byte)0, (byte)0, (byte)0) : ((byte)255, (byte)255, (byte)255));

    /// <summary>
    /// A photo-like scene: soft coloured blobs over a diagonal wash, so every low DCT frequency
    /// carries signal, as in real images. Resolution-independent, so two sizes are resized copies.
    /// </summary>
    public static PixelBuffer Scene(int width, int height) =>
        Rgb(width, height, (x, y) =>
        {
            var u = (x + 0.5) / width;
            var v = (y + 0.5) / height;
            var r = 60 + (80 * u) + Blob(u, v, 0.3, 0.35, 0.18, 150) + Blob(u, v, 0.8, 0.8, 0.12, 60);
            var g = 70 + (60 * v) + Blob(u, v, 0.7, 0.3, 0.2, 120) + Blob(u, v, 0.25, 0.8, 0.1, 40);
            var b = 90 + (50 * (1 - u)) + Blob(u, v, 0.5, 0.65, 0.15, 130);
            return (ToByte(r), ToByte(g), ToByte(b));
        });

    /// <summary>Deterministic noise: every pixel an unrelated colour.</summary>
    public static PixelBuffer Noise(int width, int height, uint seed)
    {
        var state = seed;
        return Rgb(width, height, (_, _) =>
        {
            state = (state * 1664525) + 1013904223;
            return ((byte)(state >> 24), (byte)(state >> 16), (byte)(state >> 8));
        });
    }

    public static PixelBuffer Map(PixelBuffer source, Func<byte, byte> channel)
    {
        var data = (byte[])source.Pixels.Clone();
        for (var i = 0; i < data.Length; i++)
        {
            if (source.Bands == 3 || i % 4 != 3)
            {
                data[i] = channel(data[i]);
            }
        }

        return new PixelBuffer(source.Width, source.Height, source.Bands, data);
    }

    public static PixelBuffer WithAlpha(PixelBuffer source, Func<int, int, byte> alpha) =>
        Create(source.Width, source.Height, 4, (x, y) =>
        {
            var o = ((y * source.Width) + x) * source.Bands;
            return (source.Pixels[o], source.Pixels[o + 1], source.Pixels[o + 2], alpha(x, y));
        });

    private static double Blob(double u, double v, double cu, double cv, double radius, double amplitude)
    {
        var d2 = ((u - cu) * (u - cu)) + ((v - cv) * (v - cv));
        return amplitude * Math.Exp(-d2 / (2 * radius * radius));
    }

    private static byte ToByte(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
