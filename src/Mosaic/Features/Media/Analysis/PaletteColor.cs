namespace Mosaic.Features.Media.Analysis;

/// <summary>One palette entry: its sRGB hex, CIELAB coordinates, and the share of sampled opaque pixels it covers (0..1).</summary>
public sealed record PaletteColor(string Hex, double L, double A, double B, double Weight)
{
    public Lab Lab => new(L, A, B);
}
