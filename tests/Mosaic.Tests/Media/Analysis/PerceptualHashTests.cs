using Mosaic.Features.Media.Analysis;

namespace Mosaic.Tests.Media.Analysis;

public sealed class PerceptualHashTests
{
    [Fact]
    public void Identical_images_are_distance_zero()
    {
        var first = PerceptualHash.Compute(TestImages.Scene(160, 120));
        var second = PerceptualHash.Compute(TestImages.Scene(160, 120));

        Assert.Equal(0, PerceptualHash.Distance(first, second));
    }

    [Fact]
    public void Slightly_brightened_copy_is_near()
    {
        var original = TestImages.Scene(160, 120);
        var brighter = TestImages.Map(original, v => (byte)Math.Min(255, v + 12));

        var distance = PerceptualHash.Distance(PerceptualHash.Compute(original), PerceptualHash.Compute(brighter));

        Assert.InRange(distance, 0, 8);
    }

    [Theory]
    [InlineData(144, 108)]
    [InlineData(200, 150)]
    [InlineData(64, 48)]
    public void Resized_copy_is_near(int width, int height)
    {
        var original = PerceptualHash.Compute(TestImages.Scene(160, 120));
        var resized = PerceptualHash.Compute(TestImages.Scene(width, height));

        Assert.InRange(PerceptualHash.Distance(original, resized), 0, 8);
    }

    [Fact]
    public void Horizontal_gradient_and_checkerboard_are_far_apart()
    {
        // 20 px cells (6.4 across) keep low-frequency structure; a fine checkerboard averages to
        // flat grey at 32×32 and would hash like any flat image.
        var gradient = PerceptualHash.Compute(TestImages.HorizontalGradient(128, 128));
        var checkerboard = PerceptualHash.Compute(TestImages.Checkerboard(128, 128, 20));

        Assert.InRange(PerceptualHash.Distance(gradient, checkerboard), 20, 64);
    }

    [Fact]
    public void Unrelated_scenes_are_far_apart()
    {
        var scene = PerceptualHash.Compute(TestImages.Scene(160, 120));
        var mirrored = TestImages.Scene(160, 120);
        var flipped = TestImages.Rgb(160, 120, (x, y) =>
        {
            var o = (((119 - y) * 160) + (159 - x)) * 3;
            return (mirrored.Pixels[o], mirrored.Pixels[o + 1], mirrored.Pixels[o + 2]);
        });

        Assert.InRange(PerceptualHash.Distance(scene, PerceptualHash.Compute(flipped)), 20, 64);
    }

    [Fact]
    public void Flat_images_hash_alike_whatever_their_size_or_colour()
    {
        // Only the DC bit is set: the AC terms are all zero, not rounding noise.
        var grey = PerceptualHash.Compute(TestImages.Solid(10, 7, 128, 128, 128));
        var red = PerceptualHash.Compute(TestImages.Solid(300, 200, 220, 10, 10));

        Assert.Equal(0x8000_0000_0000_0000UL, grey);
        Assert.Equal(grey, red);
    }

    [Fact]
    public void Alpha_is_ignored()
    {
        var rgb = TestImages.Scene(50, 40);
        var rgba = TestImages.WithAlpha(rgb, (_, y) => (byte)(y * 6));

        Assert.Equal(PerceptualHash.Compute(rgb), PerceptualHash.Compute(rgba));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(31, 33)]
    [InlineData(1, 500)]
    public void Any_size_from_one_pixel_is_hashed(int width, int height)
    {
        var image = TestImages.Scene(width, height);

        var hash = PerceptualHash.Compute(image);

        Assert.Equal(hash, PerceptualHash.Compute(image));
    }

    [Fact]
    public void Small_image_matches_its_exact_32_pixel_upscale()
    {
        // Area averaging a 4× nearest-neighbour upscale back to 32×32 recovers the 8×8 source's
        // cells exactly, so both hash alike: the resampler treats sub-pixel cells consistently.
        var small = TestImages.Scene(8, 8);
        var large = TestImages.Rgb(32, 32, (x, y) =>
        {
            var o = (((y / 4) * 8) + (x / 4)) * 3;
            return (small.Pixels[o], small.Pixels[o + 1], small.Pixels[o + 2]);
        });

        Assert.Equal(PerceptualHash.Compute(small), PerceptualHash.Compute(large));
    }

    [Fact]
    public void Distance_counts_differing_bits()
    {
        Assert.Equal(0, PerceptualHash.Distance(0xDEADBEEF, 0xDEADBEEF));
        Assert.Equal(64, PerceptualHash.Distance(0, ulong.MaxValue));
        Assert.Equal(2, PerceptualHash.Distance(0b1011, 0b0001));
    }
}
