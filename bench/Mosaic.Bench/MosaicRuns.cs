using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Mosaic.Features.Media.Analysis;
using Mosaic.Features.Posts;
using Mosaic.Platform.Imaging;

namespace Mosaic.Bench;

/// <summary>
/// Drives real <see cref="ImagingHost"/>s (each starts <c>dotnet mosaic.dll imaging-host</c> beside this binary), one
/// image at a time: first the thumbnail step for every image, its runs interleaved with sharp's (and with any extra
/// host's), then the full pipeline for every image.
/// </summary>
internal static class MosaicRuns
{
    /// <summary>The thumbnail step on its own: one "process" request for the <c>thumb</c> variant, no analysis.</summary>
    public static readonly VariantSpec Thumb = Variants.For(new ImageProbe(4000, 3000, 3, false, 1, 1, false, 0)).Single(v => v.Name == Variants.Thumb);

    public static async Task<MosaicResults> RunAsync(IReadOnlyList<string> files, Options options, SharpServer? sharp)
    {
        var images = files.Select(f => (File: f, Bytes: File.ReadAllBytes(f))).ToList();
        await using var main = await HostUnderTest.StartAsync("mosaic", new Dictionary<string, string>(), images[0].Bytes);
        var extras = new List<HostUnderTest>();
        try
        {
            foreach (var variant in options.Hosts)
            {
                extras.Add(await HostUnderTest.StartAsync(variant.Name, variant.Environment, images[0].Bytes));
            }
            return await RunAsync(images, options, sharp, main, extras);
        }
        finally
        {
            foreach (var extra in extras)
            {
                await extra.DisposeAsync();
            }
        }
    }

    private static async Task<MosaicResults> RunAsync(
        List<(string File, byte[] Bytes)> images, Options options, SharpServer? sharp, HostUnderTest main, List<HostUnderTest> extras)
    {
        var limits = main.Host.Limits;
        var all = new List<HostUnderTest> { main };
        all.AddRange(extras);
        var probes = new Dictionary<string, ImageProbe>();
        foreach (var (file, bytes) in images)
        {
            probes[file] = (await main.Host.RunAsync(new ImagingRequest("probe", FormatOf(bytes), limits), bytes, CancellationToken.None)).Probe!;
        }

        // Thumbnails: each round runs every participant once, in alternating order, so drift and noise from the rest of
        // the machine fall on all of them alike.
        var thumbs = all.ToDictionary(h => h, _ => new Dictionary<string, Timing>());
        var cpu = all.ToDictionary(h => h, _ => new Dictionary<string, CpuTime>());
        var thumbOutputs = new Dictionary<string, ImagingOutput>();
        var sharpThumbs = new Dictionary<string, Timing>();
        foreach (var (file, bytes) in images)
        {
            var request = new ImagingRequest("process", FormatOf(bytes), limits, [Thumb]);
            var samples = all.ToDictionary(h => h, _ => new List<double>());
            var sharpSamples = new List<double>();
            var steps = new List<Func<bool, Task>>();
            foreach (var host in all)
            {
                cpu[host][file] = new CpuTime(0, 0);
                steps.Add(async count =>
                {
                    var hostCpu = host.CpuMs();
                    var webCpu = Environment.CpuUsage.TotalTime;
                    var clock = Stopwatch.StartNew();
                    var result = await host.Host.RunAsync(request, bytes, CancellationToken.None);
                    var ms = clock.Elapsed.TotalMilliseconds;
                    if (count)
                    {
                        samples[host].Add(ms);
                        var (h, w) = cpu[host][file];
                        cpu[host][file] = new CpuTime(h + host.CpuMs() - hostCpu, w + (Environment.CpuUsage.TotalTime - webCpu).TotalMilliseconds);
                    }
                    if (host == main)
                    {
                        thumbOutputs[file] = result.Output(Variants.Thumb);
                    }
                });
            }
            if (sharp is not null)
            {
                steps.Insert(1, async count =>
                {
                    var ms = await sharp.RunAsync("thumb", file, count);
                    if (count)
                    {
                        sharpSamples.Add(ms);
                    }
                });
            }
            await RoundsAsync(options.Warmup, options.Runs, steps);
            foreach (var host in all)
            {
                thumbs[host][file] = Timing.Of(samples[host]);
            }
            if (sharp is not null)
            {
                sharpThumbs[file] = Timing.Of(sharpSamples);
            }
            Log($"thumb {Path.GetFileName(file),-44} " + string.Join("  ", all.Select(h => $"{h.Name} {thumbs[h][file].MedianMs,7:0.0}"))
                + (sharp is null ? "" : $"  sharp {sharpThumbs[file].MedianMs,7:0.0}") + " ms");
        }
        var hwmAfterThumbs = all.ToDictionary(h => h, h => h.Pid is { } pid ? ProcFs.StatusKb(pid, "VmHWM") : 0);

        var full = all.ToDictionary(h => h, _ => new Dictionary<string, (Timing Total, Timing Host, Timing Analysis, ImagingResult Last)>());
        foreach (var (file, bytes) in images)
        {
            var probe = probes[file];
            // As PostProcessor does: the variants for the probed size and the analysis pixels, then the C# analysis.
            var request = new ImagingRequest("process", FormatOf(bytes), limits, Variants.For(probe), Variants.AnalysisSide);
            var samples = all.ToDictionary(h => h, _ => (Total: new List<double>(), Host: new List<double>(), Analysis: new List<double>()));
            var last = new Dictionary<HostUnderTest, ImagingResult>();
            var steps = all.Select(host => (Func<bool, Task>)(async count =>
            {
                var clock = Stopwatch.StartNew();
                var result = await host.Host.RunAsync(request, bytes, CancellationToken.None);
                var hostMs = clock.Elapsed.TotalMilliseconds;
                Analyse(result, probe);
                var totalMs = clock.Elapsed.TotalMilliseconds;
                last[host] = result;
                if (count)
                {
                    samples[host].Total.Add(totalMs);
                    samples[host].Host.Add(hostMs);
                    samples[host].Analysis.Add(totalMs - hostMs);
                }
            })).ToList();
            await RoundsAsync(options.Warmup, options.FullRuns, steps);
            foreach (var host in all)
            {
                full[host][file] = (Timing.Of(samples[host].Total), Timing.Of(samples[host].Host), Timing.Of(samples[host].Analysis), last[host]);
            }
            Log($"full  {Path.GetFileName(file),-44} " + string.Join("  ", all.Select(h => $"{h.Name} {full[h][file].Total.MedianMs,7:0.0}")) + " ms");
        }

        var result = new List<MosaicImage>();
        foreach (var (file, bytes) in images)
        {
            var probe = probes[file];
            var output = thumbOutputs[file];
            var (total, host, analysis, last) = full[main][file];
            result.Add(new MosaicImage(file, bytes.Length, FormatOf(bytes).ToString(), probe.Width, probe.Height, probe.HasAlpha,
                thumbs[main][file], cpu[main][file].PerRun(options.Runs), output.Bytes.Length, output.Width, output.Height,
                total, host, analysis,
                last.Outputs.Count(o => o.ContentType != ImagingOutput.RawPixels), last.Outputs.Sum(o => (long)o.Bytes.Length)));
        }
        var concurrency = Math.Clamp(Environment.ProcessorCount, 1, 4);
        return new MosaicResults("mosaic", $".NET {Environment.Version}", Environment.ProcessorCount, concurrency,
            "vips_concurrency_set(Math.Clamp(Environment.ProcessorCount, 1, 4)) in ImagingHostProcess.cs",
            options.Warmup, options.Runs, options.FullRuns, sharp is not null, main.StartMs, main.Memory(hwmAfterThumbs[main]), main.Libvips,
            ProcFs.StatusKb(Environment.ProcessId, "VmHWM"), result,
            [.. extras.Select(h => new HostExperiment(h.Name, h.Environment, h.Libvips, h.Memory(hwmAfterThumbs[h]),
                [.. images.Select(i => new ExperimentImage(i.File, thumbs[h][i.File], cpu[h][i.File].PerRun(options.Runs), full[h][i.File].Total))]))]);
    }

    /// <summary><paramref name="warmup"/> + <paramref name="runs"/> rounds of every step; odd rounds run the steps in reverse.</summary>
    public static async Task RoundsAsync(int warmup, int runs, List<Func<bool, Task>> steps)
    {
        for (var round = 0; round < warmup + runs; round++)
        {
            var count = round >= warmup;
            foreach (var step in round % 2 == 0 ? steps : Enumerable.Reverse(steps))
            {
                await step(count);
            }
        }
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

    public static void Log(string line) => Console.Error.WriteLine(line);
}

/// <summary>One imaging host (one child process), started with extra environment variables.</summary>
internal sealed class HostUnderTest : IAsyncDisposable
{
    private HostUnderTest(string name, IReadOnlyDictionary<string, string> environment, ImagingHost host)
    {
        Name = name;
        Environment = environment;
        Host = host;
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }
    public ImagingHost Host { get; }
    public int? Pid { get; private set; }
    public double StartMs { get; private set; }

    /// <summary>The libvips file the child mapped, from /proc/PID/maps: proof of which libvips was measured.</summary>
    public string? Libvips { get; private set; }

    /// <summary>
    /// The first request starts the child (runtime start, JIT, vips_init): timed, reported, never counted. The child
    /// inherits this process' environment, so the extra variables are set around that first request only.
    /// </summary>
    public static async Task<HostUnderTest> StartAsync(string name, IReadOnlyDictionary<string, string> environment, byte[] first)
    {
        var before = Process(environment);
        var others = Children();
        var host = new HostUnderTest(name, environment, MosaicRuns.NewHost());
        var clock = Stopwatch.StartNew();
        try
        {
            await host.Host.RunAsync(new ImagingRequest("probe", MosaicRuns.FormatOf(first), host.Host.Limits), first, CancellationToken.None);
        }
        finally
        {
            foreach (var (key, value) in before)
            {
                System.Environment.SetEnvironmentVariable(key, value);
            }
        }
        host.StartMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
        host.Pid = Children().Except(others).Cast<int?>().FirstOrDefault();
        host.Libvips = host.Pid is { } pid ? ProcFs.MappedFile(pid, "libvips") : null;
        MosaicRuns.Log($"{name}: imaging host pid {host.Pid?.ToString(CultureInfo.InvariantCulture) ?? "not found"}, first request {host.StartMs:0} ms, libvips {host.Libvips ?? "?"}"
            + (environment.Count == 0 ? "" : $", with {string.Join(" ", environment.Select(e => $"{e.Key}={e.Value}"))}"));
        return host;

        static List<int> Children() => ProcFs.ChildrenWhoseCommandLineContains(System.Environment.ProcessId, "imaging-host");
    }

    /// <summary>Sets the variables in this process and returns their previous values.</summary>
    private static Dictionary<string, string?> Process(IReadOnlyDictionary<string, string> environment)
    {
        var before = new Dictionary<string, string?>();
        foreach (var (key, value) in environment)
        {
            before[key] = System.Environment.GetEnvironmentVariable(key);
            System.Environment.SetEnvironmentVariable(key, value);
        }
        return before;
    }

    /// <summary>CPU time of the child so far (every thread, user + system).</summary>
    public double CpuMs() => Pid is { } pid ? ProcFs.CpuMs(pid) : 0;

    public HostMemory? Memory(long hwmAfterThumbs) => Pid is { } pid
        ? new HostMemory(pid, hwmAfterThumbs, ProcFs.StatusKb(pid, "VmHWM"), ProcFs.StatusKb(pid, "VmRSS"), (int)ProcFs.StatusKb(pid, "Threads"))
        : null;

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
