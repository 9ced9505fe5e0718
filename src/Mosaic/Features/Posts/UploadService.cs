using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Features.Accounts;
using Mosaic.Features.Tags;
using Mosaic.Platform.Data;
using Mosaic.Platform.Imaging;
using Mosaic.Platform.Jobs;
using Mosaic.Platform.Storage;

namespace Mosaic.Features.Posts;

/// <summary>What an uploader sends besides the file.</summary>
public sealed record PostFields(string? Title, string? Description, string? Tags, string? Rating);

/// <summary>The outcome of an upload: accepted for processing, or refused with the status and reasons to show.</summary>
public sealed record UploadOutcome(Post? Post, int Status, string? Title, FieldErrors Errors, long? ExistingPostId = null)
{
    public bool Accepted => Post is not null;

    public static UploadOutcome Refused(int status, string field, string message) =>
        new(null, status, message, new FieldErrors { { field, [message] } });
}

/// <summary>
/// Takes an upload from the API or the HTML form: validates fields and file (size, sniffed type, header limits and a
/// validating decode in the imaging host) before anything is stored, keeps the original privately, and creates the
/// post together with its processing job in one transaction. A refused upload leaves no row and no file behind.
/// </summary>
public sealed class UploadService(
    MosaicDbContext db,
    TagService tags,
    JobQueue jobs,
    IObjectStore store,
    ImageIntake intake,
    IOptions<PostsOptions> postsOptions,
    TimeProvider clock)
{
    public const string ProcessJob = "posts.process";

    public async Task<UploadOutcome> UploadAsync(Guid userId, IFormFile? file, PostFields fields, CancellationToken ct)
    {
        var errors = ValidateFields(fields, out var rating, out var tagInputs);
        if (errors.Count > 0)
        {
            return new UploadOutcome(null, StatusCodes.Status400BadRequest, "The upload has problems; see errors.", errors);
        }
        var (image, refusal) = await intake.ReceiveAsync(file, ct);
        if (refusal is not null)
        {
            return UploadOutcome.Refused(refusal.Status, "file", refusal.Message);
        }
        var (bytes, format, sha, probe) = (image!.Bytes, image.Format, image.Sha256, image.Probe);
        if (await FindLiveAsync(sha, ct) is { } existing)
        {
            return Duplicate(existing);
        }

        var key = OriginalKey(sha, format);
        using (var content = new MemoryStream(bytes, writable: false))
        {
            await store.PutAsync(key, content, format.ContentType(), ct);
        }
        try
        {
            var tagRows = await tags.EnsureForPeopleAsync(tagInputs, ct);
            var now = clock.GetUtcNow();
            var post = new Post
            {
                UserId = userId,
                Title = fields.Title?.Trim() ?? "",
                Description = fields.Description?.Trim() ?? "",
                Rating = rating,
                Status = PostStatus.Processing,
                Sha256 = sha,
                OriginalKey = key,
                OriginalContentType = format.ContentType(),
                OriginalBytes = bytes.Length,
                Width = probe.Orientation is >= 5 and <= 8 ? probe.Height : probe.Width,
                Height = probe.Orientation is >= 5 and <= 8 ? probe.Width : probe.Height,
                Frames = probe.Frames,
                HasAlpha = probe.HasAlpha,
                CreatedAt = now,
                UpdatedAt = now,
                Tags = [.. tagRows.Select(t => new PostTag { TagId = t.Id, Source = TagSource.Human, Confidence = 1 })],
            };
            // The post and the job that processes it commit together: there is never one without the other.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Set<Post>().Add(post);
            await db.SaveChangesAsync(ct);
            jobs.Enqueue(ProcessJob, new ProcessPost(post.Id), dedupKey: $"{ProcessJob}:{post.Id}");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new UploadOutcome(post, StatusCodes.Status202Accepted, null, new FieldErrors());
        }
        catch (DbUpdateException)
        {
            // Most likely an identical upload committed first (the unique index on live hashes decided).
            await ForgetAsync(key);
            if (await FindLiveAsync(sha, CancellationToken.None) is { } raced)
            {
                return Duplicate(raced);
            }
            throw;
        }
        catch
        {
            await ForgetAsync(key);
            throw;
        }
    }

    public FieldErrors ValidateFields(PostFields fields, out Rating rating, out IReadOnlyList<TagInput> tagInputs)
    {
        var errors = new FieldErrors();
        if ((fields.Title?.Trim().Length ?? 0) > Post.TitleMaxLength)
            errors.Add("title", $"Titles are at most {Post.TitleMaxLength} characters.");
        if ((fields.Description?.Length ?? 0) > Post.DescriptionMaxLength)
            errors.Add("description", $"Descriptions are at most {Post.DescriptionMaxLength} characters.");
        rating = postsOptions.Value.DefaultRating;
        if (!string.IsNullOrWhiteSpace(fields.Rating))
        {
            if (!Enum.TryParse(fields.Rating.Trim(), ignoreCase: true, out rating) || int.TryParse(fields.Rating, out _))
                errors.Add("rating", "Rating must be safe, questionable or explicit.");
        }
        var (parsed, invalid) = TagService.Parse(fields.Tags);
        tagInputs = parsed;
        if (invalid.Count > 0)
            errors.Add("tags", $"Not valid tags: {string.Join(" ", invalid.Take(5))}. Tags are up to {Tag.NameMaxLength} lowercase letters, digits and _()!?'.+- with no colon.");
        if (parsed.Count > Post.MaxTags)
            errors.Add("tags", $"At most {Post.MaxTags} tags per post.");
        return errors;
    }

    /// <summary>Originals live outside the content-addressed namespace that /media serves: they are never delivered.</summary>
    public static string OriginalKey(string sha256, ImageFormat format) => "originals/" + ObjectKeys.ContentAddressed(sha256, format.Extension());

    private Task<long?> FindLiveAsync(string sha, CancellationToken ct) =>
        db.Set<Post>().Where(p => p.Sha256 == sha && p.Status != PostStatus.Deleted).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct);

    private static UploadOutcome Duplicate(long existing) =>
        new(null, StatusCodes.Status409Conflict, "This exact image is already posted.",
            new FieldErrors { { "file", [$"This exact image is already posted as post {existing}."] } }, existing);

    /// <summary>Removes the stored original of a failed upload, unless a live post (an identical earlier upload) uses it.</summary>
    private async Task ForgetAsync(string key)
    {
        db.ChangeTracker.Clear();
        if (!await db.Set<Post>().AnyAsync(p => p.OriginalKey == key && p.Status != PostStatus.Deleted))
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
    }
}

public sealed record ProcessPost(long PostId);
