namespace Mosaic.Features.Media.Analysis;

/// <summary>Meta tags (shape, size, colourfulness, transparency, animation) and colour tags derived from an upload.</summary>
public static class AutoTagger
{
    /// <summary>Long sides within 5% of the short side count as square.</summary>
    public const double SquareTolerance = 0.05;

    // Resolution classes follow Danbooru's lowres/highres/absurdres widths, applied to the long
    // side so a tall comic page is classed like a wide wallpaper of the same size.

    /// <summary>Long side below this is <c>lowres</c>.</summary>
    public const int LowresBelow = 500;

    /// <summary>Long side from this is <c>highres</c>.</summary>
    public const int HighresFrom = 1600;

    /// <summary>Long side from this is <c>absurdres</c>, and still <c>highres</c> as on Danbooru, where one implies the other.</summary>
    public const int AbsurdresFrom = 3200;

    /// <summary>CIELAB chroma below which a pixel counts towards <c>greyscale</c>: JPEG and dithering noise stays under it.</summary>
    public const double GreyscaleChroma = 3.0;

    /// <summary>CIELAB chroma below which a pixel counts towards <c>monochrome</c>: faintly tinted or toned images qualify, colour photos do not.</summary>
    public const double MonochromeChroma = 12.0;

    /// <summary>Share of opaque pixels that must qualify for <c>monochrome</c> or <c>greyscale</c>, allowing a signature or a few stray pixels.</summary>
    public const double MinQualifyingShare = 0.95;

    /// <summary>A palette colour must cover at least this share of the image to be tagged.</summary>
    public const double MinColourWeight = 0.15;

    /// <summary>An alpha below this counts as transparent; 250 rather than 255 ignores edge noise from resampling.</summary>
    public const byte TransparentBelow = 250;

    /// <summary>Pixels visited for the chroma shares at most.</summary>
    public const int MaxSamples = 16_384;

    private const byte OpaqueFrom = 128;

    /// <summary>
    /// Tags in a fixed order: orientation, resolution, <c>monochrome</c>, <c>greyscale</c>,
    /// <c>transparent</c>, <c>animated</c> (all "meta"), then colour names from the palette
    /// ("general"), heaviest first. Greyscale images are tagged monochrome too.
    /// <paramref name="facts"/> describes the original; <paramref name="pixels"/> may be a
    /// downscaled copy, and <paramref name="palette"/> is usually <see cref="Palette.Extract"/> of it.
    /// </summary>
    public static IReadOnlyList<AutoTag> Tag(ImageFacts facts, PixelBuffer pixels, IReadOnlyList<PaletteColor> palette)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(palette);
        ArgumentOutOfRangeException.ThrowIfLessThan(facts.Width, 1, nameof(facts));
        ArgumentOutOfRangeException.ThrowIfLessThan(facts.Height, 1, nameof(facts));

        var tags = new List<AutoTag>(8);
        tags.Add(new AutoTag(Orientation(facts.Width, facts.Height), AutoTag.Meta, 1.0));

        var longSide = Math.Max(facts.Width, facts.Height);
        if (longSide < LowresBelow)
        {
            tags.Add(new AutoTag("lowres", AutoTag.Meta, 1.0));
        }
        else if (longSide >= HighresFrom)
        {
            tags.Add(new AutoTag("highres", AutoTag.Meta, 1.0));
            if (longSide >= AbsurdresFrom)
            {
                tags.Add(new AutoTag("absurdres", AutoTag.Meta, 1.0));
            }
        }

        var (monochromeShare, greyscaleShare) = NeutralShares(pixels);
        if (monochromeShare >= MinQualifyingShare)
        {
            tags.Add(new AutoTag("monochrome", AutoTag.Meta, monochromeShare));
        }

        if (greyscaleShare >= MinQualifyingShare)
        {
            tags.Add(new AutoTag("greyscale", AutoTag.Meta, greyscaleShare));
        }

        if (facts.HasAlpha && HasTransparentPixel(pixels))
        {
            tags.Add(new AutoTag("transparent", AutoTag.Meta, 1.0));
        }

        if (facts.IsAnimated || facts.FrameCount > 1)
        {
            tags.Add(new AutoTag("animated", AutoTag.Meta, 1.0));
        }

        AddColourTags(palette, tags);
        return tags;
    }

    private static string Orientation(int width, int height)
    {
        var longSide = Math.Max(width, height);
        var shortSide = Math.Min(width, height);
        if (longSide <= shortSide * (1 + SquareTolerance))
        {
            return "square";
        }

        return width > height ? "landscape" : "portrait";
    }

    /// <summary>Shares of opaque sampled pixels under the monochrome and greyscale chroma limits; (0, 0) when none is opaque.</summary>
    private static (double Monochrome, double Greyscale) NeutralShares(PixelBuffer pixels)
    {
        var source = pixels.Pixels;
        var bands = pixels.Bands;
        var total = (long)pixels.Width * pixels.Height;
        var stride = PixelSampler.Stride(pixels, MaxSamples);
        int opaque = 0, monochrome = 0, greyscale = 0;
        var previous = -1;
        var chroma = 0.0;
        for (long p = 0; p < total; p += stride)
        {
            var offset = (int)(p * bands);
            if (bands == 4 && source[offset + 3] < OpaqueFrom)
            {
                continue;
            }

            opaque++;
            byte r = source[offset], g = source[offset + 1], b = source[offset + 2];
            if (r == g && g == b)
            {
                // Exact greys need no conversion; they are most pixels of a greyscale upload.
                monochrome++;
                greyscale++;
                continue;
            }

            var rgb = (r << 16) | (g << 8) | b;
            if (rgb != previous)
            {
                chroma = Cielab.FromSrgb(r, g, b).Chroma;
                previous = rgb;
            }

            if (chroma < MonochromeChroma)
            {
                monochrome++;
                if (chroma < GreyscaleChroma)
                {
                    greyscale++;
                }
            }
        }

        return opaque == 0 ? (0, 0) : ((double)monochrome / opaque, (double)greyscale / opaque);
    }

    private static bool HasTransparentPixel(PixelBuffer pixels)
    {
        if (pixels.Bands != 4)
        {
            return false;
        }

        // Every pixel, not a sample: one transparent corner is enough, and the loop exits at the first.
        var source = pixels.Pixels;
        for (var i = 3; i < source.Length; i += 4)
        {
            if (source[i] < TransparentBelow)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddColourTags(IReadOnlyList<PaletteColor> palette, List<AutoTag> tags)
    {
        var firstColourTag = tags.Count;
        for (var i = 0; i < palette.Count; i++)
        {
            var colour = palette[i];
            if (colour.Weight < MinColourWeight)
            {
                continue;
            }

            var name = ColorNames.Nearest(colour.Lab);
            var confidence = Math.Clamp(colour.Weight, 0.0, 1.0);
            var existing = tags.FindIndex(firstColourTag, t => t.Name == name);
            if (existing < 0)
            {
                tags.Add(new AutoTag(name, AutoTag.General, confidence));
            }
            else if (tags[existing].Confidence < confidence)
            {
                // Two shades with one name: the tag's confidence is the larger share, not their sum.
                tags[existing] = tags[existing] with { Confidence = confidence };
            }
        }

        tags.Sort(firstColourTag, tags.Count - firstColourTag, Comparer<AutoTag>.Create(static (x, y) =>
        {
            var byConfidence = y.Confidence.CompareTo(x.Confidence);
            return byConfidence != 0 ? byConfidence : string.CompareOrdinal(x.Name, y.Name);
        }));
    }
}
