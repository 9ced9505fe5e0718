using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mosaic.E2E;

/// <summary>Focus mode: from the board into one post, on by the keyboard, a like, and a swipe on a phone.</summary>
public sealed partial class FocusModeTests(MosaicServer server, Chromium chromium)
    : BrowserTest(server, chromium), IClassFixture<MosaicServer>, IClassFixture<Chromium>
{
    private const float BackgroundWorkTimeout = 60_000;

    private readonly Chromium browser = chromium;

    [Fact]
    public async Task Focus_mode_moves_by_arrow_keys_and_swipes_and_likes_the_post_shown()
    {
        var ids = await InBrowserAsync(async page =>
        {
            await SignUpAsync(page);
            var oldest = await UploadAsync(page, "photo.jpg", "Focus oldest");
            var middle = await UploadAsync(page, "photo.webp", "Focus middle");
            var newest = await UploadAsync(page, "alpha.png", "Focus newest");

            // The board → the middle post's focus mode.
            await page.GotoAsync("/");
            await page.Locator($"a.tile__focus[href='/focus/{Id(middle)}']").ClickAsync();
            await Expect(page).ToHaveURLAsync(FocusUrl(middle));
            await Expect(page.Locator(".focus__image")).ToHaveAttributeAsync("alt", "Focus middle");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Previous", Exact = true })).ToHaveAttributeAsync("href", $"/focus/{Id(newest)}");
            await page.WaitForLoadStateAsync(LoadState.Load);

            // ArrowRight goes to the older post, and the address follows.
            await page.Keyboard.PressAsync("ArrowRight");
            await Expect(page).ToHaveURLAsync(FocusUrl(oldest));
            await Expect(page.Locator(".focus__image")).ToHaveAttributeAsync("alt", "Focus oldest");
            await page.WaitForLoadStateAsync(LoadState.Load);

            // Like it: saved through the API, and still liked after a reload.
            var like = page.GetByRole(AriaRole.Button, new() { Name = "Like", Exact = true });
            var vote = await page.RunAndWaitForResponseAsync(() => like.ClickAsync(),
                response => response.Request.Method == "PUT" && new Uri(response.Url).AbsolutePath == $"/api/v1/posts/{Id(oldest)}/vote");
            Assert.True(vote.Ok, $"vote answered {vote.Status}");
            await page.ReloadAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Like", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");

            // Escape returns to the post page.
            await page.WaitForLoadStateAsync(LoadState.Load);
            await page.Keyboard.PressAsync("Escape");
            await Expect(page).ToHaveURLAsync(new Regex($"/posts/{Id(oldest)}$"));
            return (oldest, middle, newest);
        });

        // A phone with a touch screen: a vertical gesture stays put, a swipe to the left shows the next (older) post.
        await using var phone = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new() { Width = 390, Height = 844 },
            HasTouch = true,
            IsMobile = true,
        });
        var mobile = await phone.NewPageAsync();
        await mobile.GotoAsync($"/focus/{Id(ids.newest)}");
        var stage = mobile.Locator("[data-focus-stage]");
        await Expect(stage).ToBeVisibleAsync();
        await Expect(mobile.GetByRole(AriaRole.Link, new() { Name = "Next", Exact = true })).ToBeVisibleAsync();
        await mobile.WaitForLoadStateAsync(LoadState.Load);
        await SwipeAsync(stage, 0, 200);
        await Expect(mobile).ToHaveURLAsync(FocusUrl(ids.newest));
        await SwipeAsync(stage, -200, 10);
        await Expect(mobile).ToHaveURLAsync(FocusUrl(ids.middle));
        await Expect(mobile.Locator(".focus__image")).ToHaveAttributeAsync("alt", "Focus middle");
    }

    /// <summary>A one-finger gesture by (dx, dy) from the middle of the element, as pointer events of a touch pointer.</summary>
    private static async Task SwipeAsync(ILocator element, int dx, int dy) =>
        await element.EvaluateAsync(
            """
            (el, [dx, dy]) => {
              const r = el.getBoundingClientRect();
              const x = r.left + r.width / 2 - dx / 2, y = r.top + r.height / 2 - dy / 2;
              const at = (f) => ({ bubbles: true, cancelable: true, pointerId: 7, pointerType: "touch", isPrimary: true,
                                   clientX: x + dx * f, clientY: y + dy * f });
              el.dispatchEvent(new PointerEvent("pointerdown", at(0)));
              el.dispatchEvent(new PointerEvent("pointermove", at(0.5)));
              el.dispatchEvent(new PointerEvent("pointerup", at(1)));
            }
            """,
            new[] { dx, dy });

    private static async Task<long> UploadAsync(IPage page, string file, string title)
    {
        await page.GotoAsync("/upload");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await page.GetByLabel("Image", new() { Exact = true }).SetInputFilesAsync(Fixture(file));
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PostUrl());
        await Expect(page.Locator(".post__media picture img")).ToBeVisibleAsync(new() { Timeout = BackgroundWorkTimeout });
        return long.Parse(PostUrl().Match(page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static Regex FocusUrl(long id) => new($"/focus/{Id(id)}$");

    [GeneratedRegex(@"/posts/(?<id>\d+)$")]
    private static partial Regex PostUrl();
}
