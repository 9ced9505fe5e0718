using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Mosaic.Features.Posts;
using Mosaic.Features.Preferences;
using Mosaic.Platform.Data;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Preferences;

/// <summary>UI text lives in Resources/*.resx; the request's language comes from the preference, then Accept-Language.</summary>
[Collection(ServerCollection.Name)]
public sealed partial class LocalizationTests(Servers servers)
{
    [Fact]
    public void Every_key_the_code_asks_for_is_in_its_resource_file()
    {
        var missing = new List<string>();
        var checkedKeys = 0;
        foreach (var file in Directory.EnumerateFiles(Repo.Path("src", "Mosaic"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal)))
        {
            var source = File.ReadAllText(file);
            foreach (Match declaration in LocalizerDeclaration().Matches(source))
            {
                var keys = Keys(declaration.Groups["resource"].Value);
                foreach (Match use in Regex.Matches(source, $@"\b{declaration.Groups["name"].Value}\[""(?<key>[^""{{]+)"""))
                {
                    checkedKeys++;
                    if (!keys.Contains(use.Groups["key"].Value))
                    {
                        missing.Add($"{Path.GetFileName(file)}: {declaration.Groups["resource"].Value}.{use.Groups["key"].Value}");
                    }
                }
            }
        }

        Assert.True(checkedKeys > 100, $"only {checkedKeys} keys found: is the pattern still right?");
        Assert.Empty(missing);
    }

    [Fact]
    public void Keys_built_at_run_time_exist_too()
    {
        var upload = Keys("UploadStrings");
        var preferences = Keys("PreferencesStrings");

        Assert.All(Enum.GetNames<Rating>(), rating => Assert.Contains($"Rating.{rating}", upload));
        Assert.All(["Small", "Default", "Large", "Larger", "Largest", "Custom"], size => Assert.Contains($"FontSize.{size}", preferences));
        Assert.Equal(PreferencesRules.FontScales.Count + 2, preferences.Count(k => k.StartsWith("FontSize.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task English_pages_say_so_in_lang_and_content_language()
    {
        var client = servers.For(DatabaseProvider.Sqlite).CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9");

        var response = await client.GetAsync("/");
        var page = await TestClient.ParseAsync(response);

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", response.Content.Headers.ContentLanguage.Single());
        Assert.Equal("Display tags, filters, and preferences", page.QuerySelector("label[for='board-customize']")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_language_follows_the_preference_then_the_browser()
    {
        // Another language is only resource files away; here German is "installed" without any, so text stays English.
        await using var german = servers.For(DatabaseProvider.Sqlite).WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Mosaic:Jobs:Enabled", "false");
            builder.ConfigureTestServices(services => services.AddSingleton(new LanguageCatalog(["de"])));
        });
        var browser = german.CreateClient();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9,en;q=0.5");

        var followsBrowser = await TestClient.ParseAsync(await browser.GetAsync("/"));
        var chosen = new HttpRequestMessage(HttpMethod.Get, "/preferences");
        chosen.Headers.TryAddWithoutValidation("Cookie", $"{PreferencesCookie.Name}={Uri.EscapeDataString("language=en")}");
        var followsPreference = await TestClient.ParseAsync(await browser.SendAsync(chosen));
        var options = followsPreference.QuerySelectorAll("#form-language option").Select(o => o.GetAttribute("value"));

        Assert.Equal("de", followsBrowser.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en", followsPreference.DocumentElement.GetAttribute("lang"));
        Assert.Equal(["auto", "en", "de"], options);
    }

    private static HashSet<string> Keys(string resource)
    {
        var path = Repo.Path("src", "Mosaic", "Resources", resource + ".resx");
        Assert.True(File.Exists(path), $"{path} is missing");
        return [.. XDocument.Load(path).Root!.Elements("data").Select(d => d.Attribute("name")!.Value)];
    }

    [GeneratedRegex(@"IStringLocalizer<(?<resource>\w+)>\s+(?<name>\w+)")]
    private static partial Regex LocalizerDeclaration();
}
