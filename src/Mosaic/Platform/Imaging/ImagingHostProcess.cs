namespace Mosaic.Platform.Imaging;

/// <summary>
/// The child side: <c>mosaic imaging-host</c> initialises libvips with untrusted loaders blocked and serves requests
/// from stdin to stdout until stdin closes. Logs go to stderr; stdout carries only protocol frames.
/// </summary>
internal static class ImagingHostProcess
{
    public const string TestOperationsVariable = "MOSAIC_IMAGING_TEST_OPERATIONS";

    public static async Task<int> RunAsync(CancellationToken ct)
    {
        Environment.SetEnvironmentVariable("VIPS_BLOCK_UNTRUSTED", "1");
        if (VipsNative.vips_init("mosaic-imaging-host") != 0)
        {
            await Console.Error.WriteLineAsync("imaging-host: libvips failed to start: " + VipsNative.LastError());
            return 1;
        }
        VipsNative.vips_block_untrusted_set(1);
        // Every request is a different file: caching operations only holds memory.
        VipsNative.vips_cache_set_max(0);
        VipsNative.vips_concurrency_set(Math.Clamp(Environment.ProcessorCount, 1, 4));
        var testOperations = Environment.GetEnvironmentVariable(TestOperationsVariable) == "1";

        await using var input = Console.OpenStandardInput();
        await using var output = Console.OpenStandardOutput();
        while (!ct.IsCancellationRequested)
        {
            var request = await ImagingProtocol.ReadRequestAsync(input, ct);
            if (request is null)
            {
                return 0;
            }
            var (header, bytes) = request.Value;
            if (testOperations && header.Operation.StartsWith("test.", StringComparison.Ordinal))
            {
                RunTestOperation(header.Operation);
            }
            try
            {
                var result = ImagingOperations.Run(header, bytes);
                await ImagingProtocol.WriteReplyAsync(output, result, null, ct);
            }
            catch (ImagingException ex)
            {
                await ImagingProtocol.WriteReplyAsync(output, null, ex, ct);
            }
        }
        return 0;
    }

    /// <summary>Simulated failures for the supervision tests: a decode that never returns, one that kills the process, one that eats memory.</summary>
    private static void RunTestOperation(string operation)
    {
        switch (operation)
        {
            case "test.hang":
                Thread.Sleep(Timeout.Infinite);
                break;
            case "test.crash":
                Environment.FailFast("imaging-host: simulated crash");
                break;
            case "test.memory":
                // Native, like libvips' own buffers: outside the managed heap's limit, seen only by the supervisor.
                while (true)
                {
                    unsafe
                    {
                        const int block = 64 * 1024 * 1024;
                        var memory = System.Runtime.InteropServices.NativeMemory.Alloc(block);
                        new Span<byte>(memory, block).Fill(1);
                    }
                }
        }
    }
}
