namespace Mosaic.Features.Media.Analysis;

/// <summary>Deterministic subsampling so per-upload work stays bounded whatever size the caller passes.</summary>
internal static class PixelSampler
{
    /// <summary>The stride through the row-major pixel index that visits at most <paramref name="maxSamples"/> pixels.</summary>
    public static int Stride(PixelBuffer pixels, int maxSamples)
    {
        var total = (long)pixels.Width * pixels.Height;
        return (int)Math.Max(1, (total + maxSamples - 1) / maxSamples);
    }

    /// <summary>How many pixels a walk with <paramref name="stride"/> visits.</summary>
    public static int Count(PixelBuffer pixels, int stride) =>
        (int)((((long)pixels.Width * pixels.Height) + stride - 1) / stride);
}
