namespace Mosaic.Platform.Storage;

/// <summary>
/// Objects as files under a root folder, the key being the relative path. A put writes a hidden temporary file in the
/// key's own folder, flushes it to disk and renames it over the key: a rename within one folder is atomic, so the key
/// names a complete file or nothing, even after a crash. Temporary files start with a dot, which no key may, so
/// <see cref="ListAsync"/> never reports one and a sweeper can recognise leftovers.
/// </summary>
public sealed class FileSystemObjectStore(string root) : IObjectStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return;
        }
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                Options = FileOptions.Asynchronous,
            }))
            {
                await content.CopyToAsync(file, ct);
                await file.FlushAsync(ct);
                // On disk before the rename makes it visible: a crash must not leave the key naming an empty file.
                file.Flush(flushToDisk: true);
            }
            // Content-addressed: a writer that got there first wrote the same bytes, so replacing its file is harmless.
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            DeleteQuietly(temp);
        }
    }

    public Task<StoredObject?> OpenReadAsync(string key, ByteRange? range, CancellationToken ct)
    {
        var path = PathOf(key);
        FileStream file;
        try
        {
            // FileShare.Delete: a delete or a replacing rename while someone reads leaves the reader its old file.
            file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException
            || (ex is UnauthorizedAccessException && Directory.Exists(path)))
        {
            return Task.FromResult<StoredObject?>(null);
        }

        var length = file.Length;
        var lastModified = new DateTimeOffset(File.GetLastWriteTimeUtc(file.SafeFileHandle), TimeSpan.Zero);
        var contentType = ContentTypes.Of(key);
        if (range is null)
        {
            return Task.FromResult<StoredObject?>(new StoredObject(file, length, contentType, lastModified, null));
        }
        if (range.Value.Resolve(length) is not { } served)
        {
            file.Dispose();
            return Task.FromResult<StoredObject?>(new StoredObject(Stream.Null, length, contentType, lastModified, null) { RangeNotSatisfiable = true });
        }
        file.Seek(served.From!.Value, SeekOrigin.Begin);
        return Task.FromResult<StoredObject?>(new StoredObject(new ObjectStream(file, served.Count), length, contentType, lastModified, served));
    }

    public Task<ObjectInfo?> StatAsync(string key, CancellationToken ct)
    {
        var file = new FileInfo(PathOf(key));
        return Task.FromResult(file.Exists ? new ObjectInfo(key, file.Length, file.LastWriteTimeUtc) : null);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        try
        {
            // Empty fan-out folders stay: removing one could race a put that has just created it.
            if (!Directory.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<ObjectInfo> ListAsync(string prefix, CancellationToken ct) => List(prefix, ct).ToAsyncEnumerable();

    public Task<Uri?> GetPresignedUrlAsync(string key, TimeSpan lifetime, CancellationToken ct)
    {
        ObjectKeys.EnsureValid(key);
        return Task.FromResult<Uri?>(null);
    }

    /// <summary>
    /// Deletes temporary files that puts interrupted by a crash left behind, if last written before
    /// <paramref name="olderThan"/> (a put in progress keeps writing its file). Returns how many went.
    /// </summary>
    public int DeleteAbandonedTemporaryFiles(DateTimeOffset olderThan)
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }
        var deleted = 0;
        var walk = new DirectoryInfo(Root).EnumerateFiles(".*.tmp", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.None,
        });
        foreach (var file in walk)
        {
            if (file.LastWriteTimeUtc < olderThan.UtcDateTime && file.Exists)
            {
                DeleteQuietly(file.FullName);
                deleted++;
            }
        }
        return deleted;
    }

    private IEnumerable<ObjectInfo> List(string prefix, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        // A prefix no valid key can start with matches nothing; checking it also keeps "../" away from the walk.
        if (prefix.Length > 0 && !ObjectKeys.IsValid(prefix + "x"))
        {
            yield break;
        }
        // Only the folder the prefix names in full needs walking.
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? Root : Path.Combine(Root, prefix[..slash]);
        if (!Directory.Exists(start))
        {
            yield break;
        }
        var walk = new DirectoryInfo(start).EnumerateFiles("*", new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.None,
        });
        foreach (var file in walk)
        {
            ct.ThrowIfCancellationRequested();
            var key = Path.GetRelativePath(Root, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (key.StartsWith(prefix, StringComparison.Ordinal) && ObjectKeys.IsValid(key) && Describe(key, file) is { } info)
            {
                yield return info;
            }
        }
    }

    private static ObjectInfo? Describe(string key, FileInfo file)
    {
        try
        {
            return new ObjectInfo(key, file.Length, file.LastWriteTimeUtc);
        }
        catch (FileNotFoundException)
        {
            // Deleted while the walk went on.
            return null;
        }
    }

    private string PathOf(string key)
    {
        ObjectKeys.EnsureValid(key);
        return Path.Combine(Root, key);
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
