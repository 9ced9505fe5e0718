using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Mosaic.Platform.Storage;

/// <summary>
/// The shape of object keys. A content-addressed key is the SHA-256 of the bytes in lowercase hex, fanned out over two
/// folder levels so no folder grows huge: <c>ab/cd/abcd…(64 hex).webp</c>. Any key a store accepts is a relative
/// path of <c>a-z 0-9 / . _ -</c> whose segments neither are empty nor start with a dot, so it can never climb out of
/// the store's root nor collide with the stores' own hidden temporary files.
/// </summary>
public static partial class ObjectKeys
{
    /// <summary>S3's own limit on key length.</summary>
    public const int MaxLength = 1024;

    private static readonly SearchValues<char> KeyChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789/._-");

    /// <summary>The key for bytes whose SHA-256 is <paramref name="sha256Hex"/>, stored as a <paramref name="extension"/> file (without the dot).</summary>
    public static string ContentAddressed(string sha256Hex, string extension)
    {
        ArgumentNullException.ThrowIfNull(sha256Hex);
        ArgumentNullException.ThrowIfNull(extension);
        var hash = sha256Hex.ToLowerInvariant();
        var ext = extension.TrimStart('.').ToLowerInvariant();
        if (!Sha256Hex().IsMatch(hash))
        {
            throw new ArgumentException($"'{sha256Hex}' is not a SHA-256 in hex.", nameof(sha256Hex));
        }
        if (!Extension().IsMatch(ext))
        {
            throw new ArgumentException($"'{extension}' is not a file extension of 1 to 8 letters and digits.", nameof(extension));
        }
        return $"{hash[..2]}/{hash[2..4]}/{hash}.{ext}";
    }

    /// <summary>The key for <paramref name="sha256"/>, the raw 32-byte hash of the content.</summary>
    public static string ContentAddressed(ReadOnlySpan<byte> sha256, string extension) =>
        sha256.Length == 32
            ? ContentAddressed(Convert.ToHexStringLower(sha256), extension)
            : throw new ArgumentException("A SHA-256 hash is 32 bytes.", nameof(sha256));

    /// <summary>True for a key any store accepts (see the type's summary).</summary>
    public static bool IsValid([NotNullWhen(true)] string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || key.AsSpan().ContainsAnyExcept(KeyChars))
        {
            return false;
        }
        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment[0] == '.')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True for a key of exactly the shape <see cref="ContentAddressed(string, string)"/> makes, fan-out folders matching the hash.</summary>
    public static bool IsContentAddressed([NotNullWhen(true)] string? key)
    {
        if (key is null)
        {
            return false;
        }
        var match = ContentAddressedKey().Match(key);
        return match.Success && match.Groups["a"].Value == match.Groups["hash"].Value[..2] && match.Groups["b"].Value == match.Groups["hash"].Value[2..4];
    }

    /// <summary>The SHA-256 hex of a content-addressed key.</summary>
    public static string HashOf(string contentAddressedKey) =>
        IsContentAddressed(contentAddressedKey)
            ? ContentAddressedKey().Match(contentAddressedKey).Groups["hash"].Value
            : throw new ArgumentException($"'{contentAddressedKey}' is not a content-addressed key.", nameof(contentAddressedKey));

    /// <summary>The key's extension without the dot, lowercase; empty when its last segment has none.</summary>
    public static string ExtensionOf(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot < 0 ? "" : name[(dot + 1)..];
    }

    /// <summary>Throws unless <paramref name="key"/> is valid, so a bad key never reaches a path or a request.</summary>
    public static void EnsureValid(string key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException($"'{key}' is not a valid object key: use relative paths of a-z 0-9 / . _ - whose segments do not start with a dot.", nameof(key));
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^[a-z0-9]{1,8}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Extension();

    [GeneratedRegex("^(?<a>[0-9a-f]{2})/(?<b>[0-9a-f]{2})/(?<hash>[0-9a-f]{64})\\.[a-z0-9]{1,8}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ContentAddressedKey();
}
