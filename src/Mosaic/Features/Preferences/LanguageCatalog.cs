using System.Globalization;

namespace Mosaic.Features.Preferences;

/// <summary>
/// The languages the interface is available in: English, built into the binary, and every culture that has a
/// satellite assembly (<c>fr/mosaic.resources.dll</c>, built from <c>Resources/*.fr.resx</c>) beside it. Adding a
/// language is adding resource files; no list in the code needs to change.
/// </summary>
public sealed class LanguageCatalog
{
    public const string Default = "en";

    public LanguageCatalog()
        : this(Discover(AppContext.BaseDirectory, typeof(LanguageCatalog).Assembly.GetName().Name!))
    {
    }

    public LanguageCatalog(IEnumerable<string> codes)
    {
        var cultures = new List<CultureInfo> { CultureInfo.GetCultureInfo(Default) };
        foreach (var code in codes)
        {
            if (TryCulture(code) is { } culture && cultures.All(c => c.Name != culture.Name))
            {
                cultures.Add(culture);
            }
        }
        Cultures = [.. cultures.OrderBy(c => c.Name != Default).ThenBy(c => c.Name, StringComparer.Ordinal)];
    }

    public IReadOnlyList<CultureInfo> Cultures { get; }

    /// <summary>The catalog's spelling of a language code (<c>EN</c> → <c>en</c>), or null when it is not offered.</summary>
    public string? Find(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : Cultures.FirstOrDefault(c => string.Equals(c.Name, code.Trim(), StringComparison.OrdinalIgnoreCase))?.Name;

    private static IEnumerable<string> Discover(string folder, string assemblyName)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }
        return Directory.EnumerateDirectories(folder)
            .Where(d => File.Exists(Path.Combine(d, assemblyName + ".resources.dll")))
            .Select(Path.GetFileName)
            .OfType<string>();
    }

    private static CultureInfo? TryCulture(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.Equals(CultureInfo.InvariantCulture) ? null : culture;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
