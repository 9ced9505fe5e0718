namespace Mosaic.Features.Media.Analysis;

/// <summary>A tag suggested from the pixels: lower-case name with <c>_</c> for spaces, its category, and a confidence in 0..1.</summary>
public sealed record AutoTag(string Name, string Category, double Confidence)
{
    public const string Meta = "meta";
    public const string General = "general";
}
