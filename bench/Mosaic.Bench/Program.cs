using System.Globalization;
using System.Text.Json;

namespace Mosaic.Bench;

/// <summary>
/// Mosaic's side of the thumbnail benchmark (see bench/README.md).
/// <code>
/// Mosaic.Bench measure --list FILES.txt [--warmup 2] [--runs 9] [--out mosaic.json] [--diagnose]
/// Mosaic.Bench report mosaic.json sharp.json
/// </code>
/// </summary>
internal static class Program
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return args switch
            {
                ["measure", .. var rest] => await MeasureAsync(Options.Parse(rest)),
                ["report", var mosaic, var sharp] => Report.Print(
                    JsonSerializer.Deserialize<MosaicResults>(await File.ReadAllTextAsync(mosaic), Json)!,
                    JsonSerializer.Deserialize<SharpResults>(await File.ReadAllTextAsync(sharp), Json)!),
                _ => Usage(),
            };
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("Mosaic.Bench: " + ex.Message);
            return 2;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: Mosaic.Bench measure --list FILES.txt [--warmup N] [--runs N] [--out FILE.json] [--diagnose]");
        Console.Error.WriteLine("       Mosaic.Bench report MOSAIC.json SHARP.json");
        return 2;
    }

    private static async Task<int> MeasureAsync(Options options)
    {
        var files = (await File.ReadAllLinesAsync(options.List)).Where(l => l.Length > 0).ToList();
        if (files.Count == 0)
        {
            throw new ArgumentException($"{options.List} names no file.");
        }
        var results = await MosaicRuns.RunAsync(files, options);
        if (options.Diagnose)
        {
            results = results with { Diagnostics = await Diagnostics.RunAsync(files, options) };
        }
        var json = JsonSerializer.Serialize(results, Json);
        if (options.Out is { } path)
        {
            await File.WriteAllTextAsync(path, json);
        }
        else
        {
            Console.WriteLine(json);
        }
        return 0;
    }
}

internal sealed record Options(string List, int Warmup, int Runs, string? Out, bool Diagnose)
{
    public static Options Parse(string[] args)
    {
        string? list = null, output = null;
        int warmup = 2, runs = 9;
        var diagnose = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--list": list = Next(); break;
                case "--out": output = Next(); break;
                case "--warmup": warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--diagnose": diagnose = true; break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        if (runs < 1 || warmup < 0)
        {
            throw new ArgumentException("--runs must be at least 1 and --warmup at least 0.");
        }
        return new Options(list ?? throw new ArgumentException("--list is required."), warmup, runs, output, diagnose);
    }
}
