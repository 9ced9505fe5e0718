using Mosaic.Platform.Imaging;

namespace Mosaic.Features.Posts;

/// <summary>
/// The sizes every post is rendered in. Grid columns are about 240–360 CSS pixels wide, so <c>thumb</c> is sharp on
/// 1x screens and <c>thumb@2x</c> on 2x; <c>sample</c> fills the post page; <c>full</c> is the whole image, cleaned,
/// and exists only when the original is larger than the sample; <c>animation</c> keeps every frame of an animated GIF or WebP. WebP everywhere, with a JPEG (or PNG, when the image
/// has transparency) fallback for the thumbnail and sample.
/// </summary>
public static class Variants
{
    public const string Thumb = "thumb";
    public const string Thumb2x = "thumb@2x";
    public const string ThumbFallback = "thumb-fallback";
    public const string Sample = "sample";
    public const string SampleFallback = "sample-fallback";
    public const string Full = "full";
    public const string Animation = "animation";

    /// <summary>Animations larger than this (width × height × frames) keep only their still variants.</summary>
    public const long MaxAnimationPixels = 150_000_000;

    public const int ThumbWidth = 360;
    public const int SampleSide = 1600;
    public const int AnalysisSide = 256;

    public static IReadOnlyList<VariantSpec> For(ImageProbe probe)
    {
        var fallback = probe.HasAlpha ? "png" : "jpeg";
        var specs = new List<VariantSpec>
        {
            new(Thumb, ThumbWidth, 0, "webp", 80),
            new(Thumb2x, ThumbWidth * 2, 0, "webp", 78),
            new(ThumbFallback, ThumbWidth, 0, fallback, 82),
            new(Sample, SampleSide, SampleSide, "webp", 85),
            new(SampleFallback, SampleSide, SampleSide, fallback, 85),
        };
        if (probe.Frames > 1 && (long)Math.Min(probe.Width, SampleSide) * Math.Min(probe.Height, SampleSide) * probe.Frames <= MaxAnimationPixels)
        {
            specs.Add(new VariantSpec(Animation, SampleSide, SampleSide, ImagingOperations.AnimatedWebP, 80));
        }
        if (Math.Max(probe.Width, probe.Height) > SampleSide)
        {
            specs.Add(new VariantSpec(Full, 0, 0, probe.HasAlpha ? "png" : "jpeg", 92));
        }
        return specs;
    }
}
