using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Mosaic.Features.Albums;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Albums;

[Collection(ServerCollection.Name)]
public sealed class AlbumQueriesTests(Servers servers)
{
    [Theory, BothDatabases]
    public async Task Album_reads_take_a_fixed_number_of_queries_whatever_the_album_size(DatabaseProvider provider)
    {
        var factory = servers.For(provider);
        var alice = await AlbumTestData.PersonAsync(factory);
        var posts = await AlbumTestData.ReadyPostsAsync(factory, alice.Id, 30);
        var small = await alice.CreateAlbumAsync();
        var large = await alice.CreateAlbumAsync();
        await alice.AddAsync(small.Id, posts[..2]);
        await alice.AddAsync(large.Id, posts);
        for (var i = 0; i < 10; i++)
        {
            await alice.CreateAlbumAsync();
        }

        var (smallPage, smallQueries) = await CountAsync(factory, q => q.PageAsync(small.Id, null, 40, default));
        var (largePage, largeQueries) = await CountAsync(factory, q => q.PageAsync(large.Id, null, 40, default));
        var (albums, listQueries) = await CountAsync(factory, q => q.ListOwnAsync(alice.Id, posts[0], default));
        var (_, getQueries) = await CountAsync(factory, q => q.GetAsync(large.Id, alice.Id, default));

        Assert.Equal(2, smallPage.Items.Count);
        Assert.Equal(30, largePage.Items.Count);
        Assert.All(largePage.Items, p => Assert.Equal(3, p.Thumbnails.Count));
        Assert.Equal(smallQueries, largeQueries);
        Assert.Equal(1, largeQueries);
        Assert.Equal(12, albums.Count);
        Assert.Equal(1, listQueries);
        Assert.Equal(1, getQueries);
    }

    private static async Task<(T Result, int Queries)> CountAsync<T>(MosaicFactory factory, Func<AlbumQueries, Task<T>> read)
    {
        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<MosaicDbContext>();
        DataExtensions.Configure(options,
            new DatabaseOptions { Provider = factory.Provider.ToString(), ConnectionString = factory.ConnectionString },
            new MosaicOptions { DataPath = factory.DataPath });
        options.AddInterceptors(counter);
        await using var db = new MosaicDbContext(options.Options);
        var result = await read(new AlbumQueries(db));
        return (result, counter.Count);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count++;
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
