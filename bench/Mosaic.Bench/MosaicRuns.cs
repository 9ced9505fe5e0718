using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mosaic.Features.Media.Analysis;
using Mosaic.Features.Posts;
using Mosaic.Platform.Imaging;

namespace Mosaic.Bench;

/// <summary>
/// Drives a real <see cref="ImagingHost"/> (which starts <c>dotnet mosaic.dll imaging-host</c> beside this binary),
/// one image at a time: first the thumbnail step for every image, then the full pipeline for every image.
/// </summary>
internal static class MosaicRuns
{
    /// <summary>The thumbnail step on its own: one "process" request for the <c>thumb</c> variant, no analysis.</summary>
    private static readonly VariantSpec[] ThumbOnly = [Variants.For(new ImageProbe(4000, 3000, 3, false, 1, 1, false, 0)).Single(v => v.Name == Variants.Thumb)];

    public static async Task<MosaicResults> RunAsync(IReadOnlyList<string> files, Options options)
    {
        await using var host = NewHost();
        var limits = host.Limits;
        var images = files.Select(f => (File: f, Bytes: File.ReadAllBytes(f))).ToList();

        // The first request starts the child process (runtime start, JIT, vips_init): reported, never counted.
        var clock = Stopwatch.StartNew();
        await host.RunAsync(new ImagingRequest("probe", FormatOf(images[0].Bytes), limits), images[0].Bytes, CancellationToken.None);
        var hostStartMs = clock.Elapsed.TotalMilliseconds;
        var hostPid = ProcFs.ChildWhoseCommandLineContains(Environment.ProcessId, "imaging-host");
        Log($"mosaic: imaging host pid {hostPid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not found"}, first request {hostStartMs:0} ms");

        var probes = new Dictionary<string, ImageProbe>();
        foreach (var (file, bytes) in images)
        {
            probes[file] = (await host.RunAsync(new ImagingRequest("probe", FormatOf(bytes), limits), bytes, CancellationToken.None)).Probe!;
        }

        var thumbs = new Dictionary<string, (Timing Timing, ImagingOutput Output)>();
        foreach (var (file, bytes) in images)
        {
            var request = new ImagingRequest("process", FormatOf(bytes), limits, ThumbOnly);
            ImagingOutput? output = null;
            var samples = await RepeatAsync(options, async () => output = (await host.RunAsync(request, bytes, CancellationToken.None)).Output(Variants.Thumb));
            thumbs[file] = (Timing.Of(samples), output!);
            Log($"mosaic thumb {Path.GetFileName(file),-44} {thumbs[file].Timing.MedianMs,8:0.0} ms");
        }
        var hwmAfterThumbs = hostPid is { } p1 ? ProcFs.StatusKb(p1, "VmHWM") : 0;

        var result = new List<MosaicImage>();
        foreach (var (file, bytes) in images)
        {
            var probe = probes[file];
            // As PostProcessor does: the variants for the probed size, the analysis pixels, then the C# analysis.
            var request = new ImagingRequest("process", FormatOf(bytes), limits, Variants.For(probe), Variants.AnalysisSide);
            var hostSamples = new List<double>();
            var analysisSamples = new List<double>();
            ImagingResult? last = null;
            var samples = await RepeatAsync(options, async () =>
            {
                var step = Stopwatch.StartNew();
                last = await host.RunAsync(request, bytes, CancellationToken.None);
                var hostMs = step.Elapsed.TotalMilliseconds;
                Analyse(last, probe);
                return (hostMs, step.Elapsed.TotalMilliseconds - hostMs);
            }, hostSamples, analysisSamples);
            var (thumb, output) = thumbs[file];
            var full = Timing.Of(samples);
            result.Add(new MosaicImage(file, bytes.Length, FormatOf(bytes).ToString(), probe.Width, probe.Height, probe.HasAlpha,
                thumb, output.Bytes.Length, output.Width, output.Height,
                full, Timing.Of(hostSamples), Timing.Of(analysisSamples),
                last!.Outputs.Count(o => o.ContentType != ImagingOutput.RawPixels), last.Outputs.Sum(o => (long)o.Bytes.Length)));
            Log($"mosaic full  {Path.GetFileName(file),-44} {full.MedianMs,8:0.0} ms");
        }

        HostMemory? memory = hostPid is { } pid
            ? new HostMemory(pid, hwmAfterThumbs, ProcFs.StatusKb(pid, "VmHWM"), ProcFs.StatusKb(pid, "VmRSS"), (int)ProcFs.StatusKb(pid, "Threads"))
            : null;
        var concurrency = Math.Clamp(Environment.ProcessorCount, 1, 4);
        return new MosaicResults("mosaic", $".NET {Environment.Version}", Environment.ProcessorCount, concurrency,
            "vips_concurrency_set(Math.Clamp(Environment.ProcessorCount, 1, 4)) in ImagingHostProcess.cs",
            options.Warmup, options.Runs, Math.Round(hostStartMs, 1), memory, ProcFs.StatusKb(Environment.ProcessId, "VmHWM"), result);
    }

    /// <summary>What PostProcessor does with the analysis pixels, in the same order, results discarded.</summary>
    private static void Analyse(ImagingResult result, ImageProbe probe)
    {
        var analysis = result.Output("analysis");
        var pixels = new PixelBuffer(analysis.Width, analysis.Height, analysis.Bands, analysis.Bytes);
        var palette = Palette.Extract(pixels);
        var hash = PerceptualHash.Compute(pixels);
        var facts = new ImageFacts(probe.Width, probe.Height, result.Probe!.HasAlpha, result.Probe.Frames > 1, result.Probe.Frames);
        var tags = AutoTagger.Tag(facts, pixels, palette);
        var blurhash = Blurhash.Encode(pixels);
        GC.KeepAlive((hash, tags, blurhash));
    }

    public static ImagingHost NewHost() =>
        new(Microsoft.Extensions.Options.Options.Create(new ImagingOptions()), NullLogger<ImagingHost>.Instance);

    public static ImageFormat FormatOf(byte[] bytes) =>
        ImageFormats.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, ImageFormats.SniffLength))) ?? throw new ArgumentException("not an image Mosaic accepts");

    private static async Task<List<double>> RepeatAsync(Options options, Func<Task> action)
    {
        var samples = new List<double>(options.Runs);
        for (var i = 0; i < options.Warmup + options.Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            if (i >= options.Warmup)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return samples;
    }

    private static async Task<List<double>> RepeatAsync(Options options, Func<Task<(double A, double B)>> action, List<double> a, List<double> b)
    {
        var samples = new List<double>(options.Runs);
        for (var i = 0; i < options.Warmup + options.Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var (first, second) = await action();
            if (i >= options.Warmup)
            {
                samples.Add(clock.Elapsed.TotalMilliseconds);
                a.Add(first);
                b.Add(second);
            }
        }
        return samples;
    }

    public static void Log(string line) => Console.Error.WriteLine(line);
}
