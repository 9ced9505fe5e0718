using System.Globalization;
using System.Text.Json;

namespace Mosaic.Bench;

/// <summary>
/// Mosaic's side of the thumbnail benchmark (see bench/README.md).
/// <code>
/// Mosaic.Bench measure --list FILES.txt [--warmup 2] [--runs 9] [--full-runs 9] [--out mosaic.json]
///                      [--sharp thumb.mjs --sharp-out sharp.json] [--host NAME:KEY=VALUE[,KEY=VALUE]]... [--diagnose]
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
        Console.Error.WriteLine("usage: Mosaic.Bench measure --list FILES.txt [--warmup N] [--runs N] [--full-runs N] [--out FILE.json]");
        Console.Error.WriteLine("                             [--sharp thumb.mjs --sharp-out SHARP.json] [--host NAME:KEY=VALUE[,KEY=VALUE]]... [--diagnose]");
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
        await using var sharp = options.SharpScript is { } script ? SharpServer.Start(script, options) : null;
        var results = await MosaicRuns.RunAsync(files, options, sharp);
        if (options.Diagnose)
        {
            results = results with { Diagnostics = await Diagnostics.RunAsync(files, options, sharp) };
        }
        if (sharp is not null)
        {
            await sharp.FinishAsync();
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

/// <summary>An extra imaging host started with other environment variables, measured beside the default one.</summary>
internal sealed record HostVariant(string Name, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary><c>NAME:KEY=VALUE[,KEY=VALUE…]</c>, for example <c>c1:DOTNET_PROCESSOR_COUNT=1</c>.</summary>
    public static HostVariant Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1)
        {
            throw new ArgumentException($"--host wants NAME:KEY=VALUE[,KEY=VALUE], not '{text}'.");
        }
        var environment = new Dictionary<string, string>();
        foreach (var pair in text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1)
            {
                throw new ArgumentException($"--host wants KEY=VALUE pairs, not '{pair}'.");
            }
            environment[pair[..equals]] = pair[(equals + 1)..];
        }
        return new HostVariant(text[..colon], environment);
    }
}

internal sealed record Options(
    string List,
    int Warmup,
    int Runs,
    int FullRuns,
    string? Out,
    bool Diagnose,
    string? SharpScript,
    string? SharpOut,
    IReadOnlyList<HostVariant> Hosts)
{
    public static Options Parse(string[] args)
    {
        string? list = null, output = null, sharpScript = null, sharpOut = null;
        int warmup = 2, runs = 9;
        int? fullRuns = null;
        var diagnose = false;
        var hosts = new List<HostVariant>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--list": list = Next(); break;
                case "--out": output = Next(); break;
                case "--warmup": warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--full-runs": fullRuns = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--diagnose": diagnose = true; break;
                case "--sharp": sharpScript = Next(); break;
                case "--sharp-out": sharpOut = Next(); break;
                case "--host": hosts.Add(HostVariant.Parse(Next())); break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        if (runs < 1 || warmup < 0 || fullRuns < 1)
        {
            throw new ArgumentException("--runs and --full-runs must be at least 1 and --warmup at least 0.");
        }
        if ((sharpScript is null) != (sharpOut is null))
        {
            throw new ArgumentException("--sharp and --sharp-out go together.");
        }
        return new Options(list ?? throw new ArgumentException("--list is required."), warmup, runs, fullRuns ?? runs, output, diagnose,
            sharpScript, sharpOut, hosts);
    }
}
