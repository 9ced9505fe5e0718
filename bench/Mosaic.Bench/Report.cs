namespace Mosaic.Bench;

/// <summary>The side-by-side table bench/run prints, and the two goal checks. It prints; it asserts nothing.</summary>
internal static class Report
{
    public const double ThumbGoal = 1.25;
    public const double FullGoal = 4.0;

    public static int Print(MosaicResults mosaic, SharpResults sharp)
    {
        var sharpByFile = sharp.Images.ToDictionary(i => i.File);
        var rows = mosaic.Images.Where(i => sharpByFile.ContainsKey(i.File)).Select(i => (Mosaic: i, Sharp: sharpByFile[i.File])).ToList();

        Line($"Per image: median / p90 (ms) of {mosaic.Runs} thumbnail runs and {mosaic.FullRuns} full-pipeline runs, each after {mosaic.Warmup} warm-up runs; one image at a time" +
            (mosaic.InterleavedWithSharp ? "; Mosaic's and sharp's thumbnail runs alternate (ABBA), so both see the same machine." : "."));
        Line("thumb = 360 px wide WebP Q80, metadata stripped, autorotated; full = Mosaic's every variant + analysis pixels + palette, phash, autotags, blurhash.");
        Line();
        var header = $"{"image",-40} {"size",8} {"MP",5} | {"mosaic thumb",15} {"sharp thumb",15} {"ratio",6} {"cpu ratio",9} | {"mosaic full",17} {"full/sharp",10}";
        Line(header);
        Line(new string('-', header.Length));
        foreach (var (m, s) in rows)
        {
            Line($"{Name(m.File),-40} {Size(m.Bytes),8} {m.Width * (double)m.Height / 1e6,5:0.0} | {Cell(m.Thumb),15} {Cell(s.Thumb),15} {m.Thumb.MedianMs / s.Thumb.MedianMs,5:0.00}x {CpuRatio(m.ThumbCpu, s),9} | {Cell(m.Full),17} {m.Full.MedianMs / s.Thumb.MedianMs,9:0.00}x");
        }
        Line(new string('-', header.Length));
        var thumbRatios = rows.Select(r => r.Mosaic.Thumb.MedianMs / r.Sharp.Thumb.MedianMs).ToList();
        var fullRatios = rows.Select(r => r.Mosaic.Full.MedianMs / r.Sharp.Thumb.MedianMs).ToList();
        Line($"{"median over images",-40} {"",8} {Median(rows.Select(r => r.Mosaic.Width * (double)r.Mosaic.Height / 1e6)),5:0.0} | {Median(rows.Select(r => r.Mosaic.Thumb.MedianMs)),15:0.0} {Median(rows.Select(r => r.Sharp.Thumb.MedianMs)),15:0.0} {Median(thumbRatios),5:0.00}x {MedianCpuRatio(rows, m => m.ThumbCpu),9} | {Median(rows.Select(r => r.Mosaic.Full.MedianMs)),17:0.0} {Median(fullRatios),9:0.00}x");
        Line($"{"sum over images",-40} {"",8} {"",5} | {rows.Sum(r => r.Mosaic.Thumb.MedianMs),15:0.0} {rows.Sum(r => r.Sharp.Thumb.MedianMs),15:0.0} {rows.Sum(r => r.Mosaic.Thumb.MedianMs) / rows.Sum(r => r.Sharp.Thumb.MedianMs),5:0.00}x {"",9} | {rows.Sum(r => r.Mosaic.Full.MedianMs),17:0.0} {rows.Sum(r => r.Mosaic.Full.MedianMs) / rows.Sum(r => r.Sharp.Thumb.MedianMs),9:0.00}x");
        Line();
        if (rows.All(r => r.Sharp.ThumbCpuMs is not null))
        {
            Line($"CPU time per thumbnail (medians over images; every thread, user + system): Mosaic {Median(rows.Select(r => r.Mosaic.ThumbCpu.TotalMs)):0.0} ms " +
                $"(imaging host {Median(rows.Select(r => r.Mosaic.ThumbCpu.HostMs)):0.0} + calling process {Median(rows.Select(r => r.Mosaic.ThumbCpu.WebMs)):0.0}), " +
                $"sharp {Median(rows.Select(r => r.Sharp.ThumbCpuMs!.Value)):0.0} ms (node process); median per-image ratio {MedianCpuRatio(rows, m => m.ThumbCpu)}.");
        }
        Line("Full pipeline split (medians over images): imaging host request " +
            $"{Median(rows.Select(r => r.Mosaic.FullHost.MedianMs)):0.0} ms + C# analysis {Median(rows.Select(r => r.Mosaic.FullAnalysis.MedianMs)):0.00} ms; " +
            $"{Median(rows.Select(r => (double)r.Mosaic.Variants)):0} variants per image.");
        Line();
        Goal("thumbnail", "Mosaic thumb / sharp thumb", thumbRatios, rows, ThumbGoal, "<=");
        Goal("full pipeline", "Mosaic full / sharp thumb", fullRatios, rows, FullGoal, "<");
        Line($"  the same on each side's fastest run (least disturbed by other work on the machine): thumbnail median ratio " +
            $"{Median(rows.Select(r => r.Mosaic.Thumb.MinMs / r.Sharp.Thumb.MinMs)):0.00}x, full pipeline {Median(rows.Select(r => r.Mosaic.Full.MinMs / r.Sharp.Thumb.MinMs)):0.00}x; " +
            $"by format, thumbnail median ratio: JPEG {Median(rows.Where(r => r.Mosaic.Format == "Jpeg").Select(r => r.Mosaic.Thumb.MedianMs / r.Sharp.Thumb.MedianMs)):0.00}x, " +
            $"PNG {Median(rows.Where(r => r.Mosaic.Format == "Png").Select(r => r.Mosaic.Thumb.MedianMs / r.Sharp.Thumb.MedianMs)):0.00}x.");
        Line();
        if (mosaic.Experiments.Count > 0)
        {
            PrintExperiments(mosaic, rows);
        }

        Line("Setup");
        Line($"  machine: {mosaic.ProcessorCount} cores; {rows.Count} images ({string.Join(", ", rows.GroupBy(r => r.Mosaic.Format).Select(g => $"{g.Count()} {g.Key}"))}), sequential, one image at a time in both.");
        Line($"  mosaic: {mosaic.Runtime}; libvips {mosaic.HostLibvips ?? "?"}{(mosaic.Diagnostics is { } dv ? $" ({dv.LibvipsVersion})" : "")}; " +
            $"one imaging host process, vips concurrency {mosaic.HostVipsConcurrency} ({mosaic.HostVipsConcurrencyRule}), operation cache off; " +
            $"host start + first request {mosaic.HostStartMs:0} ms (not counted).");
        var v = sharp.Versions;
        Line($"  sharp {Get(v, "sharp")}: bundled libvips {Get(v, "vips")}, libwebp {Get(v, "webp")}, mozjpeg {Get(v, "mozjpeg")}, libpng {Get(v, "png")}, highway {Get(v, "highway")}; " +
            $"sharp.concurrency() = {sharp.Concurrency} (libvips threads per image), UV_THREADPOOL_SIZE {sharp.UvThreadpoolSize}, SIMD {(sharp.Simd ? "on" : "off")}, cache {(sharp.Cache ? "on" : "off")}.");
        if (mosaic.HostMemory is { } memory)
        {
            Line($"  peak memory of the imaging host (pid {memory.Pid}, VmHWM): {Mb(memory.VmHwmKbAfterThumbs)} after the thumbnail runs, " +
                $"{Mb(memory.VmHwmKbAfterFull)} after the full pipeline; VmRSS at the end {Mb(memory.VmRssKbAtEnd)}; {memory.Threads} threads.");
        }
        else
        {
            Line("  peak memory of the imaging host: not found (no child process with 'imaging-host' in its command line).");
        }
        Line($"  for comparison: bench process (web side) peak {Mb(mosaic.BenchMaxRssKb)}; node + sharp process peak {Mb(sharp.MaxRssKb)}.");

        if (mosaic.Diagnostics is { } d)
        {
            PrintDiagnostics(mosaic, sharp, d, rows);
        }
        return 0;
    }

    private static void PrintExperiments(MosaicResults mosaic, List<(MosaicImage Mosaic, SharpImage Sharp)> rows)
    {
        Line("Other imaging hosts, measured in the same rounds (median ms; the same Mosaic code and requests, other environment):");
        foreach (var e in mosaic.Experiments)
        {
            Line($"  {e.Name}: {string.Join(" ", e.Environment.Select(kv => $"{kv.Key}={kv.Value}"))}; libvips mapped: {e.Libvips ?? "?"}" +
                (e.HostMemory is { } m ? $"; peak VmHWM {Mb(m.VmHwmKbAfterFull)}" : ""));
        }
        var names = mosaic.Experiments.Select(e => e.Name).ToList();
        var header = $"{"image",-40} {"sharp",7} | {"mosaic",7} " + string.Join(" ", names.Select(n => $"{Short(n),9}")) + $" | {"full",7} " + string.Join(" ", names.Select(n => $"{Short(n),9}"));
        Line(header);
        Line(new string('-', header.Length));
        var byName = mosaic.Experiments.ToDictionary(e => e.Name, e => e.Images.ToDictionary(i => i.File));
        foreach (var (m, s) in rows)
        {
            Line($"{Name(m.File),-40} {s.Thumb.MedianMs,7:0.0} | {m.Thumb.MedianMs,7:0.0} " + string.Join(" ", names.Select(n => $"{byName[n][m.File].Thumb.MedianMs,9:0.0}"))
                + $" | {m.Full.MedianMs,7:0.0} " + string.Join(" ", names.Select(n => $"{byName[n][m.File].Full.MedianMs,9:0.0}")));
        }
        Line(new string('-', header.Length));
        string Ratios(Func<MosaicImage, SharpImage, double> thumb) => $"{Median(rows.Select(r => thumb(r.Mosaic, r.Sharp) / r.Sharp.Thumb.MedianMs)),6:0.00}x";
        Line($"{"median ratio to sharp thumb",-40} {"",7} | {Ratios((m, _) => m.Thumb.MedianMs),7} " + string.Join(" ", names.Select(n => $"{Ratios((m, _) => byName[n][m.File].Thumb.MedianMs),9}"))
            + $" | {Ratios((m, _) => m.Full.MedianMs),7} " + string.Join(" ", names.Select(n => $"{Ratios((m, _) => byName[n][m.File].Full.MedianMs),9}")));
        Line($"{"sum",-40} {rows.Sum(r => r.Sharp.Thumb.MedianMs),7:0} | {rows.Sum(r => r.Mosaic.Thumb.MedianMs),7:0} " + string.Join(" ", names.Select(n => $"{rows.Sum(r => byName[n][r.Mosaic.File].Thumb.MedianMs),9:0}"))
            + $" | {rows.Sum(r => r.Mosaic.Full.MedianMs),7:0} " + string.Join(" ", names.Select(n => $"{rows.Sum(r => byName[n][r.Mosaic.File].Full.MedianMs),9:0}")));
        if (rows.All(r => r.Sharp.ThumbCpuMs is > 0))
        {
            string Cpu(Func<MosaicImage, CpuTime> f) => $"{Median(rows.Select(r => f(r.Mosaic).TotalMs / r.Sharp.ThumbCpuMs!.Value)),6:0.00}x";
            Line($"{"median CPU-time ratio to sharp thumb",-40} {"",7} | {Cpu(m => m.ThumbCpu),7} " + string.Join(" ", names.Select(n => $"{Cpu(m => byName[n][m.File].ThumbCpu),9}")));
        }
        foreach (var n in names)
        {
            var ratios = rows.Select(r => byName[n][r.Mosaic.File].Thumb.MedianMs / r.Sharp.Thumb.MedianMs).ToList();
            Goal($"thumbnail, as '{n}'", $"{n} thumb / sharp thumb", ratios, rows, ThumbGoal, "<=");
        }
        Line();
    }

    private static string CpuRatio(CpuTime mosaic, SharpImage sharp) =>
        sharp.ThumbCpuMs is { } s && s > 0 ? $"{mosaic.TotalMs / s:0.00}x" : "-";

    private static string MedianCpuRatio(List<(MosaicImage Mosaic, SharpImage Sharp)> rows, Func<MosaicImage, CpuTime> cpu) =>
        rows.All(r => r.Sharp.ThumbCpuMs is > 0) ? $"{Median(rows.Select(r => cpu(r.Mosaic).TotalMs / r.Sharp.ThumbCpuMs!.Value)):0.00}x" : "-";

    private static string Short(string name) => name.Length <= 9 ? name : name[..9];

    private static void PrintDiagnostics(MosaicResults mosaic, SharpResults sharp, DiagnosticsResults d, List<(MosaicImage Mosaic, SharpImage Sharp)> rows)
    {
        Line();
        Line("Diagnostics: where Mosaic's thumbnail time goes (medians, ms; the first six columns come from the same rounds, alternating, so they compare)");
        Line($"  host = the thumbnail request through an imaging host; direct = Mosaic's libvips calls (Debian libvips {d.LibvipsVersion}) in the bench process, no host, " +
            $"c2/c1 = vips concurrency {mosaic.HostVipsConcurrency}/1; no icc = direct c2 without export_profile=srgb (none of these files has a profile); " +
            "fast = JPEG only: no icc + shrink-on-load by 8/4/2 as sharp does (libvips' thumbnail keeps a factor of two, so it decodes 4x the pixels); " +
            "sharp = sharp's thumbnail, default concurrency. Then: probe rtt = a header-only request through the host (the protocol's floor); " +
            "dec+rsz / webp = direct c2 split in two; sharp's own split and its thumbnail at the other concurrency (measured after, not interleaved).");
        var sharpDiag = sharp.Diagnostics?.Images.ToDictionary(i => i.File) ?? [];
        var other = sharp.Diagnostics?.OtherConcurrency ?? 0;
        var header = $"{"image",-40} {"host",6} {"dir c2",6} {"dir c1",6} {"no icc",6} {"fast",6} {"sharp",6} | {"probe",6} {"dec+rsz",7} {"webp",5} | {$"sharp c{other}",8} {"dec+rsz",7} {"webp",5}";
        Line(header);
        Line(new string('-', header.Length));
        var byFile = d.Images.ToDictionary(i => i.File);
        var diagRows = rows.Where(r => byFile.ContainsKey(r.Mosaic.File)).Select(r => (r.Mosaic, X: byFile[r.Mosaic.File], S: sharpDiag.GetValueOrDefault(r.Mosaic.File))).ToList();
        foreach (var (m, x, sd) in diagRows)
        {
            Line($"{Name(m.File),-40} {x.HostThumbMs,6:0.0} {x.DirectThumbC2Ms,6:0.0} {x.DirectThumbC1Ms,6:0.0} {x.NoExportProfileMs,6:0.0} {Opt(x.FastShrinkMs),6} {Opt(x.SharpThumbMs),6} | {x.ProbeRoundTripMs,6:0.00} {x.DecodeResizeMs,7:0.0} {x.EncodeWebpMs,5:0.0} | {Opt(sd?.ThumbOtherConcurrencyMs),8} {Opt(sd?.DecodeResizeMs),7} {Opt(sd?.EncodeWebpMs),5}");
        }
        Line(new string('-', header.Length));
        double SumD(Func<DirectImage, double> f) => diagRows.Sum(r => f(r.X));
        double SumS(Func<SharpDiagnosticImage, double?> f) => diagRows.Sum(r => r.S is { } sd ? f(sd) ?? 0 : 0);
        Line($"{"sum",-40} {SumD(x => x.HostThumbMs),6:0} {SumD(x => x.DirectThumbC2Ms),6:0} {SumD(x => x.DirectThumbC1Ms),6:0} {SumD(x => x.NoExportProfileMs),6:0} {SumD(x => x.FastShrinkMs ?? x.NoExportProfileMs),6:0} {SumD(x => x.SharpThumbMs ?? 0),6:0} | {SumD(x => x.ProbeRoundTripMs),6:0.0} {SumD(x => x.DecodeResizeMs),7:0} {SumD(x => x.EncodeWebpMs),5:0} | {SumS(x => x.ThumbOtherConcurrencyMs),8:0} {SumS(x => x.DecodeResizeMs),7:0} {SumS(x => x.EncodeWebpMs),5:0}");
        if (diagRows.All(r => r.X.SharpThumbMs is > 0))
        {
            string R(Func<DirectImage, double> f, string? format = null) =>
                $"{Median(diagRows.Where(r => format is null || r.Mosaic.Format == format).Select(r => f(r.X) / r.X.SharpThumbMs!.Value)):0.00}x";
            Line($"  median ratio to sharp (same rounds): host {R(x => x.HostThumbMs)}, direct c2 {R(x => x.DirectThumbC2Ms)}, direct c1 {R(x => x.DirectThumbC1Ms)}, " +
                $"no icc {R(x => x.NoExportProfileMs)}, no icc + fast JPEG shrink {R(x => x.FastShrinkMs ?? x.NoExportProfileMs)}");
            Line($"    JPEG only: host {R(x => x.HostThumbMs, "Jpeg")}, direct c2 {R(x => x.DirectThumbC2Ms, "Jpeg")}, no icc {R(x => x.NoExportProfileMs, "Jpeg")}, fast {R(x => x.FastShrinkMs ?? 0, "Jpeg")}; " +
                $"PNG only: host {R(x => x.HostThumbMs, "Png")}, direct c2 {R(x => x.DirectThumbC2Ms, "Png")}, no icc {R(x => x.NoExportProfileMs, "Png")}");
        }
        Line($"  imaging host + protocol (host − direct c2, same rounds): median {Median(diagRows.Select(r => r.X.HostThumbMs - r.X.DirectThumbC2Ms)):0.0} ms per image; " +
            $"header-only round trip median {Median(diagRows.Select(r => r.X.ProbeRoundTripMs)):0.00} ms, largest {diagRows.Max(r => r.X.ProbeRoundTripMs):0.0} ms ({Name(diagRows.MaxBy(r => r.X.ProbeRoundTripMs).Mosaic.File)}).");
        Line();
        Line($"Diagnostics: where Mosaic's full-pipeline time goes (ImagingOperations.Process replayed step by step with direct libvips calls, concurrency {mosaic.HostVipsConcurrency}; sums of medians over {d.Images.Count} images)");
        var total = d.FullPipelineSteps.Sum(p => p.SumMedianMs);
        var improvedTotal = d.FullPipelineSteps.Sum(p => p.ImprovedSumMedianMs);
        Line($"    {"step",-44} {"as Mosaic does it",20} {"no export_profile, same-size reuse",36}");
        foreach (var step in d.FullPipelineSteps)
        {
            Line($"    {step.Step,-44} {step.SumMedianMs,9:0} ms {100 * step.SumMedianMs / total,5:0}%   {step.ImprovedSumMedianMs,9:0} ms");
        }
        Line($"    {"total (direct)",-44} {total,9:0} ms         {improvedTotal,9:0} ms ({100 * (improvedTotal - total) / total:+0;-0}%); Mosaic's full pipeline through the host: {rows.Sum(r => r.Mosaic.Full.MedianMs):0} ms");
        if (sharpDiag.Count > 0 && sharpDiag.Values.All(x => x.VariantsMs is not null))
        {
            var sharpVariants = rows.Sum(r => sharpDiag.TryGetValue(r.Mosaic.File, out var x) ? x.VariantsMs ?? 0 : 0);
            Line($"  sharp doing the same variant set (one pipeline per output, sequential, + 256 px raw pixels): {sharpVariants:0} ms in all, " +
                $"median {Median(rows.Where(r => sharpDiag.ContainsKey(r.Mosaic.File)).Select(r => sharpDiag[r.Mosaic.File].VariantsMs!.Value / r.Sharp.Thumb.MedianMs)):0.0}x its own thumbnail per image " +
                $"(Mosaic: {Median(rows.Select(r => r.Mosaic.Full.MedianMs / r.Sharp.Thumb.MedianMs)):0.0}x).");
        }
        Line();
        Line("  WebP encode of the corpus' 360 px thumbnails with Debian's libvips (sum of medians, total bytes):");
        foreach (var w in d.WebpSettings)
        {
            Line($"    {w.Suffix,-38} {w.SumMedianMs,8:0.0} ms {w.SumBytes / 1024.0,8:0} KB");
        }
    }

    private static void Goal(string what, string ratioName, List<double> ratios, List<(MosaicImage Mosaic, SharpImage Sharp)> rows, double goal, string op)
    {
        var median = Median(ratios);
        var pass = op == "<=" ? median <= goal : median < goal;
        var within = ratios.Count(r => op == "<=" ? r <= goal : r < goal);
        var worst = ratios.Select((r, i) => (r, i)).MaxBy(p => p.r);
        Line($"goal {what}: {ratioName} {op} {goal:0.00}x per image -> {(pass ? "PASS" : "FAIL")}: median ratio {median:0.00}x; " +
            $"{within} of {ratios.Count} images within; range {ratios.Min():0.00}x–{ratios.Max():0.00}x (worst {Name(rows[worst.i].Mosaic.File)}).");
    }

    private static string Get(Dictionary<string, string> versions, string key) => versions.GetValueOrDefault(key, "?");

    private static string Opt(double? ms) => ms is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-";

    private static string Cell(Timing t) => $"{t.MedianMs:0.0} / {t.P90Ms:0.0}";

    private static string Name(string file)
    {
        var name = $"{Path.GetFileName(Path.GetDirectoryName(file))}/{Path.GetFileName(file)}";
        return name.Length <= 40 ? name : name[..39] + "…";
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1048576.0:0.0} MB" : $"{bytes / 1024.0:0} KB";

    private static string Mb(long kb) => $"{kb / 1024.0:0} MB";

    private static double Median(IEnumerable<double> values) => Timing.Of([.. values]).MedianMs;

    private static void Line(string text = "") => Console.WriteLine(text);
}
