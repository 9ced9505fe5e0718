using Mosaic.Features.Media.Analysis;

namespace Mosaic.Tests.Media.Analysis;

public sealed class AutoTaggerTests
{
    private static readonly PixelBuffer Colourful = TestImages.Scene(64, 48);

    [Theory]
    [InlineData(1920, 1080, "landscape")]
    [InlineData(1080, 1920, "portrait")]
    [InlineData(1000, 1000, "square")]
    [InlineData(1000, 1050, "square")]
    [InlineData(1049, 1000, "square")]
    [InlineData(1000, 1051, "portrait")]
    [InlineData(1060, 1000, "landscape")]
    [InlineData(1, 1, "square")]
    public void Orientation_is_tagged_with_five_percent_square_tolerance(int width, int height, string expected)
    {
        var tags = Tag(Facts(width, height), Colourful);

        var orientation = Assert.Single(tags, t => t.Name is "landscape" or "portrait" or "square");
        Assert.Equal(expected, orientation.Name);
        Assert.Equal("meta", orientation.Category);
        Assert.Equal(1.0, orientation.Confidence);
    }

    [Theory]
    [InlineData(320, 240, new[] { "lowres" })]
    [InlineData(499, 100, new[] { "lowres" })]
    [InlineData(100, 499, new[] { "lowres" })]
    [InlineData(500, 500, new string[0])]
    [InlineData(1599, 900, new string[0])]
    [InlineData(900, 1600, new[] { "highres" })]
    [InlineData(3199, 2000, new[] { "highres" })]
    [InlineData(3200, 2400, new[] { "highres", "absurdres" })]
    [InlineData(2000, 8000, new[] { "highres", "absurdres" })]
    public void Resolution_class_follows_the_long_side(int width, int height, string[] expected)
    {
        var tags = Tag(Facts(width, height), Colourful);

        var resolution = tags.Where(t => t.Name is "lowres" or "highres" or "absurdres").Select(t => t.Name);
        Assert.Equal(expected, resolution);
    }

    [Fact]
    public void Grey_image_is_greyscale_and_monochrome()
    {
        var tags = Tag(Facts(800, 600), TestImages.HorizontalGradient(64, 48));

        Assert.Equal(1.0, Assert.Single(tags, t => t.Name == "greyscale").Confidence);
        Assert.Equal(1.0, Assert.Single(tags, t => t.Name == "monochrome").Confidence);
    }

    [Fact]
    public void Faintly_toned_image_is_monochrome_but_not_greyscale()
    {
        // A cool blue-grey wash: chroma around 7, tinted rather than neutral.
        var image = TestImages.Rgb(64, 48, (x, _) =>
        {
            var v = (byte)(40 + (x * 3));
            return (v, v, (byte)(v + 12));
        });

        var tags = Tag(Facts(800, 600), image);

        Assert.Contains(tags, t => t.Name == "monochrome");
        Assert.DoesNotContain(tags, t => t.Name == "greyscale");
    }

    [Fact]
    public void Colourful_image_is_neither_monochrome_nor_greyscale()
    {
        var tags = Tag(Facts(800, 600), Colourful);

        Assert.DoesNotContain(tags, t => t.Name == "monochrome");
        Assert.DoesNotContain(tags, t => t.Name == "greyscale");
    }

    [Fact]
    public void Mostly_grey_image_is_greyscale_with_the_grey_share_as_confidence()
    {
        // 2 of 100 columns are red: 98% of pixels qualify.
        var image = TestImages.Rgb(100, 20, (x, _) => x < 2 ? ((byte)220, (byte)20, (byte)20) : ((byte)(x * 2), (byte)(x * 2), (byte)(x * 2)));

        var tags = Tag(Facts(800, 600), image);

        Assert.Equal(0.98, Assert.Single(tags, t => t.Name == "greyscale").Confidence, 1e-9);
        Assert.Equal(0.98, Assert.Single(tags, t => t.Name == "monochrome").Confidence, 1e-9);
    }

    [Fact]
    public void Image_with_a_tenth_in_colour_is_not_greyscale()
    {
        var image = TestImages.Rgb(100, 20, (x, _) => x < 10 ? ((byte)20, (byte)20, (byte)220) : ((byte)128, (byte)128, (byte)128));

        var tags = Tag(Facts(800, 600), image);

        Assert.DoesNotContain(tags, t => t.Name is "greyscale" or "monochrome");
    }

    [Fact]
    public void Transparent_pixels_do_not_count_towards_greyscale()
    {
        // Colourful but invisible pixels (alpha 0) around a grey middle.
        var image = TestImages.Create(40, 40, 4, (x, _) => x is >= 10 and < 30
            ? ((byte)100, (byte)100, (byte)100, (byte)255)
            : ((byte)255, (byte)0, (byte)0, (byte)0));

        var tags = Tag(Facts(800, 600, hasAlpha: true), image);

        Assert.Contains(tags, t => t.Name == "greyscale");
    }

    [Fact]
    public void Image_with_alpha_under_250_is_transparent()
    {
        var image = TestImages.WithAlpha(Colourful, (x, y) => x == 63 && y == 47 ? (byte)249 : (byte)255);

        var tags = Tag(Facts(800, 600, hasAlpha: true), image);

        var transparent = Assert.Single(tags, t => t.Name == "transparent");
        Assert.Equal(("meta", 1.0), (transparent.Category, transparent.Confidence));
    }

    [Fact]
    public void Opaque_rgba_image_is_not_transparent()
    {
        var image = TestImages.WithAlpha(Colourful, (_, _) => 250);

        var tags = Tag(Facts(800, 600, hasAlpha: true), image);

        Assert.DoesNotContain(tags, t => t.Name == "transparent");
    }

    [Fact]
    public void Image_without_alpha_is_not_transparent_whatever_the_buffer_holds()
    {
        var image = TestImages.WithAlpha(Colourful, (_, _) => 0);

        var tags = Tag(Facts(800, 600, hasAlpha: false), image);

        Assert.DoesNotContain(tags, t => t.Name == "transparent");
    }

    [Theory]
    [InlineData(true, 12, true)]
    [InlineData(false, 3, true)]
    [InlineData(false, 1, false)]
    [InlineData(false, 0, false)]
    public void Animated_follows_the_facts(bool isAnimated, int frameCount, bool expected)
    {
        var tags = Tag(Facts(800, 600, isAnimated: isAnimated, frameCount: frameCount), Colourful);

        Assert.Equal(expected, tags.Any(t => t.Name == "animated" && t.Category == "meta" && t.Confidence == 1.0));
    }

    [Fact]
    public void Palette_colours_of_at_least_fifteen_percent_become_general_tags()
    {
        var palette = new[]
        {
            Colour("#ff0000", 0.5),
            Colour("#0000ff", 0.3),
            Colour("#00ff00", 0.149),
            Colour("#ffffff", 0.051),
        };

        var tags = AutoTagger.Tag(Facts(800, 600), Colourful, palette);

        var colours = tags.Where(t => t.Category == "general").ToList();
        Assert.Equal([new AutoTag("red", "general", 0.5), new AutoTag("blue", "general", 0.3)], colours);
    }

    [Fact]
    public void Two_shades_with_one_name_give_one_tag_with_the_larger_weight()
    {
        var palette = new[]
        {
            Colour("#ff0000", 0.4),
            Colour("#b22222", 0.35),
            Colour("#ffff00", 0.25),
        };

        var tags = AutoTagger.Tag(Facts(800, 600), Colourful, palette);

        var colours = tags.Where(t => t.Category == "general").ToList();
        Assert.Equal([new AutoTag("red", "general", 0.4), new AutoTag("yellow", "general", 0.25)], colours);
    }

    [Fact]
    public void Extracted_palette_of_a_two_colour_image_tags_both_colours()
    {
        var image = TestImages.Rgb(100, 100, (x, _) => x < 60 ? ((byte)230, (byte)30, (byte)30) : ((byte)30, (byte)60, (byte)220));

        var tags = AutoTagger.Tag(Facts(100, 100), image, Palette.Extract(image));

        Assert.Equal(0.6, Assert.Single(tags, t => t.Name == "red").Confidence, 0.005);
        Assert.Equal(0.4, Assert.Single(tags, t => t.Name == "blue").Confidence, 0.005);
    }

    [Fact]
    public void Every_tag_is_lower_case_with_a_known_category_and_a_confidence_in_range()
    {
        var image = TestImages.WithAlpha(TestImages.HorizontalGradient(64, 64), (x, _) => (byte)(x * 4));
        var facts = Facts(4000, 4000, hasAlpha: true, isAnimated: true, frameCount: 10);

        var tags = AutoTagger.Tag(facts, image, Palette.Extract(image));

        Assert.Equal(
            ["square", "highres", "absurdres", "monochrome", "greyscale", "transparent", "animated"],
            tags.Where(t => t.Category == "meta").Select(t => t.Name));
        Assert.All(tags, t =>
        {
            Assert.Matches("^[a-z_]+$", t.Name);
            Assert.Contains(t.Category, new[] { "meta", "general" });
            Assert.InRange(t.Confidence, 0.0, 1.0);
        });
        Assert.Equal(tags.Count, tags.Select(t => t.Name).Distinct().Count());
    }

    [Fact]
    public void Non_positive_dimensions_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tag(Facts(0, 10), Colourful));
    }

    private static IReadOnlyList<AutoTag> Tag(ImageFacts facts, PixelBuffer pixels) =>
        AutoTagger.Tag(facts, pixels, []);

    private static ImageFacts Facts(int width, int height, bool hasAlpha = false, bool isAnimated = false, int frameCount = 1) =>
        new(width, height, hasAlpha, isAnimated, frameCount);

    private static PaletteColor Colour(string hex, double weight)
    {
        var lab = Cielab.FromHex(hex);
        return new PaletteColor(hex, lab.L, lab.A, lab.B, weight);
    }
}
