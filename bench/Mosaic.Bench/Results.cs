namespace Mosaic.Bench;

/// <summary>Timings of one measured step on one image, in milliseconds.</summary>
internal sealed record Timing(double MedianMs, double P90Ms, double MinMs, IReadOnlyList<double> SamplesMs)
{
    public static Timing Of(IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        // Nearest rank: the smallest sample with at least 90 % of the samples at or below it.
        var p90 = sorted[Math.Max(0, (int)Math.Ceiling(0.9 * n) - 1)];
        return new Timing(Round(median), Round(p90), Round(sorted[0]), [.. samples.Select(Round)]);
    }

    private static double Round(double ms) => Math.Round(ms, 3);
}

internal sealed record MosaicImage(
    string File,
    long Bytes,
    string Format,
    int Width,
    int Height,
    bool HasAlpha,
    Timing Thumb,
    CpuTime ThumbCpu,
    int ThumbBytes,
    int ThumbWidth,
    int ThumbHeight,
    Timing Full,
    Timing FullHost,
    Timing FullAnalysis,
    int Variants,
    long FullOutputBytes);

internal sealed record HostMemory(int Pid, long VmHwmKbAfterThumbs, long VmHwmKbAfterFull, long VmRssKbAtEnd, int Threads);

internal sealed record MosaicResults(
    string Tool,
    string Runtime,
    int ProcessorCount,
    int HostVipsConcurrency,
    string HostVipsConcurrencyRule,
    int Warmup,
    int Runs,
    int FullRuns,
    bool InterleavedWithSharp,
    double HostStartMs,
    HostMemory? HostMemory,
    string? HostLibvips,
    long BenchMaxRssKb,
    IReadOnlyList<MosaicImage> Images,
    IReadOnlyList<HostExperiment> Experiments,
    DiagnosticsResults? Diagnostics = null);

/// <summary>An extra imaging host, started with other environment variables, measured in the same rounds.</summary>
internal sealed record HostExperiment(
    string Name,
    IReadOnlyDictionary<string, string> Environment,
    string? Libvips,
    HostMemory? HostMemory,
    IReadOnlyList<ExperimentImage> Images);

internal sealed record ExperimentImage(string File, Timing Thumb, CpuTime ThumbCpu, Timing Full);

/// <summary>
/// CPU time (ms) of one thumbnail request, averaged over the counted runs: in the imaging host (every thread) and in
/// the calling process (protocol, supervision). Less sensitive than wall time to other work on the machine.
/// </summary>
internal sealed record CpuTime(double HostMs, double WebMs)
{
    public double TotalMs => HostMs + WebMs;

    public CpuTime PerRun(int runs) => new(Math.Round(HostMs / runs, 3), Math.Round(WebMs / runs, 3));
}

internal sealed record SharpImage(string File, long Bytes, int Width, int Height, Timing Thumb, double? ThumbCpuMs, int ThumbBytes, int ThumbWidth, int ThumbHeight);

internal sealed record SharpResults(
    string Tool,
    Dictionary<string, string> Versions,
    int Concurrency,
    int UvThreadpoolSize,
    bool Simd,
    bool Cache,
    int Warmup,
    int Runs,
    long MaxRssKb,
    IReadOnlyList<SharpImage> Images,
    SharpDiagnostics? Diagnostics = null);

/// <summary>sharp's thumbnail split into decode+resize (to raw pixels) and the WebP encode, and run at another concurrency.</summary>
internal sealed record SharpDiagnostics(int OtherConcurrency, IReadOnlyList<SharpDiagnosticImage> Images);

internal sealed record SharpDiagnosticImage(string File, double? DecodeResizeMs, double? EncodeWebpMs, double? ThumbOtherConcurrencyMs, double? VariantsMs);

internal sealed record DiagnosticsResults(
    string Note,
    string LibvipsVersion,
    IReadOnlyList<DirectImage> Images,
    IReadOnlyList<WebpSetting> WebpSettings,
    IReadOnlyList<PipelineStep> FullPipelineSteps);

/// <summary>One kind of step of the "process" request, summed (medians) over the corpus.</summary>
internal sealed record PipelineStep(string Step, double SumMedianMs, double ImprovedSumMedianMs);

/// <summary>
/// Mosaic's thumbnail calls made in this process with Debian's libvips (no imaging host, no protocol), split into
/// steps, plus the host's "probe" request as the round-trip floor.
/// </summary>
internal sealed record DirectImage(
    string File,
    double ProbeRoundTripMs,
    double DirectThumbC1Ms,
    double DirectThumbC2Ms,
    double DecodeResizeMs,
    double EncodeWebpMs,
    double NoExportProfileMs,
    double? FastShrinkMs,
    double HostThumbMs,
    double? SharpThumbMs);

/// <summary>The WebP encode of the same 360 px thumbnails with other settings, summed over the corpus.</summary>
internal sealed record WebpSetting(string Suffix, double SumMedianMs, long SumBytes);
