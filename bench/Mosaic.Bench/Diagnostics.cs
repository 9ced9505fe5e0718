using System.Diagnostics;
using System.Runtime.InteropServices;
using Mosaic.Features.Posts;
using Mosaic.Platform.Imaging;

namespace Mosaic.Bench;

/// <summary>
/// Where the thumbnail time goes: the same libvips calls Mosaic's host makes (Debian's libvips, same options), made in
/// this process without the host and its protocol, at vips concurrency 1 and 2, split into decode+resize and WebP encode;
/// the host's header-only "probe" request as the round-trip floor; and the WebP encode at other settings.
/// </summary>
internal static class Diagnostics
{
    private static readonly string[] WebpSuffixes =
    [
        ".webp[Q=80,strip]",
        ".webp[Q=80,strip,effort=2]",
        ".webp[Q=80,strip,effort=0]",
        ".webp[Q=80,strip,smart_subsample]",
    ];

    public static async Task<DiagnosticsResults> RunAsync(IReadOnlyList<string> files, Options options, SharpServer? sharp)
    {
        if (DirectVips.vips_init("mosaic-bench") != 0)
        {
            throw new InvalidOperationException("libvips failed to start: " + DirectVips.LastError());
        }
        DirectVips.vips_cache_set_max(0);
        var thumb = Variants.For(new ImageProbe(4000, 3000, 3, false, 1, 1, false, 0)).Single(v => v.Name == Variants.Thumb);
        var maxSide = new ImagingOptions().MaxSide;
        var suffix = $".webp[Q={thumb.Quality},strip]";

        await using var host = MosaicRuns.NewHost();
        var images = new List<DirectImage>();
        var webpSamples = WebpSuffixes.ToDictionary(s => s, _ => (Ms: 0.0, Bytes: 0L));
        var breakdown = new Dictionary<string, double>();
        var improvedBreakdown = new Dictionary<string, double>();
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var probe = new ImagingRequest("probe", MosaicRuns.FormatOf(bytes), host.Limits);
            var probeMs = await MedianAsync(options, () => host.RunAsync(probe, bytes, CancellationToken.None));
            if (sharp is not null)
            {
                foreach (var op in new[] { "decode", "encode", "thumb-other", "variants" })
                {
                    for (var i = 0; i < options.Warmup + (op == "variants" ? options.FullRuns : options.Runs); i++)
                    {
                        await sharp.RunAsync(op, file, i >= options.Warmup);
                    }
                }
            }
            var imageProbe = (await host.RunAsync(probe, bytes, CancellationToken.None)).Probe!;
            DirectVips.vips_concurrency_set(Math.Clamp(Environment.ProcessorCount, 1, 4));
            foreach (var (step, ms) in FullBreakdown(options, bytes, imageProbe, host.Limits, improved: false))
            {
                breakdown[step] = breakdown.GetValueOrDefault(step) + ms;
            }
            foreach (var (step, ms) in FullBreakdown(options, bytes, imageProbe, host.Limits, improved: true))
            {
                improvedBreakdown[step] = improvedBreakdown.GetValueOrDefault(step) + ms;
            }

            // The thumbnail four ways, the host's request and sharp's thumbnail, in the same rounds (alternating order), so the
            // ratios between them hold however busy the machine is.
            var concurrency = Math.Clamp(Environment.ProcessorCount, 1, 4);
            var isJpeg = MosaicRuns.FormatOf(bytes) == ImageFormat.Jpeg;
            var thumbRequest = new ImagingRequest("process", MosaicRuns.FormatOf(bytes), host.Limits, [MosaicRuns.Thumb]);
            var samples = new Dictionary<string, List<double>>();
            void Add(string key, bool count, double ms)
            {
                if (count)
                {
                    (samples.TryGetValue(key, out var list) ? list : samples[key] = []).Add(ms);
                }
            }
            Func<bool, Task> Direct(string key, int threads, Func<nint> thumbnail) => count =>
            {
                DirectVips.vips_concurrency_set(threads);
                var clock = Stopwatch.StartNew();
                DirectVips.Free(DirectVips.Encode(DirectVips.Memory(thumbnail()), suffix));
                Add(key, count, clock.Elapsed.TotalMilliseconds);
                DirectVips.vips_concurrency_set(concurrency);
                return Task.CompletedTask;
            };
            var steps = new List<Func<bool, Task>>
            {
                async count =>
                {
                    var clock = Stopwatch.StartNew();
                    await host.RunAsync(thumbRequest, bytes, CancellationToken.None);
                    Add("host", count, clock.Elapsed.TotalMilliseconds);
                },
                Direct("c2", concurrency, () => DirectVips.Thumbnail(bytes, thumb.Width, maxSide)),
                Direct("c1", 1, () => DirectVips.Thumbnail(bytes, thumb.Width, maxSide)),
                Direct("noicc", concurrency, () => DirectVips.Thumbnail(bytes, thumb.Width, maxSide, exportProfile: false)),
            };
            if (isJpeg)
            {
                steps.Add(Direct("fast", concurrency, () => DirectVips.FastShrinkThumbnail(bytes, imageProbe, thumb.Width, maxSide)));
            }
            if (sharp is not null)
            {
                steps.Add(async count => Add("sharp", count, await sharp.RunAsync("thumb", file, count: false)));
            }
            await MosaicRuns.RoundsAsync(options.Warmup, options.Runs, steps);
            double? MedianOf(string key) => samples.TryGetValue(key, out var list) ? Round(Timing.Of(list).MedianMs) : null;
            var c1 = MedianOf("c1")!.Value;
            var c2 = MedianOf("c2")!.Value;
            var decodeResize = Median(options, () => DirectVips.Free(DirectVips.Memory(DirectVips.Thumbnail(bytes, thumb.Width, maxSide))));
            var small = DirectVips.Memory(DirectVips.Thumbnail(bytes, thumb.Width, maxSide));
            try
            {
                var encode = Median(options, () => DirectVips.EncodedLength(small, suffix));
                foreach (var s in WebpSuffixes)
                {
                    var length = 0L;
                    var ms = Median(options, () => length = DirectVips.EncodedLength(small, s));
                    webpSamples[s] = (webpSamples[s].Ms + ms, webpSamples[s].Bytes + length);
                }
                images.Add(new DirectImage(file, Round(probeMs), c1, c2, Round(decodeResize), Round(encode), MedianOf("noicc")!.Value,
                    MedianOf("fast"), MedianOf("host")!.Value, MedianOf("sharp")));
            }
            finally
            {
                DirectVips.g_object_unref(small);
            }
            MosaicRuns.Log($"diagnose {Path.GetFileName(file),-44} direct c1 {c1,7:0.0}  c2 {c2,7:0.0}  decode+resize {decodeResize,7:0.0}  webp {images[^1].EncodeWebpMs,6:0.0}  probe rtt {probeMs,5:0.0} ms");
        }
        return new DiagnosticsResults(
            "Direct: Mosaic's libvips calls made in the bench process (vips_thumbnail_buffer + vips_image_copy_memory + webp save), no imaging host.",
            Marshal.PtrToStringUTF8(DirectVips.vips_version_string()) ?? "?",
            images,
            [.. WebpSuffixes.Select(s => new WebpSetting(s, Round(webpSamples[s].Ms), webpSamples[s].Bytes))],
            [.. breakdown.OrderByDescending(b => b.Value).Select(b => new PipelineStep(b.Key, Round(b.Value), Round(improvedBreakdown.GetValueOrDefault(b.Key))))]);
    }

    /// <summary>
    /// ImagingOperations.Process replayed with direct libvips calls, each step timed (median of the runs): the variants
    /// from the largest down, each cut from the one before it, each encoded with Mosaic's save options.
    /// <paramref name="improved"/>: the same outputs with two changes: no <c>export_profile</c> when the source has no ICC
    /// profile (libvips then round-trips every pixel through XYZ and lcms to get sRGB back) nor when cutting from the
    /// previous variant (already sRGB); and a variant the same size as the previous one is encoded from it as it is.
    /// </summary>
    private static List<(string Step, double Ms)> FullBreakdown(Options options, byte[] bytes, ImageProbe probe, ImagingLimits limits, bool improved)
    {
        var steps = new List<(string, double)>();
        var specs = Variants.For(probe).Select(v => (Spec: v, Size: Fit(v, probe, limits))).OrderByDescending(p => (long)p.Size.Width * p.Size.Height).ToList();
        nint previous = 0;
        try
        {
            foreach (var (spec, size) in specs)
            {
                var width = spec.Width > 0 ? spec.Width : limits.MaxSide;
                var height = spec.Height > 0 ? spec.Height : limits.MaxSide;
                var source = previous;
                var reuse = source != 0;
                nint current = 0;
                if (improved && reuse && DirectVips.vips_image_get_width(source) == size.Width && DirectVips.vips_image_get_height(source) == size.Height)
                {
                    current = DirectVips.g_object_ref(source);
                    steps.Add(("resize (cut from the previous variant)", 0));
                }
                else
                {
                    var profile = !improved || (!reuse && probe.HasIccProfile);
                    var ms = Median(1, options.FullRuns, () =>
                    {
                        if (current != 0)
                        {
                            DirectVips.g_object_unref(current);
                        }
                        current = DirectVips.Memory(reuse ? DirectVips.ThumbnailOf(source, width, height, profile) : DirectVips.Thumbnail(bytes, width, height, profile));
                    });
                    steps.Add((reuse ? "resize (cut from the previous variant)" : "decode + first resize", ms));
                }
                var suffix = spec.Format switch
                {
                    "webp" => $".webp[Q={spec.Quality},strip]",
                    "jpeg" => $".jpg[Q={spec.Quality},strip,optimize_coding,interlace]",
                    _ => ".png[compression=6,strip]",
                };
                var encode = Median(1, options.FullRuns, () => DirectVips.EncodedLength(current, suffix));
                steps.Add(($"encode {spec.Name} ({spec.Format}{(spec.Format == "png" ? "" : $" Q{spec.Quality}")})", encode));
                if (previous != 0)
                {
                    DirectVips.g_object_unref(previous);
                }
                previous = current;
            }
        }
        finally
        {
            if (previous != 0)
            {
                DirectVips.g_object_unref(previous);
            }
        }
        return steps;
    }

    /// <summary>As ImagingOperations.Fit: the upright image shrunk (never enlarged) into the spec's box.</summary>
    private static (int Width, int Height) Fit(VariantSpec spec, ImageProbe probe, ImagingLimits limits)
    {
        var (w, h) = probe.Orientation is >= 5 and <= 8 ? (probe.Height, probe.Width) : (probe.Width, probe.Height);
        var scale = Math.Min(1.0, Math.Min((spec.Width > 0 ? spec.Width : limits.MaxSide) / (double)w, (spec.Height > 0 ? spec.Height : limits.MaxSide) / (double)h));
        return (Math.Max(1, (int)Math.Round(w * scale)), Math.Max(1, (int)Math.Round(h * scale)));
    }

    private static double Round(double ms) => Math.Round(ms, 3);

    private static double Median(Options options, Action action) => Median(options.Warmup, options.Runs, action);

    private static double Median(int warmup, int runs, Action action)
    {
        var samples = new List<double>();
        for (var i = 0; i < warmup + runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            if (i >= warmup)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return Timing.Of(samples).MedianMs;
    }

    private static async Task<double> MedianAsync(Options options, Func<Task> action)
    {
        var samples = new List<double>();
        for (var i = 0; i < options.Warmup + options.Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            if (i >= options.Warmup)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return Timing.Of(samples).MedianMs;
    }
}

/// <summary>The few libvips entry points the diagnostics need, declared as Platform/Imaging/VipsNative.cs declares them.</summary>
internal static partial class DirectVips
{
    private const string Vips = "libvips.so.42";

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_init(string argv0);

    [LibraryImport(Vips)]
    public static partial void vips_cache_set_max(int max);

    [LibraryImport(Vips)]
    public static partial void vips_concurrency_set(int concurrency);

    [LibraryImport(Vips)]
    public static partial nint vips_version_string();

    [LibraryImport(Vips)]
    public static partial nint vips_error_buffer();

    [LibraryImport(Vips)]
    public static partial void vips_error_clear();

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int vips_thumbnail_buffer(byte* buffer, nuint length, out nint image, int width,
        string height, int heightValue, string size, int sizeValue, string exportProfile, string exportProfileValue,
        string optionString, string optionStringValue, nint end);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_thumbnail_image(nint input, out nint image, int width,
        string height, int heightValue, string size, int sizeValue, string exportProfile, string exportProfileValue, nint end);

    [LibraryImport(Vips, EntryPoint = "vips_thumbnail_buffer", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int vips_thumbnail_buffer_no_profile(byte* buffer, nuint length, out nint image, int width,
        string height, int heightValue, string size, int sizeValue, string optionString, string optionStringValue, nint end);

    [LibraryImport(Vips, EntryPoint = "vips_thumbnail_image", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_thumbnail_image_no_profile(nint input, out nint image, int width,
        string height, int heightValue, string size, int sizeValue, nint end);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int vips_jpegload_buffer(byte* buffer, nuint length, out nint image,
        string shrink, int shrinkValue, string access, int accessValue, string failOn, int failOnValue, nint end);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_width(nint image);

    [LibraryImport(Vips)]
    public static partial int vips_image_get_height(nint image);

    [LibraryImport(Vips)]
    public static partial nint vips_image_copy_memory(nint image);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_image_write_to_buffer(nint image, string suffix, out nint buffer, out nuint length, nint end);

    [LibraryImport("libgobject-2.0.so.0")]
    public static partial void g_object_unref(nint obj);

    [LibraryImport("libgobject-2.0.so.0")]
    public static partial nint g_object_ref(nint obj);

    [LibraryImport("libglib-2.0.so.0")]
    public static partial void g_free(nint memory);

    public static string LastError() => Marshal.PtrToStringUTF8(vips_error_buffer()) ?? "libvips failed";

    /// <summary>As VipsImage.Thumbnail: shrink-on-load, fit within the box, orientation applied, sRGB.</summary>
    public static unsafe nint Thumbnail(byte[] bytes, int width, int height, bool exportProfile = true)
    {
        fixed (byte* data = bytes)
        {
            var status = exportProfile
                ? vips_thumbnail_buffer(data, (nuint)bytes.Length, out var image, width, "height", height, "size", 2,
                    "export_profile", "srgb", "option_string", "fail-on=truncated", 0)
                : vips_thumbnail_buffer_no_profile(data, (nuint)bytes.Length, out image, width, "height", height, "size", 2,
                    "option_string", "fail-on=truncated", 0);
            return status == 0 ? image : throw new InvalidOperationException(LastError());
        }
    }

    /// <summary>
    /// sharp's way for JPEG: shrink-on-load by the largest of 8, 4, 2 that the shrink allows (libvips' thumbnail keeps a
    /// further factor of two, so it decodes 4× the pixels), then the fit; no export profile (the file has none).
    /// </summary>
    public static unsafe nint FastShrinkThumbnail(byte[] bytes, ImageProbe probe, int width, int height)
    {
        var shrink = Math.Max(probe.Width / (double)width, probe.Height / (double)height);
        var factor = shrink >= 8 ? 8 : shrink >= 4 ? 4 : shrink >= 2 ? 2 : 1;
        nint loaded;
        fixed (byte* data = bytes)
        {
            if (vips_jpegload_buffer(data, (nuint)bytes.Length, out loaded, "shrink", factor, "access", 1, "fail_on", 1, 0) != 0)
            {
                throw new InvalidOperationException(LastError());
            }
        }
        try
        {
            return vips_thumbnail_image_no_profile(loaded, out var image, width, "height", height, "size", 2, 0) == 0
                ? image
                : throw new InvalidOperationException(LastError());
        }
        finally
        {
            g_object_unref(loaded);
        }
    }

    /// <summary>As VipsImage.ThumbnailOf: a further fit of an image already in memory.</summary>
    public static nint ThumbnailOf(nint input, int width, int height, bool exportProfile = true) =>
        (exportProfile
            ? vips_thumbnail_image(input, out var image, width, "height", height, "size", 2, "export_profile", "srgb", 0)
            : vips_thumbnail_image_no_profile(input, out image, width, "height", height, "size", 2, 0)) == 0
            ? image
            : throw new InvalidOperationException(LastError());

    /// <summary>Renders into memory and drops the input reference.</summary>
    public static nint Memory(nint image)
    {
        var memory = vips_image_copy_memory(image);
        g_object_unref(image);
        return memory != 0 ? memory : throw new InvalidOperationException(LastError());
    }

    /// <summary>Encodes and returns the image (for <see cref="Free"/>); the bytes are dropped.</summary>
    public static nint Encode(nint image, string suffix)
    {
        EncodedLength(image, suffix);
        return image;
    }

    public static long EncodedLength(nint image, string suffix)
    {
        if (vips_image_write_to_buffer(image, suffix, out var buffer, out var length, 0) != 0)
        {
            throw new InvalidOperationException(LastError());
        }
        g_free(buffer);
        return (long)length;
    }

    public static void Free(nint image) => g_object_unref(image);
}
