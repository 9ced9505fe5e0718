using System.Text.Json;
using System.Text.Json.Nodes;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Platform;

/// <summary>
/// The committed src/Mosaic/openapi.json must match what the code generates, so every API change is deliberate.
/// After an intended change, run the tests with MOSAIC_UPDATE_SNAPSHOTS=1 and commit the new file.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class OpenApiSnapshotTests(Servers servers)
{
    [Fact]
    public async Task Generated_openapi_document_matches_the_committed_snapshot()
    {
        var generated = Normalize(await servers.For(DatabaseProvider.Sqlite).CreateClient().GetStringAsync("/api/v1/openapi.json"));
        var path = Repo.Path("src", "Mosaic", "openapi.json");

        if (Environment.GetEnvironmentVariable("MOSAIC_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(path, generated);
        }
        var committed = File.Exists(path) ? Normalize(await File.ReadAllTextAsync(path)) : "(missing)";

        Assert.True(committed == generated,
            "src/Mosaic/openapi.json differs from the generated document. If the API change is intended, run the tests with MOSAIC_UPDATE_SNAPSHOTS=1 and commit the file.");
    }

    private static string Normalize(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("servers");
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
