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
        ".webp[Q=80,strip,effort=6]",
    ];

    public static async Task<DiagnosticsResults> RunAsync(IReadOnlyList<string> files, Options options)
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
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            var probe = new ImagingRequest("probe", MosaicRuns.FormatOf(bytes), host.Limits);
            var probeMs = await MedianAsync(options, () => host.RunAsync(probe, bytes, CancellationToken.None));

            DirectVips.vips_concurrency_set(1);
            var c1 = Median(options, () => DirectVips.Free(DirectVips.Encode(DirectVips.Memory(DirectVips.Thumbnail(bytes, thumb.Width, maxSide)), suffix)));
            DirectVips.vips_concurrency_set(Math.Clamp(Environment.ProcessorCount, 1, 4));
            var c2 = Median(options, () => DirectVips.Free(DirectVips.Encode(DirectVips.Memory(DirectVips.Thumbnail(bytes, thumb.Width, maxSide)), suffix)));
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
                images.Add(new DirectImage(file, Round(probeMs), Round(c1), Round(c2), Round(decodeResize), Round(encode)));
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
            [.. WebpSuffixes.Select(s => new WebpSetting(s, Round(webpSamples[s].Ms), webpSamples[s].Bytes))]);
    }

    private static double Round(double ms) => Math.Round(ms, 3);

    private static double Median(Options options, Action action)
    {
        var samples = new List<double>();
        for (var i = 0; i < options.Warmup + options.Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            if (i >= options.Warmup)
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

    [LibraryImport(Vips)]
    public static partial nint vips_image_copy_memory(nint image);

    [LibraryImport(Vips, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int vips_image_write_to_buffer(nint image, string suffix, out nint buffer, out nuint length, nint end);

    [LibraryImport("libgobject-2.0.so.0")]
    public static partial void g_object_unref(nint obj);

    [LibraryImport("libglib-2.0.so.0")]
    public static partial void g_free(nint memory);

    public static string LastError() => Marshal.PtrToStringUTF8(vips_error_buffer()) ?? "libvips failed";

    /// <summary>As VipsImage.Thumbnail: shrink-on-load, fit within the box, orientation applied, sRGB.</summary>
    public static unsafe nint Thumbnail(byte[] bytes, int width, int height)
    {
        fixed (byte* data = bytes)
        {
            return vips_thumbnail_buffer(data, (nuint)bytes.Length, out var image, width, "height", height, "size", 2,
                "export_profile", "srgb", "option_string", "fail-on=truncated", 0) == 0 ? image : throw new InvalidOperationException(LastError());
        }
    }

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
