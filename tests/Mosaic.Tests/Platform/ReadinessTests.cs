using System.Net;
using System.Text.Json;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Platform;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_is_503_naming_the_data_folder_when_it_cannot_be_written()
    {
        using var database = new TempFolder();
        var data = Directory.CreateTempSubdirectory("mosaic-data-").FullName;
        await using var factory = new MosaicFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Mosaic:DataPath"] = data,
            ["Mosaic:Database:ConnectionString"] = $"Data Source={Path.Combine(database.Path, "mosaic.db")}",
        });
        await factory.InitializeAsync();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        Directory.Delete(data, recursive: true);
        var response = await client.GetAsync("/readyz");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", body.GetProperty("checks").GetProperty("data-folder").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
