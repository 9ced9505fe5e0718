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
