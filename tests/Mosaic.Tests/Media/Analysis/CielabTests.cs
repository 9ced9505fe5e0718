using Mosaic.Features.Media.Analysis;

namespace Mosaic.Tests.Media.Analysis;

public sealed class CielabTests
{
    /// <summary>
    /// All 34 pairs of Table 1 in G. Sharma, W. Wu and E. N. Dalal, "The CIEDE2000 color-difference
    /// formula: implementation notes, supplementary test data, and mathematical observations",
    /// Color Research and Application 30(1), 2005: L1, a1, b1, L2, a2, b2, ΔE00.
    /// </summary>
    public static TheoryData<double, double, double, double, double, double, double> SharmaPairs => new()
    {
        { 50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425 },
        { 50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615 },
        { 50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412 },
        { 50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000 },
        { 50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000 },
        { 50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000 },
        { 50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669 },
        { 50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669 },
        { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792 },
        { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792 },
        { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195 },
        { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195 },
        { 50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045 },
        { 50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045 },
        { 50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461 },
        { 50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065 },
        { 50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492 },
        { 50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977 },
        { 50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030 },
        { 50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535 },
        { 50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000 },
        { 50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000 },
        { 50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000 },
        { 50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000 },
        { 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644 },
        { 63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630 },
        { 61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731 },
        { 35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645 },
        { 22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373 },
        { 36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146 },
        { 90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441 },
        { 90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381 },
        { 6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377 },
        { 2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082 },
    };

    [Theory]
    [MemberData(nameof(SharmaPairs))]
    public void DeltaE2000_matches_the_Sharma_test_data(double l1, double a1, double b1, double l2, double a2, double b2, double expected)
    {
        var first = new Lab(l1, a1, b1);
        var second = new Lab(l2, a2, b2);

        var forward = Cielab.DeltaE2000(first, second);
        var backward = Cielab.DeltaE2000(second, first);

        Assert.Equal(expected, Math.Round(forward, 4), 1e-9);
        Assert.Equal(forward, backward, 1e-9);
    }

    [Fact]
    public void DeltaE2000_of_a_colour_with_itself_is_zero()
    {
        var colour = new Lab(41.2, -12.5, 30.1);

        Assert.Equal(0, Cielab.DeltaE2000(colour, colour));
    }

    [Theory]
    [InlineData(255, 255, 255, 100.0, 0.0, 0.0)]
    [InlineData(0, 0, 0, 0.0, 0.0, 0.0)]
    [InlineData(255, 0, 0, 53.24, 80.09, 67.20)]
    [InlineData(0, 255, 0, 87.73, -86.18, 83.18)]
    [InlineData(0, 0, 255, 32.30, 79.19, -107.86)]
    [InlineData(128, 128, 128, 53.59, 0.0, 0.0)]
    public void FromSrgb_gives_the_standard_D65_coordinates(byte r, byte g, byte b, double l, double a, double bStar)
    {
        var lab = Cielab.FromSrgb(r, g, b);

        Assert.Equal(l, lab.L, 0.02);
        Assert.Equal(a, lab.A, 0.02);
        Assert.Equal(bStar, lab.B, 0.02);
    }

    [Fact]
    public void Greys_have_no_chroma()
    {
        for (var v = 0; v < 256; v++)
        {
            var lab = Cielab.FromSrgb((byte)v, (byte)v, (byte)v);

            Assert.True(lab.Chroma < 1e-9, $"grey {v} has chroma {lab.Chroma}");
        }
    }

    [Fact]
    public void Srgb_round_trips_through_Lab()
    {
        for (var r = 0; r < 256; r += 15)
        {
            for (var g = 0; g < 256; g += 15)
            {
                for (var b = 0; b < 256; b += 15)
                {
                    var lab = Cielab.FromSrgb((byte)r, (byte)g, (byte)b);

                    Assert.Equal(((byte)r, (byte)g, (byte)b), Cielab.ToSrgb(lab));
                }
            }
        }
    }

    [Theory]
    [InlineData("#ff8000")]
    [InlineData("#000000")]
    [InlineData("#ffffff")]
    [InlineData("#1a2b3c")]
    public void Hex_round_trips_in_lower_case(string hex)
    {
        var lab = Cielab.FromHex(hex.ToUpperInvariant());

        Assert.Equal(hex, Cielab.ToHex(lab));
    }

    [Fact]
    public void Out_of_gamut_colours_are_clipped()
    {
        Assert.Equal("#ffffff", Cielab.ToHex(new Lab(120, 0, 0)));
        Assert.Equal("#000000", Cielab.ToHex(new Lab(-5, 0, 0)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("#fff")]
    [InlineData("#gg0000")]
    [InlineData("#1234567")]
    public void Malformed_hex_is_rejected(string hex)
    {
        Assert.Throws<FormatException>(() => Cielab.FromHex(hex));
    }
}
