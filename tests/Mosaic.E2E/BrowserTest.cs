using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mosaic.E2E;

/// <summary>What the browser tests share: a fresh browser context per flow, screenshots on failure and for the README, signing up.</summary>
public abstract class BrowserTest(MosaicServer server, Chromium chromium)
{
    protected const string Password = "correct-horse-battery-42";

    /// <summary>The folder scripts/screenshots asks the README's screenshots to be kept in, or null on an ordinary run.</summary>
    protected static string? ScreenshotsFolder =>
        Environment.GetEnvironmentVariable("MOSAIC_SCREENSHOTS") is { Length: > 0 } folder ? folder : null;

    protected MosaicServer Server => server;

    /// <summary>The header's navigation, where the signed-in person's links are.</summary>
    protected static ILocator AccountNav(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Account" });

    /// <summary>An image fixture shared with the unit tests (tests/Mosaic.Tests/Media/Fixtures, copied next to these tests).</summary>
    protected static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>Runs steps in a fresh browser context and keeps a full-page screenshot when they fail.</summary>
    protected async Task<T> InBrowserAsync<T>(Func<IPage, Task<T>> steps, [CallerMemberName] string testName = "")
    {
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        try
        {
            return await steps(page);
        }
        catch
        {
            await SaveScreenshotAsync(page, testName);
            throw;
        }
    }

    /// <inheritdoc cref="InBrowserAsync{T}"/>
    protected Task InBrowserAsync(Func<IPage, Task> steps, [CallerMemberName] string testName = "") =>
        InBrowserAsync(async page =>
        {
            await steps(page);
            return true;
        }, testName);

    /// <summary>Signs up a new person through the form and returns their username; the page is left signed in.</summary>
    protected static async Task<string> SignUpAsync(IPage page)
    {
        var username = $"e2e{Guid.NewGuid().ToString("N")[..8]}";
        await page.GotoAsync("/account/signup");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Email").FillAsync($"{username}@example.com");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(AccountNav(page).GetByRole(AriaRole.Link, new() { Name = $"@{username}" })).ToBeVisibleAsync();
        return username;
    }

    /// <summary>Waits until an image has loaded and decoded (complete, and not broken).</summary>
    protected static async Task ExpectLoadedAsync(ILocator image)
    {
        await Expect(image).ToHaveJSPropertyAsync("complete", true);
        await Expect(image).Not.ToHaveJSPropertyAsync("naturalWidth", 0);
    }

    /// <summary>Keeps a screenshot for the README when MOSAIC_SCREENSHOTS names a folder (scripts/screenshots).</summary>
    protected static async Task DocumentAsync(IPage page, string name, bool fullPage = false)
    {
        if (ScreenshotsFolder is { } folder)
        {
            await page.SetViewportSizeAsync(1100, 760);
            if (fullPage)
            {
                // A page captured while scrolled shows the sticky header part-way down.
                await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            }
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = fullPage });
        }
    }

    private static async Task SaveScreenshotAsync(IPage page, string testName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{testName}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
        try
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
        catch (PlaywrightException)
        {
            // A page that cannot be captured (crashed, closed) must not hide the failure that brought us here.
        }
    }
}
