namespace Mosaic.Features.Media.Analysis;

/// <summary>Names a colour with one of twelve everyday colour words, for use as tags.</summary>
public static class ColorNames
{
    public const string Red = "red";
    public const string Orange = "orange";
    public const string Yellow = "yellow";
    public const string Green = "green";
    public const string Teal = "teal";
    public const string Blue = "blue";
    public const string Purple = "purple";
    public const string Pink = "pink";
    public const string Brown = "brown";
    public const string Black = "black";
    public const string Grey = "grey";
    public const string White = "white";

    /// <summary>The twelve names <see cref="Nearest"/> can return.</summary>
    public static IReadOnlyList<string> All { get; } = [Red, Orange, Yellow, Green, Teal, Blue, Purple, Pink, Brown, Black, Grey, White];

    // Several references per name (mostly CSS/X11 named colours), because one point per name
    // cannot cover a word's whole region: "blue" spans navy to sky blue, and a single mid blue
    // would hand navy to black and sky blue to white or teal. Light and dark variants of each
    // hue therefore have their own references; cyan and turquoise count as teal, magenta as pink,
    // tan and chocolate as brown, olive and yellow-green as green.
    private static readonly (string Name, string Hex)[] References =
    [
        (Red, "#ff0000"), (Red, "#dc143c"), (Red, "#b22222"), (Red, "#8b0000"),
        (Orange, "#ffa500"), (Orange, "#ff8c00"), (Orange, "#ff7f50"), (Orange, "#e65100"),
        (Yellow, "#ffff00"), (Yellow, "#ffd700"), (Yellow, "#fff176"), (Yellow, "#f0e130"),
        (Green, "#00ff00"), (Green, "#008000"), (Green, "#228b22"), (Green, "#006400"),
        (Green, "#90ee90"), (Green, "#9acd32"), (Green, "#556b2f"), (Green, "#808000"),
        (Teal, "#008080"), (Teal, "#00ffff"), (Teal, "#40e0d0"), (Teal, "#20b2aa"), (Teal, "#2f4f4f"),
        (Blue, "#0000ff"), (Blue, "#000080"), (Blue, "#4169e1"), (Blue, "#1e90ff"),
        (Blue, "#4682b4"), (Blue, "#87ceeb"), (Blue, "#add8e6"),
        (Purple, "#800080"), (Purple, "#8a2be2"), (Purple, "#9370db"), (Purple, "#4b0082"),
        (Purple, "#ee82ee"), (Purple, "#b19cd9"),
        (Pink, "#ffc0cb"), (Pink, "#ff69b4"), (Pink, "#ff1493"), (Pink, "#ff00ff"), (Pink, "#db7093"),
        (Brown, "#8b4513"), (Brown, "#a0522d"), (Brown, "#d2691e"), (Brown, "#654321"),
        (Brown, "#d2b48c"), (Brown, "#3e2723"),
        (Black, "#000000"), (Black, "#1a1a1a"),
        (Grey, "#404040"), (Grey, "#808080"), (Grey, "#a9a9a9"), (Grey, "#c0c0c0"),
        (White, "#ffffff"), (White, "#f0f0f0"),
    ];

    private static readonly Lab[] ReferenceLabs = BuildReferenceLabs();

    /// <summary>The name of the reference colour nearest by CIEDE2000. Allocation-free.</summary>
    public static string Nearest(Lab colour)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var i = 0; i < ReferenceLabs.Length; i++)
        {
            var d = Cielab.DeltaE2000(colour, ReferenceLabs[i]);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = i;
            }
        }

        return References[best].Name;
    }

    private static Lab[] BuildReferenceLabs()
    {
        var labs = new Lab[References.Length];
        for (var i = 0; i < labs.Length; i++)
        {
            labs[i] = Cielab.FromHex(References[i].Hex);
        }

        return labs;
    }
}
