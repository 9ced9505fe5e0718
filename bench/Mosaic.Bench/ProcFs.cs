using System.Globalization;

namespace Mosaic.Bench;

/// <summary>Linux /proc readings: the imaging host's pid (ImagingHost does not expose it) and its memory figures.</summary>
internal static class ProcFs
{
    /// <summary>The direct children of <paramref name="parent"/> whose command line contains <paramref name="marker"/>.</summary>
    public static List<int> ChildrenWhoseCommandLineContains(int parent, string marker)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                if (StatusKb(pid, "PPid") != parent)
                {
                    continue;
                }
                var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                if (commandLine.Contains(marker, StringComparison.Ordinal))
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return children;
    }

    /// <summary>The first file mapped into <paramref name="pid"/> whose path contains <paramref name="marker"/>.</summary>
    public static string? MappedFile(int pid, string marker)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/maps"))
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && line.AsSpan(slash).Contains(marker, StringComparison.Ordinal))
            {
                return line[slash..];
            }
        }
        return null;
    }

    /// <summary>
    /// CPU time (user + system) of every thread the process has had, from /proc/PID/stat, in milliseconds. The kernel
    /// reports it in clock ticks (10 ms), so a short request's share is found from totals over many requests.
    /// </summary>
    public static double CpuMs(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000.0 / ClockTicksPerSecond;
    }

    private static readonly long ClockTicksPerSecond = Math.Max(1, Libc.sysconf(Libc.ScClkTck));

    /// <summary>A numeric field of /proc/PID/status (kB for the Vm* fields), 0 when absent.</summary>
    public static long StatusKb(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var value = line.AsSpan(field.Length + 1).Trim();
                var end = value.IndexOf(' ');
                return long.Parse(end < 0 ? value : value[..end], NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }
}

internal static partial class Libc
{
    public const int ScClkTck = 2;

    [System.Runtime.InteropServices.LibraryImport("libc")]
    public static partial long sysconf(int name);
}
