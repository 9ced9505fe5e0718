using Microsoft.Playwright;

namespace Mosaic.E2E;

/// <summary>One headless Chromium per test class: a system build, since Playwright's own browsers are not downloaded.</summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Overrides the browser binary on machines where Chromium lives elsewhere.</summary>
    public const string PathVariable = "MOSAIC_E2E_CHROMIUM";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable(PathVariable) ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
    }
}
