using Mosaic.Features.Media.Analysis;

namespace Mosaic.Tests.Media.Analysis;

public sealed class AllocationTests
{
    private static readonly PixelBuffer Image = TestImages.Scene(256, 192);

    [Fact]
    public void PerceptualHash_Compute_allocates_nothing()
    {
        PerceptualHash.Compute(Image);

        var before = GC.GetAllocatedBytesForCurrentThread();
        PerceptualHash.Compute(Image);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Blurhash_TryEncode_allocates_nothing()
    {
        var destination = new char[Blurhash.EncodedLength(4, 3)];
        Blurhash.TryEncode(Image, destination, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Blurhash.TryEncode(Image, destination, out _);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Colour_naming_and_hex_formatting_allocate_nothing()
    {
        var lab = Cielab.FromSrgb(30, 140, 200);
        var hex = new char[7];
        ColorNames.Nearest(lab);
        Cielab.FormatHex(lab, hex);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ColorNames.Nearest(Cielab.FromSrgb(30, 140, 200));
        Cielab.FormatHex(lab, hex);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
