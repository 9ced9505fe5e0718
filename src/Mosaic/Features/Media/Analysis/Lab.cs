namespace Mosaic.Features.Media.Analysis;

/// <summary>A CIELAB colour (D65 white): L* in 0..100, a* green–red, b* blue–yellow.</summary>
public readonly record struct Lab(double L, double A, double B)
{
    /// <summary>C*ab, the distance from the neutral axis.</summary>
    public double Chroma => Math.Sqrt((A * A) + (B * B));
}
