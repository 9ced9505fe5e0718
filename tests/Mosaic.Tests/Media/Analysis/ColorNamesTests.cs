using Mosaic.Features.Media.Analysis;

namespace Mosaic.Tests.Media.Analysis;

public sealed class ColorNamesTests
{
    [Theory]
    [InlineData("#ff0000", "red")]
    [InlineData("#c0392b", "red")]
    [InlineData("#7f1d1d", "red")]
    [InlineData("#ff8800", "orange")]
    [InlineData("#f39c12", "orange")]
    [InlineData("#ffff00", "yellow")]
    [InlineData("#f1c40f", "yellow")]
    [InlineData("#00ff00", "green")]
    [InlineData("#2ecc71", "green")]
    [InlineData("#1b5e20", "green")]
    [InlineData("#008080", "teal")]
    [InlineData("#00ffff", "teal")]
    [InlineData("#1abc9c", "teal")]
    [InlineData("#0000ff", "blue")]
    [InlineData("#000080", "blue")]
    [InlineData("#3498db", "blue")]
    [InlineData("#87cefa", "blue")]
    [InlineData("#800080", "purple")]
    [InlineData("#8e44ad", "purple")]
    [InlineData("#6a0dad", "purple")]
    [InlineData("#ffc0cb", "pink")]
    [InlineData("#ff69b4", "pink")]
    [InlineData("#ff00ff", "pink")]
    [InlineData("#8b4513", "brown")]
    [InlineData("#5d4037", "brown")]
    [InlineData("#c19a6b", "brown")]
    [InlineData("#000000", "black")]
    [InlineData("#0d0d0d", "black")]
    [InlineData("#808080", "grey")]
    [InlineData("#555555", "grey")]
    [InlineData("#b0b0b0", "grey")]
    [InlineData("#ffffff", "white")]
    [InlineData("#f8f8f8", "white")]
    public void Nearest_names_common_colours(string hex, string expected)
    {
        Assert.Equal(expected, ColorNames.Nearest(Cielab.FromHex(hex)));
    }

    [Fact]
    public void Every_name_is_reachable_and_only_those_names_are_returned()
    {
        var seen = new HashSet<string>();
        for (var r = 0; r < 256; r += 17)
        {
            for (var g = 0; g < 256; g += 17)
            {
                for (var b = 0; b < 256; b += 17)
                {
                    seen.Add(ColorNames.Nearest(Cielab.FromSrgb((byte)r, (byte)g, (byte)b)));
                }
            }
        }

        Assert.Equal(ColorNames.All.Order(), seen.Order());
        Assert.All(ColorNames.All, name => Assert.Matches("^[a-z]+$", name));
    }
}
