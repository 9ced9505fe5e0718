namespace Mosaic.Platform.Imaging;

/// <summary>
/// What the imaging host does with one request. Runs only inside the isolated child process (<c>mosaic imaging-host</c>),
/// never in the web server: a decoder bug on a hostile file can take down this process and nothing else.
/// </summary>
internal static class ImagingOperations
{
    /// <summary>Conversions work on at most this many pixels per side: quick edits, not full-resolution processing.</summary>
    public const int ConversionMaxSide = 2048;

    /// <summary>A variant format: all frames of an animated GIF or WebP, as an animated WebP.</summary>
    public const string AnimatedWebP = "webp-animated";

    private static readonly string[] ConversionKinds =
        ["grayscale", "flip-horizontal", "flip-vertical", "rotate", "brightness", "contrast", "blur", "sharpen", "invert", "sepia", "posterize", "pixelate"];

    public static IReadOnlyList<string> Conversions => ConversionKinds;

    public static ImagingResult Run(ImagingRequest request, byte[] input) => request.Operation switch
    {
        "probe" => new ImagingResult(Probe(request, input), []),
        "validate" => new ImagingResult(Validate(request, input), []),
        "process" => Process(request, input),
        "convert" => Convert(request, input),
        _ => throw new ImagingException(ImagingFailure.InvalidImage, $"Unknown imaging operation '{request.Operation}'."),
    };

    /// <summary>Reads the header only (no pixels are decoded) and enforces the size limits.</summary>
    public static ImageProbe Probe(ImagingRequest request, byte[] input)
    {
        using var image = Guard(() => VipsImage.Load(input, request.Format));
        var frames = image.Pages;
        var height = frames > 1 && image.PageHeight > 0 ? image.PageHeight : image.Height;
        var probe = new ImageProbe(image.Width, height, image.Bands, image.HasAlpha, frames, image.Orientation, image.HasIccProfile, image.BandFormat);
        var limits = request.Limits;
        if (probe.Width > limits.MaxSide || probe.Height > limits.MaxSide)
        {
            throw new ImagingException(ImagingFailure.TooLarge,
                $"The image is {probe.Width}×{probe.Height} pixels; at most {limits.MaxSide} pixels per side are accepted.");
        }
        if ((long)probe.Width * probe.Height > limits.MaxPixels)
        {
            throw new ImagingException(ImagingFailure.TooLarge,
                $"The image has {(long)probe.Width * probe.Height / 1_000_000.0:0.#} megapixels; at most {limits.MaxPixels / 1_000_000.0:0.#} are accepted.");
        }
        if (probe.Frames > limits.MaxFrames)
        {
            throw new ImagingException(ImagingFailure.TooLarge, $"The animation has {probe.Frames} frames; at most {limits.MaxFrames} are accepted.");
        }
        return probe;
    }

    /// <summary>
    /// Probe, then decode every pixel of the first frame into a tiny thumbnail: a truncated or corrupt file fails here,
    /// while the uploader waits, instead of later in the pipeline. JPEG decodes at 1/8 scale, so this stays cheap.
    /// </summary>
    private static ImageProbe Validate(ImagingRequest request, byte[] input)
    {
        var probe = Probe(request, input);
        using var tiny = Guard(() => VipsImage.Thumbnail(input, 32, 32));
        Guard(tiny.Pixels);
        return probe;
    }

    /// <summary>
    /// Probe, then every variant from the largest down, each cut from the one before it in memory so the file is decoded
    /// once (with shrink-on-load), then small raw pixels for analysis. Orientation is applied, colour converted to sRGB
    /// and metadata stripped in every output.
    /// </summary>
    private static ImagingResult Process(ImagingRequest request, byte[] input)
    {
        var probe = Probe(request, input);
        SimulateFailureForTests(probe);
        var outputs = new List<ImagingOutput>();
        VipsImage? previous = null;
        try
        {
            foreach (var spec in (request.Variants ?? []).Where(v => v.Format == AnimatedWebP))
            {
                // Every frame, fitted and re-encoded: the animation survives, the metadata does not.
                using var frames = Guard(() => VipsImage.Thumbnail(input, spec.Width, spec.Height, allFrames: true));
                using var animation = Guard(frames.InMemory).WithoutMetadata();
                outputs.Add(Encode(spec.Name, animation, "webp", spec.Quality));
            }
            foreach (var (spec, target) in (request.Variants ?? []).Where(v => v.Format != AnimatedWebP).Select(v => (v, Fit(v, probe, request.Limits))).OrderByDescending(p => (long)p.Item2.Width * p.Item2.Height))
            {
                var width = spec.Width > 0 ? spec.Width : request.Limits.MaxSide;
                var height = spec.Height > 0 ? spec.Height : request.Limits.MaxSide;
                // Cut from the previous, larger rendering when it covers this one; otherwise decode again.
                var reuse = previous is not null && previous.Width >= target.Width && previous.Height >= target.Height;
                using var fitted = reuse
                    ? Guard(() => previous!.ThumbnailOf(width, height))
                    : Guard(() => VipsImage.Thumbnail(input, width, height));
                var current = Guard(fitted.InMemory).WithoutMetadata();
                previous?.Dispose();
                previous = current;
                outputs.Add(Encode(spec.Name, current, spec.Format, spec.Quality));
            }
            if (request.AnalysisSize > 0)
            {
                using var small = previous is null
                    ? Guard(() => VipsImage.Thumbnail(input, request.AnalysisSize, request.AnalysisSize))
                    : Guard(() => previous.ThumbnailOf(request.AnalysisSize, request.AnalysisSize));
                using var rgb = small.Bands < 3 ? Guard(small.ToSrgb8) : Guard(() => small.Cast(VipsNative.FormatUchar));
                outputs.Add(new ImagingOutput("analysis", ImagingOutput.RawPixels, rgb.Width, rgb.Height, rgb.Bands, Guard(rgb.Pixels)));
            }
        }
        finally
        {
            previous?.Dispose();
        }
        return new ImagingResult(probe, outputs);
    }

    private static ImagingResult Convert(ImagingRequest request, byte[] input)
    {
        var probe = Probe(request, input);
        var conversion = request.Conversion ?? throw new ImagingException(ImagingFailure.InvalidImage, "No conversion was given.");
        using var loaded = Guard(() => VipsImage.Thumbnail(input, ConversionMaxSide, ConversionMaxSide));
        using var source = loaded.Bands < 3 ? Guard(loaded.ToSrgb8) : Guard(loaded.InMemory).WithoutMetadata();
        using var converted = Guard(() => Apply(source, conversion));
        // "before" is the source as the result's counterpart: same size, oriented, sRGB, stripped of metadata.
        return new ImagingResult(probe,
        [
            Encode("result", converted, converted.HasAlpha ? "png" : "jpeg", 90),
            Encode("before", source, source.HasAlpha ? "png" : "jpeg", 85),
        ]);
    }

    private static VipsImage Apply(VipsImage image, ConversionSpec conversion) => conversion.Kind switch
    {
        "grayscale" => OnColour(image, c => { using var grey = c.Greyscale(); return grey.ToSrgb8(); }),
        "flip-horizontal" => image.Flip(vertical: false),
        "flip-vertical" => image.Flip(vertical: true),
        "rotate" => image.Rotate((int)Math.Round(conversion.Amount / 90.0)),
        "brightness" => OnColour(image, c => Clamp(c.Linear(1, Math.Clamp(conversion.Amount, -100, 100) * 2.55))),
        "contrast" => OnColour(image, c =>
        {
            var factor = Math.Clamp(conversion.Amount, 0.1, 4);
            return Clamp(c.Linear(factor, 128 * (1 - factor)));
        }),
        "blur" => image.GaussBlur(Math.Clamp(conversion.Amount, 0.3, 30)),
        "sharpen" => OnColour(image, c => { using var sharp = c.Sharpen(); return sharp.Cast(VipsNative.FormatUchar); }),
        "invert" => OnColour(image, c => c.Invert()),
        "sepia" => OnColour(image, c => Clamp(c.Recombine([0.393, 0.769, 0.189, 0.349, 0.686, 0.168, 0.272, 0.534, 0.131], 3, 3))),
        "posterize" => OnColour(image, c =>
        {
            var step = 256.0 / Math.Clamp(Math.Round(conversion.Amount), 2, 32);
            using var scaled = c.Linear(1 / step, 0);
            using var levels = scaled.Cast(VipsNative.FormatUchar);
            return Clamp(levels.Linear(step, step / 2));
        }),
        "pixelate" => Pixelate(image, (int)Math.Clamp(Math.Round(conversion.Amount), 2, 128)),
        _ => throw new ImagingException(ImagingFailure.InvalidImage, $"Unknown conversion '{conversion.Kind}'."),
    };

    private static VipsImage Pixelate(VipsImage image, int block)
    {
        using var small = image.Resize(1.0 / block, nearest: true);
        using var big = small.Zoom(block);
        return big.Crop(0, 0, Math.Min(image.Width, big.Width), Math.Min(image.Height, big.Height));
    }

    /// <summary>Applies a colour operation to the colour bands only, keeping any alpha band as it was.</summary>
    private static VipsImage OnColour(VipsImage image, Func<VipsImage, VipsImage> operation)
    {
        if (!image.HasAlpha)
        {
            return operation(image);
        }
        using var colour = image.ExtractBands(0, image.Bands - 1);
        using var alpha = image.ExtractBands(image.Bands - 1, 1);
        using var changed = operation(colour);
        return changed.JoinBands(alpha);
    }

    private static VipsImage Clamp(VipsImage image)
    {
        using (image)
        {
            return image.Cast(VipsNative.FormatUchar);
        }
    }

    private static ImagingOutput Encode(string name, VipsImage image, string format, int quality)
    {
        var (suffix, contentType) = format switch
        {
            "webp" => ($".webp[Q={quality},strip]", "image/webp"),
            "jpeg" => ($".jpg[Q={quality},strip,optimize_coding,interlace]", "image/jpeg"),
            "png" => (".png[compression=6,strip]", "image/png"),
            _ => throw new ImagingException(ImagingFailure.InvalidImage, $"Unknown output format '{format}'."),
        };
        using var flat = format == "jpeg" && image.HasAlpha ? image.ExtractBands(0, image.Bands - 1) : image.InMemory();
        var source = flat.WithoutMetadata();
        var bytes = Guard(() => source.Save(suffix));
        var height = source.PageHeight is > 0 and var page && page < source.Height ? page : source.Height;
        return new ImagingOutput(name, contentType, source.Width, height, source.Bands, format == "webp" ? WebPChunks.StripMetadata(bytes) : bytes);
    }

    /// <summary>
    /// With test operations enabled (never in production), an image exactly 4242 or 4243 pixels wide makes the pipeline
    /// hang or crash, so tests can drive a real upload into a misbehaving decoder.
    /// </summary>
    private static void SimulateFailureForTests(ImageProbe probe)
    {
        if (Environment.GetEnvironmentVariable(ImagingHostProcess.TestOperationsVariable) != "1")
        {
            return;
        }
        switch (probe.Width)
        {
            case 4242:
                Thread.Sleep(Timeout.Infinite);
                break;
            case 4243:
                Environment.FailFast("imaging-host: simulated crash while processing");
                break;
        }
    }

    /// <summary>The size a variant will have: the upright image shrunk (never enlarged) to fit the spec's box.</summary>
    private static (int Width, int Height) Fit(VariantSpec spec, ImageProbe probe, ImagingLimits limits)
    {
        var (w, h) = probe.Orientation is >= 5 and <= 8 ? (probe.Height, probe.Width) : (probe.Width, probe.Height);
        var scale = Math.Min(1.0, Math.Min((spec.Width > 0 ? spec.Width : limits.MaxSide) / (double)w, (spec.Height > 0 ? spec.Height : limits.MaxSide) / (double)h));
        return (Math.Max(1, (int)Math.Round(w * scale)), Math.Max(1, (int)Math.Round(h * scale)));
    }

    /// <summary>A libvips failure on the file's content is the file's fault: report it as an invalid image.</summary>
    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (VipsException ex)
        {
            throw new ImagingException(ImagingFailure.InvalidImage, $"The image could not be decoded: {FirstLine(ex.Message)}");
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
