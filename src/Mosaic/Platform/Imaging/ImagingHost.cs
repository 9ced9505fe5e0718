using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Mosaic.Platform.Imaging;

/// <summary>
/// Supervises the imaging host processes: hands each request to an idle one, enforces the per-operation timeout and
/// the memory limit, and replaces a process that hangs, crashes or grows too large. Callers see an
/// <see cref="ImagingException"/> with <see cref="ImagingFailure.HostFailed"/>; the web server never decodes an image itself.
/// </summary>
public sealed partial class ImagingHost : IAsyncDisposable
{
    private readonly ImagingOptions options;
    private readonly ILogger<ImagingHost> logger;
    private readonly Channel<Worker> idle;
    private readonly List<Worker> workers = [];
    private int restarts;

    public ImagingHost(IOptions<ImagingOptions> options, ILogger<ImagingHost> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        idle = Channel.CreateUnbounded<Worker>();
        for (var i = 0; i < this.options.Workers; i++)
        {
            var worker = new Worker(this);
            workers.Add(worker);
            idle.Writer.TryWrite(worker);
        }
    }

    /// <summary>How many times a host process was killed and replaced since start.</summary>
    public int Restarts => Volatile.Read(ref restarts);

    public ImagingLimits Limits => options.Limits;

    public async Task<ImagingResult> RunAsync(ImagingRequest request, ReadOnlyMemory<byte> input, CancellationToken ct)
    {
        var worker = await idle.Reader.ReadAsync(ct);
        try
        {
            return await worker.RunAsync(request, input, ct);
        }
        finally
        {
            idle.Writer.TryWrite(worker);
        }
    }

    public async ValueTask DisposeAsync()
    {
        idle.Writer.TryComplete();
        foreach (var worker in workers)
        {
            await worker.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Imaging host process {Pid} killed: {Reason}")]
    private partial void Killed(int pid, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Imaging host process {Pid} started")]
    private partial void Started(int pid);

    /// <summary>One child process, used by one request at a time.</summary>
    private sealed class Worker(ImagingHost host) : IAsyncDisposable
    {
        private Process? process;

        public async Task<ImagingResult> RunAsync(ImagingRequest request, ReadOnlyMemory<byte> input, CancellationToken ct)
        {
            var child = process is { HasExited: false } ? process : Start();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(host.options.OperationTimeout);
            using var watchdog = WatchMemory(child, timeout);
            try
            {
                await ImagingProtocol.WriteRequestAsync(child.StandardInput.BaseStream, request, input, timeout.Token);
                return await ImagingProtocol.ReadReplyAsync(child.StandardOutput.BaseStream, timeout.Token);
            }
            catch (ImagingException)
            {
                throw;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Kill(child, "the caller gave up");
                throw;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or EndOfStreamException or InvalidDataException or ObjectDisposedException)
            {
                var reason = watchdog.Exceeded ? $"it used more than {host.options.MemoryLimitMb} MB"
                    : timeout.IsCancellationRequested ? $"it took longer than {host.options.OperationTimeout.TotalSeconds:0} s"
                    : "it crashed";
                Kill(child, reason);
                throw new ImagingException(ImagingFailure.HostFailed, $"The image could not be processed: {reason}.");
            }
        }

        private Process Start()
        {
            var (file, prefix) = Command();
            var start = new ProcessStartInfo(file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = false,
                UseShellExecute = false,
            };
            foreach (var argument in prefix)
            {
                start.ArgumentList.Add(argument);
            }
            start.ArgumentList.Add("imaging-host");
            start.Environment["VIPS_BLOCK_UNTRUSTED"] = "1";
            start.Environment["DOTNET_gcServer"] = "0";
            // libvips' threads each grow a glibc arena; two arenas halve peak memory at the same speed (bench/README.md).
            start.Environment["MALLOC_ARENA_MAX"] = "2";
            start.Environment["DOTNET_GCHeapHardLimit"] = "0x10000000";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment[ImagingHostProcess.TestOperationsVariable] = host.options.EnableTestOperations ? "1" : "0";
            process = Process.Start(start) ?? throw new InvalidOperationException("The imaging host could not be started.");
            host.Started(process.Id);
            return process;
        }

        /// <summary>The same binary as this process: the apphost when there is one, otherwise <c>dotnet mosaic.dll</c>.</summary>
        private static (string File, string[] Prefix) Command()
        {
            var self = Environment.ProcessPath ?? "dotnet";
            var assembly = typeof(ImagingHost).Assembly.Location;
            return Path.GetFileNameWithoutExtension(self) == "mosaic" ? (self, []) : ("dotnet", [assembly]);
        }

        private void Kill(Process child, string reason)
        {
            Interlocked.Increment(ref host.restarts);
            host.Killed(child.Id, reason);
            try
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }
            child.Dispose();
            if (ReferenceEquals(process, child))
            {
                process = null;
            }
        }

        private MemoryWatch WatchMemory(Process child, CancellationTokenSource timeout) =>
            new(child.Id, (long)host.options.MemoryLimitMb * 1024 * 1024, timeout);

        public ValueTask DisposeAsync()
        {
            if (process is { } child)
            {
                try
                {
                    child.StandardInput.Close();
                    if (!child.WaitForExit(2000))
                    {
                        child.Kill(entireProcessTree: true);
                    }
                }
                catch (InvalidOperationException)
                {
                }
                child.Dispose();
                process = null;
            }
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Polls the child's resident set size while a request runs and cancels the request when it passes the limit.</summary>
    private sealed class MemoryWatch : IDisposable
    {
        private readonly Timer timer;
        private volatile bool exceeded;

        public MemoryWatch(int pid, long limitBytes, CancellationTokenSource cancel)
        {
            timer = new Timer(_ =>
            {
                if (ResidentBytes(pid) > limitBytes)
                {
                    exceeded = true;
                    cancel.Cancel();
                }
            }, null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        }

        public bool Exceeded => exceeded;

        public void Dispose() => timer.Dispose();

        private static long ResidentBytes(int pid)
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
                    }
                }
            }
            catch (IOException)
            {
            }
            return 0;
        }
    }
}
