using Mosaic.Features.Media.Analysis;

namespace Mosaic.Tests.Media.Analysis;

public sealed class PaletteTests
{
    [Fact]
    public void Two_colour_image_gives_both_colours_with_their_shares()
    {
        // 60 columns of red, 40 of blue.
        var image = TestImages.Rgb(100, 50, (x, _) => x < 60 ? ((byte)255, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)255));

        var palette = Palette.Extract(image);

        Assert.Equal(2, palette.Count);
        Assert.Equal("#ff0000", palette[0].Hex);
        Assert.Equal(0.6, palette[0].Weight, 0.005);
        Assert.Equal("red", ColorNames.Nearest(palette[0].Lab));
        Assert.Equal("#0000ff", palette[1].Hex);
        Assert.Equal(0.4, palette[1].Weight, 0.005);
        Assert.Equal("blue", ColorNames.Nearest(palette[1].Lab));
    }

    [Fact]
    public void Large_image_is_subsampled_and_keeps_its_shares()
    {
        // 1000 × 1000 is 61 times the sample budget; the top 70% is green, the rest orange.
        var image = TestImages.Rgb(1000, 1000, (_, y) => y < 700 ? ((byte)20, (byte)160, (byte)40) : ((byte)250, (byte)140, (byte)0));

        var palette = Palette.Extract(image);

        Assert.Equal(2, palette.Count);
        Assert.Equal(0.7, palette[0].Weight, 0.01);
        Assert.Equal("green", ColorNames.Nearest(palette[0].Lab));
        Assert.Equal(0.3, palette[1].Weight, 0.01);
        Assert.Equal("orange", ColorNames.Nearest(palette[1].Lab));
    }

    [Fact]
    public void Solid_image_gives_one_colour_of_weight_one()
    {
        var palette = Palette.Extract(TestImages.Solid(37, 23, 40, 120, 200));

        var colour = Assert.Single(palette);
        Assert.Equal("#2878c8", colour.Hex);
        Assert.Equal(1.0, colour.Weight, 1e-12);
    }

    [Fact]
    public void Fully_transparent_image_gives_an_empty_palette()
    {
        var palette = Palette.Extract(TestImages.Solid(16, 16, 255, 0, 0, bands: 4, alpha: 0));

        Assert.Empty(palette);
    }

    [Fact]
    public void Pixels_under_half_alpha_are_ignored()
    {
        // Left half red but nearly invisible (alpha 127), right half opaque enough (alpha 128) green.
        var image = TestImages.Create(20, 10, 4, (x, _) => x < 10 ? ((byte)255, (byte)0, (byte)0, (byte)127) : ((byte)0, (byte)200, (byte)0, (byte)128));

        var colour = Assert.Single(Palette.Extract(image));

        Assert.Equal("#00c800", colour.Hex);
        Assert.Equal(1.0, colour.Weight, 1e-12);
    }

    [Fact]
    public void Same_input_gives_the_same_palette()
    {
        var image = TestImages.Noise(128, 128, seed: 7);

        var first = Palette.Extract(image);
        var second = Palette.Extract(TestImages.Noise(128, 128, seed: 7));

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    public void Busy_image_gives_a_bounded_distinct_palette_whose_weights_sum_to_one(int maxColors)
    {
        var palette = Palette.Extract(TestImages.Scene(200, 150), maxColors);

        Assert.InRange(palette.Count, 1, maxColors);
        var sum = 0.0;
        for (var i = 0; i < palette.Count; i++)
        {
            sum += palette[i].Weight;
            Assert.True(palette[i].Weight >= 0.01, $"{palette[i]} is under 1%");
            Assert.Matches("^#[0-9a-f]{6}$", palette[i].Hex);
            if (i > 0)
            {
                Assert.True(palette[i - 1].Weight >= palette[i].Weight, "not sorted by weight");
            }

            for (var j = 0; j < i; j++)
            {
                Assert.True(Cielab.DeltaE2000(palette[i].Lab, palette[j].Lab) >= 5, $"{palette[i]} and {palette[j]} should have merged");
            }
        }

        Assert.Equal(1.0, sum, 1e-9);
    }

    [Fact]
    public void Near_identical_shades_merge_into_one_colour()
    {
        // Two reds about ΔE 1 apart are one colour to a viewer.
        var image = TestImages.Rgb(40, 40, (x, _) => x < 20 ? ((byte)200, (byte)30, (byte)30) : ((byte)202, (byte)32, (byte)30));

        var colour = Assert.Single(Palette.Extract(image));

        Assert.Equal(1.0, colour.Weight, 1e-12);
    }

    [Fact]
    public void Colours_under_one_percent_are_dropped()
    {
        // 1 column in 200 (0.5%) is white; the rest black.
        var image = TestImages.Rgb(200, 10, (x, _) => x == 0 ? ((byte)255, (byte)255, (byte)255) : ((byte)0, (byte)0, (byte)0));

        var colour = Assert.Single(Palette.Extract(image));

        Assert.Equal("#000000", colour.Hex);
        Assert.Equal(1.0, colour.Weight, 1e-12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void Max_colours_out_of_range_is_rejected(int maxColors)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Palette.Extract(TestImages.Solid(2, 2, 0, 0, 0), maxColors));
    }
}
