using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Platform.Security;

namespace Mosaic.Features.Tags;

/// <summary>
/// Adds and removes people's tags on one post, for its uploader and moderators, and for every signed-in person when
/// <see cref="TagsOptions.AnyoneCanTag"/> is set. Added names follow aliases and bring what they imply; removing
/// touches only people's tags (the measured ones are the image's facts) and leaves implied tags in place.
/// </summary>
public sealed class PostTagging(
    MosaicDbContext db,
    TagService tags,
    PostTagCounts counts,
    PostQueries queries,
    TagEditThrottle throttle,
    IOptions<TagsOptions> options,
    TimeProvider clock)
{
    public async Task<TagChange<PostDto>> EditAsync(long postId, ClaimsPrincipal user, string? add, string? remove, CancellationToken ct)
    {
        var post = await db.Set<Post>().Include(p => p.Tags).FirstOrDefaultAsync(p => p.Id == postId && p.Status != PostStatus.Deleted, ct);
        var isOwner = post is not null && TagPermissions.UserId(user) == post.UserId;
        if (post is null || (post.Status != PostStatus.Ready && !isOwner && !TagPermissions.IsModerator(user)))
        {
            return TagChange.NotFound<PostDto>("No such post.");
        }
        if (!TagPermissions.CanTag(post.UserId, user, options.Value))
        {
            return new TagChange<PostDto>(null, StatusCodes.Status403Forbidden, "Only the uploader may change this post's tags.", new FieldErrors());
        }
        var decision = throttle.Attempt(user);
        if (!decision.Allowed)
        {
            return new TagChange<PostDto>(null, StatusCodes.Status429TooManyRequests, "Too many tag changes; try again later.", new FieldErrors())
            {
                RetryAfter = decision,
            };
        }

        var errors = new FieldErrors();
        var (toAdd, invalidAdd) = TagService.Parse(add);
        var (toRemove, invalidRemove) = TagService.Parse(remove);
        if (invalidAdd.Count > 0) errors.Add("add", InvalidMessage(invalidAdd));
        if (invalidRemove.Count > 0) errors.Add("remove", InvalidMessage(invalidRemove));
        if (toAdd.Count == 0 && toRemove.Count == 0 && errors.Count == 0) errors.Add("add", "Name at least one tag to add or remove.");
        if (errors.Count > 0)
        {
            return TagChange.Invalid<PostDto>(errors);
        }

        var removeNames = (await tags.ResolveAliasesAsync(toRemove, ct)).Select(i => i.Name).ToList();
        var removeIds = await db.Set<Tag>().Where(t => removeNames.Contains(t.Name)).Select(t => t.Id).ToListAsync(ct);
        var touched = new HashSet<long>(removeIds);
        post.Tags.RemoveAll(t => t.Source == TagSource.Human && removeIds.Contains(t.TagId));
        foreach (var tag in await tags.EnsureForPeopleAsync(toAdd, ct))
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
        if (post.Tags.Count(t => t.Source == TagSource.Human) > Post.MaxTags)
        {
            db.ChangeTracker.Clear();
            return TagChange.Invalid<PostDto>(new FieldErrors { { "add", [$"At most {Post.MaxTags} tags per post."] } });
        }
        post.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return TagChange.Conflict<PostDto>("add", "The post's tags were changed by someone else at the same time; try again.");
        }
        await counts.RecountAsync(touched, ct);
        return TagChange.Done<PostDto>((await queries.GetAsync(post.Id, ct))!);
    }

    private static string InvalidMessage(IReadOnlyList<string> invalid) =>
        $"Not valid tags: {string.Join(" ", invalid.Take(5))}. Tags are up to {Tag.NameMaxLength} lowercase letters, digits and _()!?'.+- with no colon.";
}

/// <summary>
/// Limits how many tag edits one person makes per hour (<see cref="TagsOptions.EditsPerUserPerHour"/>), so that an
/// instance where anyone can tag cannot be rewritten by one account in a minute. In-process, like ActionThrottle.
/// </summary>
public sealed class TagEditThrottle(IOptions<TagsOptions> options) : IDisposable
{
    private readonly FixedWindowLimit<string> perUser = new(options.Value.EditsPerUserPerHour, TimeSpan.FromHours(1));

    public ThrottleDecision Attempt(ClaimsPrincipal user) => perUser.Attempt(TagPermissions.UserId(user)?.ToString() ?? "anonymous");

    public void Dispose() => perUser.Dispose();
}
