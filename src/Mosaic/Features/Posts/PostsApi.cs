using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Features.Accounts;
using Mosaic.Features.Tags;
using Mosaic.Platform.Api;
using Mosaic.Platform.Data;
using Mosaic.Platform.Imaging;
using Mosaic.Platform.Jobs;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Posts;

/// <summary>The multipart form of an upload (for the API description; the handler reads the form itself).</summary>
public sealed record UploadPostForm(IFormFile File, string? Title, string? Description, string? Tags, string? Rating);

public sealed record PageQuery(string? Cursor, int? Limit);

public static class PostsApi
{
    public static IEndpointRouteBuilder MapPostsApi(this IEndpointRouteBuilder app)
    {
        var maxUpload = app.ServiceProvider.GetRequiredService<IOptions<ImagingOptions>>().Value.MaxUploadBytes;
        var posts = app.MapGroup("/api/v1/posts").WithTags("Posts").RequireXsrfForCookieWrites();

        posts.MapGet("/", List).AllowAnonymous();
        posts.MapPost("/", Upload).RequireAuthorization()
            .Accepts<UploadPostForm>("multipart/form-data")
            // Room for the form fields around the file; the file itself is checked against the limit exactly.
            .WithMetadata(new RequestSizeLimitAttribute(maxUpload + 256 * 1024))
            .WithFormOptions(multipartBodyLengthLimit: maxUpload + 256 * 1024)
            .DisableAntiforgery();
        posts.MapGet("/{id:long}", Get).AllowAnonymous();
        posts.MapPatch("/{id:long}", Update).RequireAuthorization();
        posts.MapDelete("/{id:long}", Delete).RequireAuthorization();
        return app;
    }

    /// <summary>Ready posts, newest first. Pass the returned <c>nextCursor</c> as <c>cursor</c> for the next page.</summary>
    /// <remarks>The caller's preferences apply: explicit posts and blacklisted tags are left out unless they chose otherwise.</remarks>
    public static async Task<Ok<PostPageDto>> List([AsParameters] PageQuery query, HttpContext http, PostQueries queries, Preferences.PreferencesService preferences, IOptions<PostsOptions> options, CancellationToken ct) =>
        TypedResults.Ok(await queries.PageAsync(query.Cursor, Math.Clamp(query.Limit ?? options.Value.PageSize, 1, 100), null, ct,
            filter: (await preferences.ForRequestAsync(http)).BoardFilter));

    /// <summary>
    /// Uploads an image (multipart: <c>file</c>, <c>title</c>, <c>description</c>, <c>tags</c>, <c>rating</c>).
    /// Answers 202 with the post id and a status URL to poll; the file is refused with 400, 409 (exact duplicate),
    /// 413 (too large) or 415 (not an accepted image type) before anything is stored.
    /// </summary>
    public static async Task<Results<Accepted<UploadAcceptedDto>, ProblemHttpResult>> Upload(
        HttpContext http, UploadService uploads, ActionThrottle throttle, UserManager<User> users, CancellationToken ct)
    {
        var decision = throttle.Attempt(ThrottledAction.Upload, http);
        if (!decision.Allowed)
        {
            return Problems.TooManyRequests(http, decision, "Too many uploads; try again later.");
        }
        if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the upload as multipart/form-data.");
        }
        var form = await http.Request.ReadFormAsync(ct);
        var outcome = await uploads.UploadAsync(Guid.Parse(users.GetUserId(http.User)!), form.Files.GetFile("file"), Fields(form), ct);
        return outcome.Accepted ? TypedResults.Accepted($"/api/v1/posts/{outcome.Post!.Id}", Accepted(outcome.Post)) : Refusal(outcome);
    }

    public static async Task<Results<Ok<PostDto>, NotFound>> Get(long id, ClaimsPrincipal user, PostQueries queries, CancellationToken ct)
    {
        var post = await queries.GetAsync(id, ct);
        return post is not null && CanSee(post, user) ? TypedResults.Ok(post) : TypedResults.NotFound();
    }

    /// <summary>Changes a post's title, description, tags (the ones people added) or rating. Only the uploader may.</summary>
    public static async Task<Results<Ok<PostDto>, NotFound, ForbidHttpResult, ValidationProblem>> Update(
        long id, UpdatePostRequest request, ClaimsPrincipal user, MosaicDbContext db, UploadService uploads, TagService tags,
        PostTagCounts counts, PostQueries queries, TimeProvider clock, CancellationToken ct)
    {
        var post = await db.Set<Post>().Include(p => p.Tags).FirstOrDefaultAsync(p => p.Id == id && p.Status != PostStatus.Deleted, ct);
        if (post is null || (post.Status != PostStatus.Ready && !IsOwner(post.UserId, user)))
        {
            return TypedResults.NotFound();
        }
        if (!IsOwner(post.UserId, user))
        {
            return TypedResults.Forbid();
        }
        var errors = uploads.ValidateFields(new PostFields(request.Title, request.Description, request.Tags, request.Rating), out var rating, out var tagInputs);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (request.Title is not null) post.Title = request.Title.Trim();
        if (request.Description is not null) post.Description = request.Description.Trim();
        if (request.Rating is not null) post.Rating = rating;
        var touched = post.Tags.Select(t => t.TagId).ToHashSet();
        if (request.Tags is not null)
        {
            var wanted = await tags.EnsureForPeopleAsync(tagInputs, ct);
            post.Tags.RemoveAll(t => t.Source == TagSource.Human && wanted.All(w => w.Id != t.TagId));
            foreach (var tag in wanted)
            {
                var existing = post.Tags.FirstOrDefault(t => t.TagId == tag.Id);
                if (existing is null)
                {
                    post.Tags.Add(new PostTag { PostId = post.Id, TagId = tag.Id, Source = TagSource.Human, Confidence = 1 });
                }
                else
                {
                    // Saying a tag that measurement had found makes it a person's tag.
                    existing.Source = TagSource.Human;
                    existing.Confidence = 1;
                }
                touched.Add(tag.Id);
            }
        }
        post.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await counts.RecountAsync(touched, ct);
        return TypedResults.Ok((await queries.GetAsync(id, ct))!);
    }

    /// <summary>Deletes a post (the uploader or a moderator). Its files are removed by a background job.</summary>
    public static async Task<Results<NoContent, NotFound, ForbidHttpResult>> Delete(
        long id, ClaimsPrincipal user, MosaicDbContext db, JobQueue jobs, PostTagCounts counts, Albums.AlbumService albums, TimeProvider clock, CancellationToken ct)
    {
        var post = await db.Set<Post>().FirstOrDefaultAsync(p => p.Id == id && p.Status != PostStatus.Deleted, ct);
        var moderator = user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin);
        if (post is null || (post.Status != PostStatus.Ready && !IsOwner(post.UserId, user) && !moderator))
        {
            return TypedResults.NotFound();
        }
        if (!IsOwner(post.UserId, user) && !moderator)
        {
            return TypedResults.Forbid();
        }
        post.Status = PostStatus.Deleted;
        post.DeletedAt = post.UpdatedAt = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue(PostPurger.Job, new PurgePost(post.Id), dedupKey: $"{PostPurger.Job}:{post.Id}");
        await db.SaveChangesAsync(ct);
        await counts.RecountForPostAsync(post.Id, ct);
        await albums.RemovePostEverywhereAsync(post.Id, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    internal static PostFields Fields(IFormCollection form) =>
        new(form["title"].FirstOrDefault(), form["description"].FirstOrDefault(), form["tags"].FirstOrDefault(), form["rating"].FirstOrDefault());

    internal static UploadAcceptedDto Accepted(Post post) =>
        new(post.Id, "processing", $"/api/v1/posts/{post.Id}", $"/posts/{post.Id}");

    internal static ProblemHttpResult Refusal(UploadOutcome outcome)
    {
        var problem = new HttpValidationProblemDetails(outcome.Errors) { Status = outcome.Status, Title = outcome.Title };
        if (outcome.ExistingPostId is { } existing)
        {
            problem.Extensions["existingPostId"] = existing;
            problem.Extensions["existingPostUrl"] = $"/posts/{existing}";
        }
        return TypedResults.Problem(problem);
    }

    /// <summary>Anyone sees a ready post; its uploader and moderators also see it while processing or after a failure.</summary>
    public static bool CanSee(PostDto post, ClaimsPrincipal user) =>
        post.Status == "ready" || IsOwner(post.Uploader.Id, user) || user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin);

    private static bool IsOwner(Guid ownerId, ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && Guid.TryParse(id, out var userId) && userId == ownerId;
}
