using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mosaic.E2E;

/// <summary>
/// axe-core (npm, in tools/axe) scans the main pages in Chromium; a serious or critical violation fails the test.
/// The script is added through Playwright's init script, which the page's CSP does not apply to.
/// </summary>
public sealed partial class AccessibilityTests(MosaicServer server, Chromium chromium)
    : BrowserTest(server, chromium), IClassFixture<MosaicServer>, IClassFixture<Chromium>
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(AxePath()));

    [Fact]
    public Task Main_pages_have_no_serious_or_critical_accessibility_violations() => InBrowserAsync(async page =>
    {
        await page.AddInitScriptAsync(Axe.Value);
        var problems = new List<string>();

        foreach (var url in new[] { "/", "/account/signin", "/account/signup", "/convert", "/tags", "/preferences" })
        {
            problems.AddRange(await ScanAsync(page, url));
        }
        await SignUpAsync(page);
        await page.GotoAsync("/upload");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        problems.AddRange(await ScanAsync(page, null));
        await page.GetByLabel("Image", new() { Exact = true }).SetInputFilesAsync(Fixture("photo.jpg"));
        await page.GetByLabel("Title").FillAsync("Accessible post");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PostUrl());
        await Expect(page.Locator(".post__media picture img")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var id = PostUrl().Match(page.Url).Groups["id"].Value;

        foreach (var url in new[] { $"/posts/{id}", $"/focus/{id}", "/", "/albums", "/account/settings" })
        {
            problems.AddRange(await ScanAsync(page, url));
        }

        Assert.True(problems.Count == 0, "axe-core found:\n" + string.Join("\n", problems));
    });

    private static async Task<IEnumerable<string>> ScanAsync(IPage page, string? url)
    {
        if (url is not null)
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        }
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`)
            """);
        var where = new Uri(page.Url).PathAndQuery;
        return violations.EnumerateArray().Select(v => $"{where}: {v.GetString()}").ToList();
    }

    private static string AxePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "axe", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("axe-core is not installed: run `npm ci` in tools/axe (scripts/test does).");
    }

    [GeneratedRegex(@"/posts/(?<id>\d+)$")]
    private static partial Regex PostUrl();
}
