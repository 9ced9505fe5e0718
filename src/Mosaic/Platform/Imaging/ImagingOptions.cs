using Microsoft.Extensions.Options;

namespace Mosaic.Platform.Imaging;

public sealed class ImagingOptions
{
    public const string Section = "Mosaic:Imaging";

    /// <summary>Imaging host processes; each decodes one image at a time.</summary>
    public int Workers { get; set; } = 1;

    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Resident memory a host process may reach before it is killed and restarted.</summary>
    public int MemoryLimitMb { get; set; } = 1024;

    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;
    public long MaxPixels { get; set; } = 100_000_000;
    public int MaxSide { get; set; } = 20_000;
    public int MaxFrames { get; set; } = 1000;

    /// <summary>Lets tests ask the host to hang, crash or run out of memory. Never enable in production.</summary>
    public bool EnableTestOperations { get; set; }

    public ImagingLimits Limits => new(MaxPixels, MaxSide, MaxFrames);
}

internal sealed class ImagingOptionsValidator : IValidateOptions<ImagingOptions>
{
    public ValidateOptionsResult Validate(string? name, ImagingOptions o)
    {
        var errors = new List<string>();
        if (o.Workers is < 1 or > 16) errors.Add("Mosaic:Imaging:Workers must be between 1 and 16.");
        if (o.OperationTimeout < TimeSpan.FromSeconds(1)) errors.Add("Mosaic:Imaging:OperationTimeout must be at least 00:00:01.");
        if (o.MemoryLimitMb < 128) errors.Add("Mosaic:Imaging:MemoryLimitMb must be at least 128.");
        if (o.MaxUploadBytes is < 1024 or > 1L << 30) errors.Add("Mosaic:Imaging:MaxUploadBytes must be between 1024 and 1073741824.");
        if (o.MaxPixels < 1) errors.Add("Mosaic:Imaging:MaxPixels must be positive.");
        if (o.MaxSide is < 16 or > 65_535) errors.Add("Mosaic:Imaging:MaxSide must be between 16 and 65535.");
        if (o.MaxFrames < 1) errors.Add("Mosaic:Imaging:MaxFrames must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
