using Microsoft.EntityFrameworkCore;
using Mosaic.Features.Accounts;
using Mosaic.Features.Posts;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Posts;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task Seed_creates_demo_people_and_posts_that_the_worker_processes()
    {
        await using var factory = new MosaicFactory(DatabaseProvider.Sqlite);
        await factory.InitializeAsync();
        using var images = new TempFolder();
        foreach (var name in new[] { "photo.jpg", "alpha.png", "cmyk.jpg" })
        {
            File.Copy(Repo.Path("tests", "Mosaic.Tests", "Media", "Fixtures", name), Path.Combine(images.Path, $"Demo-{name}"));
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(5, [images.Path], default);
            Assert.Equal(5, created);
        }
        await using var db = factory.CreateDbContext();
        for (var attempt = 0; attempt < 600 && await db.Set<Post>().AnyAsync(p => p.Status == PostStatus.Processing); attempt++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(5, await db.Set<Post>().CountAsync(p => p.Status == PostStatus.Ready));
        Assert.Equal(6, await db.Set<User>().CountAsync(u => u.UserName!.StartsWith("demo-")));
        Assert.True(await db.Set<PostDuplicate>().AnyAsync(), "edited copies of the same pictures are flagged as near duplicates");
        Assert.True(await db.Set<PostTag>().AnyAsync(t => t.Tag!.Name == "wallpaper"));
    }
}
