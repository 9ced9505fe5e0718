using Mosaic.Features.Media.Analysis;

namespace Mosaic.Tests.Media.Analysis;

public sealed class BlurhashTests
{
    [Fact]
    public void Single_component_hash_of_white_is_the_reference_value()
    {
        // Size flag 0, maximum 0, DC 0xFFFFFF = 29·83³ + 28·83² + 30·83 + 10 = "TSUA".
        Assert.Equal("00TSUA", Blurhash.Encode(TestImages.Solid(10, 10, 255, 255, 255), 1, 1));
    }

    [Theory]
    [InlineData(32, 24, "LDTSUA_3fQ_3~qoffQoffQfQfQfQ")]
    [InlineData(1200, 10, "LWTSUAj[fQj[~qfQfQfQfQfQfQfQ")]
    public void Solid_white_encodes_to_the_reference_value(int width, int height, string expected)
    {
        // Worked by hand from the reference formulas. The reference samples its cosines at
        // cos(π·i·x/w), not at pixel centres, so a flat image leaks into the odd AC components:
        // Σx cos(π·i·x/w) = 1 for odd i and 0 for even i. At 32×24 that makes AC(1,0) = AC(3,0) =
        // 2/32, AC(0,1) = 2/24 (the maximum: ⌊0.0833·166 − 0.5⌋ = 13 = 'D'), AC(1,1) = AC(3,1) =
        // 2/768, giving "_3", "~q" and "of"; even components sit at the zero level 9·19² + 9·19 + 9
        // = "fQ". The 1200 px wide case needs 4·1200 + 3·10 cosines, past the stack limit, so it
        // also covers the pooled path.
        var hash = Blurhash.Encode(TestImages.Solid(width, height, 255, 255, 255));

        Assert.Equal(expected, hash);
    }

    [Theory]
    [InlineData(200, 100, 50)]
    [InlineData(12, 140, 230)]
    [InlineData(0, 0, 0)]
    [InlineData(128, 128, 128)]
    [InlineData(255, 255, 255)]
    public void Solid_colour_decodes_to_that_colour(byte r, byte g, byte b)
    {
        // The corner-sampled basis leaks about 2/width into the AC terms (see above), so a flat
        // image decodes flat only to within a few levels at the sizes the caller passes.
        var hash = Blurhash.Encode(TestImages.Solid(256, 192, r, g, b));

        var decoded = Blurhash.Decode(hash, 32, 24);

        Assert.Equal(3, decoded.Bands);
        for (var i = 0; i < decoded.Pixels.Length; i += 3)
        {
            Assert.InRange(decoded.Pixels[i], r - 3, r + 3);
            Assert.InRange(decoded.Pixels[i + 1], g - 3, g + 3);
            Assert.InRange(decoded.Pixels[i + 2], b - 3, b + 3);
        }
    }

    [Fact]
    public void Round_trip_keeps_the_average_colour()
    {
        var source = TestImages.Scene(64, 48);

        var decoded = Blurhash.Decode(Blurhash.Encode(source), 64, 48);

        var expected = AverageLinear(source);
        var actual = AverageLinear(decoded);
        for (var c = 0; c < 3; c++)
        {
            Assert.InRange(actual[c], expected[c] - 0.01, expected[c] + 0.01);
        }
    }

    [Fact]
    public void Round_trip_keeps_the_layout()
    {
        // Red on the left half, blue on the right: the decoded left edge stays redder than the right.
        var source = TestImages.Rgb(64, 32, (x, _) => x < 32 ? ((byte)230, (byte)20, (byte)20) : ((byte)20, (byte)20, (byte)230));

        var decoded = Blurhash.Decode(Blurhash.Encode(source), 16, 8);

        var left = decoded.Pixels.AsSpan(((4 * 16) + 1) * 3, 3);
        var right = decoded.Pixels.AsSpan(((4 * 16) + 14) * 3, 3);
        Assert.True(left[0] > left[2] + 60, $"left edge {left[0]},{left[1]},{left[2]}");
        Assert.True(right[2] > right[0] + 60, $"right edge {right[0]},{right[1]},{right[2]}");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    [InlineData(5, 2)]
    [InlineData(9, 9)]
    public void Hash_length_and_decoded_size_follow_the_components(int componentsX, int componentsY)
    {
        var hash = Blurhash.Encode(TestImages.Scene(30, 20), componentsX, componentsY);

        Assert.Equal(4 + (2 * componentsX * componentsY), hash.Length);
        Assert.Equal(hash.Length, Blurhash.EncodedLength(componentsX, componentsY));
        var decoded = Blurhash.Decode(hash, 7, 5);
        Assert.Equal((7, 5), (decoded.Width, decoded.Height));
        Assert.Equal(7 * 5 * 3, decoded.Pixels.Length);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(10, 3)]
    [InlineData(4, 0)]
    [InlineData(4, 10)]
    public void Components_outside_1_to_9_are_rejected(int componentsX, int componentsY)
    {
        var image = TestImages.Solid(4, 4, 1, 2, 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => Blurhash.Encode(image, componentsX, componentsY));
    }

    [Theory]
    [InlineData("")]
    [InlineData("L0TSU")]
    [InlineData("L0TSUAfQ")]
    [InlineData("LDTSUA_3fQ_3~qoffQoffQfQfQfQf")]
    [InlineData("LEHV6nWB2yk8pyo0adR*.7kCMdn")]
    public void Hash_of_the_wrong_length_is_rejected(string hash)
    {
        Assert.Throws<ArgumentException>(() => Blurhash.Decode(hash, 4, 4));
    }

    [Fact]
    public void Hash_with_a_character_outside_base83_is_rejected()
    {
        var hash = "LDTS\"A_3fQ_3~qoffQoffQfQfQfQ";

        Assert.Throws<ArgumentException>(() => Blurhash.Decode(hash, 4, 4));
    }

    [Fact]
    public void Alpha_is_ignored()
    {
        var rgb = TestImages.Scene(20, 20);
        var rgba = TestImages.WithAlpha(rgb, (x, _) => (byte)(x * 10));

        Assert.Equal(Blurhash.Encode(rgb), Blurhash.Encode(rgba));
    }

    [Fact]
    public void TryEncode_writes_the_same_hash_and_refuses_a_short_destination()
    {
        var image = TestImages.Scene(24, 16);
        Span<char> buffer = stackalloc char[Blurhash.EncodedLength(4, 3)];

        var fits = Blurhash.TryEncode(image, buffer, out var written);
        var tooShort = Blurhash.TryEncode(image, buffer[..^1], out var none);

        Assert.True(fits);
        Assert.Equal(Blurhash.Encode(image), new string(buffer[..written]));
        Assert.False(tooShort);
        Assert.Equal(0, none);
    }

    private static double[] AverageLinear(PixelBuffer image)
    {
        var sums = new double[3];
        for (var i = 0; i < image.Pixels.Length; i += image.Bands)
        {
            for (var c = 0; c < 3; c++)
            {
                var v = image.Pixels[i + c] / 255.0;
                sums[c] += v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
            }
        }

        var count = image.Width * image.Height;
        return [sums[0] / count, sums[1] / count, sums[2] / count];
    }
}
