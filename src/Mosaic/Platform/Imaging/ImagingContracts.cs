namespace Mosaic.Platform.Imaging;

/// <summary>Limits read from the header before any pixel is decoded.</summary>
public sealed record ImagingLimits(long MaxPixels, int MaxSide, int MaxFrames);

/// <summary>One output to render: fit within Width×Height (0 = unbounded), encoded as webp, jpeg or png.</summary>
public sealed record VariantSpec(string Name, int Width, int Height, string Format, int Quality);

/// <summary>A quick edit of an image (see Features/Conversions); amounts are interpreted per kind.</summary>
public sealed record ConversionSpec(string Kind, double Amount);

public sealed record ImagingRequest(
    string Operation,
    ImageFormat Format,
    ImagingLimits Limits,
    IReadOnlyList<VariantSpec>? Variants = null,
    int AnalysisSize = 0,
    ConversionSpec? Conversion = null);

/// <summary>What the header says about an image.</summary>
public sealed record ImageProbe(int Width, int Height, int Bands, bool HasAlpha, int Frames, int Orientation, bool HasIccProfile, int BandFormat);

/// <summary>One rendered output; <see cref="ContentType"/> <c>application/x-mosaic-pixels</c> marks raw 8-bit pixels for analysis.</summary>
public sealed record ImagingOutput(string Name, string ContentType, int Width, int Height, int Bands, byte[] Bytes)
{
    public const string RawPixels = "application/x-mosaic-pixels";
}

public enum ImagingFailure
{
    /// <summary>The file is not a valid image of its type (truncated, corrupt, lying header).</summary>
    InvalidImage,

    /// <summary>The image is valid but exceeds the configured limits.</summary>
    TooLarge,

    /// <summary>The imaging host hung past the timeout, crashed or ran out of memory; it was restarted.</summary>
    HostFailed,
}

/// <summary>An image the host could not process, with a reason fit to show the uploader.</summary>
public sealed class ImagingException(ImagingFailure failure, string message) : Exception(message)
{
    public ImagingFailure Failure { get; } = failure;
}

public sealed record ImagingResult(ImageProbe? Probe, IReadOnlyList<ImagingOutput> Outputs)
{
    public ImagingOutput Output(string name) => Outputs.FirstOrDefault(o => o.Name == name)
        ?? throw new InvalidOperationException($"The imaging host returned no output named '{name}'.");
}
