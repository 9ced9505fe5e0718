using System.Diagnostics;
using System.Text.Json;

namespace Mosaic.Bench;

/// <summary>
/// <c>node thumb.mjs --serve</c>: sharp's runs, one per request, so they interleave with Mosaic's and both sides see the
/// same machine. The time is sharp's own (measured in node around the sharp call), not this pipe's round trip.
/// </summary>
internal sealed class SharpServer : IAsyncDisposable
{
    private readonly Process node;

    private SharpServer(Process node) => this.node = node;

    public static SharpServer Start(string script, Options options)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(script)),
        };
        foreach (var argument in new[]
        {
            Path.GetFullPath(script), "--serve", "--warmup", options.Warmup.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--runs", options.Runs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", Path.GetFullPath(options.SharpOut!),
        })
        {
            start.ArgumentList.Add(argument);
        }
        return new SharpServer(Process.Start(start) ?? throw new InvalidOperationException("node could not be started."));
    }

    /// <summary>One run of <paramref name="op"/> (thumb, decode, encode, thumb-other, variants) on one file; its milliseconds.</summary>
    public async Task<double> RunAsync(string op, string file, bool count)
    {
        var reply = await AskAsync(JsonSerializer.Serialize(new { op, file, count }));
        return reply.GetProperty("ms").GetDouble();
    }

    /// <summary>Makes node write its results document (the same as its list mode's) to --sharp-out.</summary>
    public Task FinishAsync() => AskAsync("""{"op":"finish"}""");

    private async Task<JsonElement> AskAsync(string line)
    {
        await node.StandardInput.WriteLineAsync(line);
        await node.StandardInput.FlushAsync();
        var answer = await node.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("node (sharp) exited.");
        var reply = JsonDocument.Parse(answer).RootElement;
        return reply.TryGetProperty("error", out var error) ? throw new InvalidOperationException("sharp: " + error.GetString()) : reply;
    }

    public async ValueTask DisposeAsync()
    {
        node.StandardInput.Close();
        await node.WaitForExitAsync();
        node.Dispose();
    }
}
