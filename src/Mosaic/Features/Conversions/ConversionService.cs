using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Platform.Imaging;
using Mosaic.Platform.Jobs;
using Mosaic.Platform.Storage;

namespace Mosaic.Features.Conversions;

public sealed record ConversionOutcome(Conversion? Conversion, int Status, string? Title, FieldErrors Errors)
{
    public static ConversionOutcome Refused(int status, string field, string message) => new(null, status, message, new FieldErrors { { field, [message] } });
}

/// <summary>Starts conversions from the API and the page: validates the source and the operation, stores, enqueues.</summary>
public sealed class ConversionService(MosaicDbContext db, ImageIntake intake, IObjectStore store, JobQueue jobs, PostQueries posts, TimeProvider clock)
{
    public const string RunJob = "conversions.run";

    public async Task<ConversionOutcome> StartAsync(ClaimsPrincipal user, IFormFile? file, long? postId, string? operation, double? amount, CancellationToken ct)
    {
        var op = Operations.Find(operation?.Trim().ToLowerInvariant());
        if (op is null)
        {
            return ConversionOutcome.Refused(StatusCodes.Status400BadRequest, "operation", $"Choose an operation: {string.Join(", ", Operations.All.Select(o => o.Name))}.");
        }
        var value = amount ?? op.Default;
        if (op.AmountLabel is not null && (value < op.Min || value > op.Max || double.IsNaN(value)))
        {
            return ConversionOutcome.Refused(StatusCodes.Status400BadRequest, "amount", $"{op.Label}: the amount must be between {op.Min} and {op.Max}.");
        }
        if (op.Name == "rotate" && value is not (90 or 180 or 270))
        {
            return ConversionOutcome.Refused(StatusCodes.Status400BadRequest, "amount", "Rotate by 90, 180 or 270 degrees.");
        }
        if ((file is null) == (postId is null))
        {
            return ConversionOutcome.Refused(StatusCodes.Status400BadRequest, "file", "Send either an image file or the id of a post, not both.");
        }

        var now = clock.GetUtcNow();
        var conversion = new Conversion
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null,
            Operation = op.Name,
            Amount = value,
            Status = ConversionStatus.Pending,
            CreatedAt = now,
        };
        if (postId is { } sourcePost)
        {
            var post = await posts.GetAsync(sourcePost, ct);
            if (post is null || !PostsApi.CanSee(post, user) || post.Status != "ready")
            {
                return ConversionOutcome.Refused(StatusCodes.Status404NotFound, "postId", $"There is no ready post {sourcePost} to convert.");
            }
            conversion.SourcePostId = sourcePost;
        }
        else
        {
            var (image, refusal) = await intake.ReceiveAsync(file, ct);
            if (refusal is not null)
            {
                return ConversionOutcome.Refused(refusal.Status, "file", refusal.Message);
            }
            conversion.SourceKey = "conversions/sources/" + ObjectKeys.ContentAddressed(image!.Sha256, image.Format.Extension());
            conversion.SourceContentType = image.Format.ContentType();
            using var content = new MemoryStream(image.Bytes, writable: false);
            await store.PutAsync(conversion.SourceKey, content, conversion.SourceContentType, ct);
        }
        db.Set<Conversion>().Add(conversion);
        jobs.Enqueue(RunJob, new RunConversion(conversion.Id), dedupKey: $"{RunJob}:{conversion.Id}");
        await db.SaveChangesAsync(ct);
        return new ConversionOutcome(conversion, StatusCodes.Status202Accepted, null, new FieldErrors());
    }

    /// <summary>The conversion if the caller may see it: anyone holding the id of an anonymous one, only its owner otherwise.</summary>
    public async Task<Conversion?> FindAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var conversion = await db.Set<Conversion>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversion is null || (conversion.ExpiresAt is { } expires && expires <= clock.GetUtcNow()))
        {
            return null;
        }
        if (conversion.UserId is { } owner && (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var caller) || caller != owner))
        {
            return null;
        }
        return conversion;
    }
}

public sealed record RunConversion(Guid ConversionId);
