using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Mosaic.Features.Comments;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;
using Mosaic.Tests.Votes;

namespace Mosaic.Tests.Comments;

/// <summary>A post's comments load in a fixed number of queries, however many comments, authors, votes and mentions there are.</summary>
[Collection(ServerCollection.Name)]
public sealed class CommentQueriesTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task A_page_of_comments_takes_the_same_few_queries_for_two_comments_or_sixty(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var people = await Board.PeopleAsync(factory, 6);
        var viewer = people[0];
        var small = await Board.PostAsync(factory, viewer.Id);
        var large = await Board.PostAsync(factory, viewer.Id);
        await SeedAsync(factory, small, people, threads: 1, repliesEach: 1);
        await SeedAsync(factory, large, people, threads: 20, repliesEach: 2);

        var (smallPage, smallQueries) = await LoadAsync(factory, small, viewer.Id);
        var (largePage, largeQueries) = await LoadAsync(factory, large, viewer.Id);

        Assert.Equal(2, smallPage.Items.Sum(t => 1 + t.Replies.Count));
        Assert.Equal(60, largePage.Items.Sum(t => 1 + t.Replies.Count));
        Assert.All(largePage.Items.SelectMany(t => t.Replies.Prepend(t)), c => Assert.NotNull(c.Author?.Username));
        Assert.Contains(largePage.Items, c => c.MyVote == 1);
        Assert.All(largePage.Items, c => Assert.Equal([people[1].Username], c.Mentions));
        Assert.Equal(smallQueries, largeQueries);
        Assert.InRange(largeQueries, 1, 5);
    }

    private static async Task SeedAsync(MosaicFactory factory, long post, Person[] people, int threads, int repliesEach)
    {
        await using var db = factory.CreateDbContext();
        for (var t = 0; t < threads; t++)
        {
            var thread = new Comment { PostId = post, UserId = people[t % people.Length].Id, Body = $"Thread {t} for @{people[1].Username}", CreatedAt = DateTimeOffset.UtcNow };
            db.Add(thread);
            await db.SaveChangesAsync();
            db.Add(new CommentVote { CommentId = thread.Id, UserId = people[0].Id, Value = 1, CreatedAt = DateTimeOffset.UtcNow });
            for (var r = 0; r < repliesEach; r++)
            {
                db.Add(new Comment { PostId = post, UserId = people[(t + r + 1) % people.Length].Id, ParentId = thread.Id, Body = $"Reply {r}", CreatedAt = DateTimeOffset.UtcNow });
            }
        }
        await db.SaveChangesAsync();
    }

    private static async Task<(CommentPageDto Page, int Queries)> LoadAsync(MosaicFactory factory, long post, Guid viewer)
    {
        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<MosaicDbContext>();
        DataExtensions.Configure(options,
            new DatabaseOptions { Provider = factory.Provider.ToString(), ConnectionString = factory.ConnectionString },
            new MosaicOptions { DataPath = factory.DataPath });
        options.AddInterceptors(counter);
        await using var db = new MosaicDbContext(options.Options);

        var page = await new CommentQueries(db).PageAsync(post, new CommentViewer(viewer, false), null, CommentQueries.DefaultPageSize, default);
        return (page!, counter.Count);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int count;

        public int Count => count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
