namespace Mosaic.Features.Media.Analysis;

/// <summary>What the decoder reports about the original upload, before any downscaling.</summary>
public sealed record ImageFacts(int Width, int Height, bool HasAlpha, bool IsAnimated, int FrameCount);
