using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Platform.Data;
using Mosaic.Platform.Imaging;

namespace Mosaic.Features.Posts;

/// <summary>
/// <c>mosaic seed --demo N</c>: demo people and N posts from real pictures on this machine (Debian's
/// mate-backgrounds wallpapers by default), uploaded through the same path as any upload. When N exceeds the
/// pictures found, edited copies (flipped, tinted, pixelated…) make up the rest — and show the near-duplicate flags.
/// </summary>
public sealed partial class DemoSeeder(MosaicDbContext db, AccountService accounts, UploadService uploads, ImagingHost imaging, ILogger<DemoSeeder> logger)
{
    public static readonly string[] DefaultFolders = ["/usr/share/backgrounds/mate", "/usr/share/backgrounds"];

    private static readonly string[] People = ["ada", "grace", "hedy", "katherine", "margaret", "radia"];
    private static readonly string[] Edits = ["sepia", "grayscale", "contrast", "posterize", "flip-horizontal", "pixelate", "invert"];

    public async Task<int> SeedAsync(int count, IReadOnlyList<string> folders, CancellationToken ct)
    {
        var files = folders.Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png" or ".webp")
            .Where(f => new FileInfo(f).Length is > 10_000 and < 12_000_000)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"No pictures found in {string.Join(", ", folders)}; install Debian's mate-backgrounds or pass --images.");
        }

        var users = new List<User>();
        foreach (var name in People)
        {
            var username = $"demo-{name}";
            var user = await db.Set<User>().FirstOrDefaultAsync(u => u.UserName == username, ct);
            if (user is null)
            {
                var registration = await accounts.RegisterAsync(username, $"{username}@demo.invalid", $"demo-{Guid.NewGuid():N}");
                user = registration.User ?? throw new InvalidOperationException(string.Join(" ", registration.Errors.SelectMany(e => e.Value)));
            }
            users.Add(user);
        }

        var created = 0;
        for (var i = 0; created < count && i < count * 3; i++)
        {
            var file = files[i % files.Count];
            var bytes = await File.ReadAllBytesAsync(file, ct);
            var edit = i >= files.Count ? Edits[(i / files.Count - 1) % Edits.Length] : null;
            if (edit is not null)
            {
                bytes = await EditAsync(bytes, edit, ct);
                if (bytes.Length == 0)
                {
                    continue;
                }
            }
            var (title, tags) = Describe(file, edit);
            using var stream = new MemoryStream(bytes);
            var form = new FormFile(stream, 0, bytes.Length, "file", Path.GetFileName(file));
            var rating = i % 11 == 10 ? "questionable" : "safe";
            var outcome = await uploads.UploadAsync(users[i % users.Count].Id, form, new PostFields(title, $"From *{Path.GetFileName(Path.GetDirectoryName(file))}*, a demo post.", tags, rating), ct);
            if (outcome.Accepted)
            {
                created++;
            }
            else
            {
                Skipped(logger, file, outcome.Title ?? "refused");
            }
        }
        return created;
    }

    private async Task<byte[]> EditAsync(byte[] bytes, string edit, CancellationToken ct)
    {
        if (ImageFormats.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, ImageFormats.SniffLength))) is not { } format)
        {
            return [];
        }
        var amount = edit switch { "posterize" => 5, "pixelate" => 10, "contrast" => 1.4, _ => 0 };
        try
        {
            var result = await imaging.RunAsync(new ImagingRequest("convert", format, imaging.Limits, Conversion: new ConversionSpec(edit, amount)), bytes, ct);
            return result.Output("result").Bytes;
        }
        catch (ImagingException)
        {
            return [];
        }
    }

    /// <summary>"Ubuntu-Mate-Cold-no-logo.png" in nature/ becomes "Ubuntu Mate Cold No Logo" tagged <c>nature wallpaper</c>.</summary>
    private static (string Title, string Tags) Describe(string file, string? edit)
    {
        var words = Words().Split(Path.GetFileNameWithoutExtension(file))
            .Where(w => w.Length > 0 && !w.All(char.IsDigit) && !Dimensions().IsMatch(w))
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..])
            .ToList();
        var folder = Path.GetFileName(Path.GetDirectoryName(file))?.ToLowerInvariant() ?? "";
        var tags = new List<string> { "wallpaper", "demo" };
        if (folder.Length > 0 && folder is not ("mate" or "backgrounds"))
        {
            tags.Add(folder);
        }
        tags.AddRange(words.Where(w => w.Length > 3).Take(3).Select(w => w.ToLowerInvariant()));
        if (edit is not null)
        {
            tags.Add("edited");
        }
        var title = string.Join(' ', words) + (edit is null ? "" : $" ({edit.Replace('-', ' ')})");
        return (title.Length > Post.TitleMaxLength ? title[..Post.TitleMaxLength] : title, string.Join(' ', tags.Distinct()));
    }

    [GeneratedRegex(@"^\d+x\d+$")]
    private static partial Regex Dimensions();

    [GeneratedRegex(@"[-_ .]+|(?<=[a-z])(?=[A-Z])")]
    private static partial Regex Words();

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo seed skipped {File}: {Reason}")]
    private static partial void Skipped(ILogger logger, string file, string reason);
}
