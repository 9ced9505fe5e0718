using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Posts;
using Mosaic.Features.Tags;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Tags;

/// <summary>
/// The tag queries that run on every keystroke or post view must be answered from indexes. PostgreSQL is asked with
/// sequential scans disabled, so that the plan shows whether an index can serve the query at all (on a small test
/// table a scan would otherwise win on cost).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class TagQueryPlanTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task Autocomplete_prefix_is_a_range_on_the_name_index(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        await using var scope = factory.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<TagQueries>();

        var tags = await PlanAsync(scope.ServiceProvider.GetRequiredService<MosaicDbContext>(), queries.StartingWith("ca"));
        var aliases = await PlanAsync(scope.ServiceProvider.GetRequiredService<MosaicDbContext>(), queries.AliasesStartingWith("ca"));

        Assert.Contains("IX_Tags_Name", tags, StringComparison.Ordinal);
        Assert.Contains(provider == DatabaseProvider.Sqlite ? "sqlite_autoindex_TagAliases_1" : "PK_TagAliases", aliases, StringComparison.Ordinal);
        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.Contains("Name>? AND Name<?", tags, StringComparison.Ordinal);
        }
        else
        {
            Assert.Matches(@"Index Cond: .*""Name"".* >= .* AND .*""Name"".* < ", tags);
        }
    }

    [Theory, BothDatabases]
    public async Task Related_posts_candidates_come_from_the_post_tags_index(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MosaicDbContext>();
        var tagIds = new List<long> { 1, 2, 3 };
        var candidates = db.Set<PostTag>().AsNoTracking()
            .Where(pt => tagIds.Contains(pt.TagId) && pt.PostId != 7 && pt.Source == TagSource.Human)
            .Select(pt => new { pt.PostId, pt.TagId })
            .Take(100);

        var plan = await PlanAsync(db, candidates);

        Assert.Contains("IX_PostTags_TagId", plan, StringComparison.Ordinal);
    }

    /// <summary>The plan of the query as EF sends it, parameters included.</summary>
    internal static async Task<string> PlanAsync<T>(MosaicDbContext db, IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        var connection = command.Connection!;
        await connection.OpenAsync();
        try
        {
            if (db.Database.IsNpgsql())
            {
                await using var setting = connection.CreateCommand();
                setting.CommandText = "SET enable_seqscan = off";
                await setting.ExecuteNonQueryAsync();
                command.CommandText = "EXPLAIN " + command.CommandText;
            }
            else
            {
                command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            }
            var lines = new List<string>();
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetValue(reader.FieldCount - 1)?.ToString() ?? "");
            }
            return string.Join('\n', lines);
        }
        finally
        {
            if (db.Database.IsNpgsql())
            {
                await using var reset = connection.CreateCommand();
                reset.CommandText = "RESET enable_seqscan";
                await reset.ExecuteNonQueryAsync();
            }
            await connection.CloseAsync();
        }
    }
}
