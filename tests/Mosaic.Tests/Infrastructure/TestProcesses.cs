using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mosaic.Tests.Infrastructure;

/// <summary>Starting the scripts that run real servers for the tests, on free loopback ports.</summary>
public static class TestProcesses
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a script to completion and returns its standard output; a non-zero exit throws with its standard error.</summary>
    public static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed: {error.Result}");
        }
        return output;
    }
}
