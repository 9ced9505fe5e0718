using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mosaic.E2E;

public sealed partial class UploadFlowTests(MosaicServer server, Chromium chromium)
    : BrowserTest(server, chromium), IClassFixture<MosaicServer>, IClassFixture<Chromium>
{
    private const string Title = "Gradient at dusk";

    /// <summary>
    /// Upper bound for work done in the background (the first image starts the imaging host process); expectations
    /// pass as soon as the page shows the result, so this only bounds how long a broken run takes to fail.
    /// </summary>
    private const float BackgroundWorkTimeout = 60_000;

    /// <summary>More fixtures uploaded for the README's board screenshot; each is the same synthetic picture in another form.</summary>
    private static readonly (string File, string Title)[] BoardFixtures =
    [
        ("alpha.png", "Gradient, translucent"),
        ("cmyk.jpg", "Gradient in CMYK"),
        ("orientation-6-gps.jpg", "Gradient, turned"),
        ("photo.webp", "Gradient as WebP"),
    ];

    [Fact]
    public async Task Uploaded_image_is_processed_shown_on_the_board_and_converted()
    {
        await InBrowserAsync(async page =>
        {
            await SignUpAsync(page);

            // The upload form, filled, with the preview of the chosen file.
            await AccountNav(page).GetByRole(AriaRole.Link, new() { Name = "Upload", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Upload an image" })).ToBeVisibleAsync();
            // The page's module script runs before DOMContentLoaded; a file chosen earlier would get no preview (upload.js
            // listens for "change" only) and would be posted by the plain form, without progress.
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            await page.GetByLabel("Image", new() { Exact = true }).SetInputFilesAsync(Fixture("photo.jpg"));
            await ExpectLoadedAsync(page.GetByRole(AriaRole.Img, new() { Name = "Preview of the chosen image" }));
            await page.GetByLabel("Title").FillAsync(Title);
            await page.GetByLabel("Tags").FillAsync("sunset gradient artist:e2e_camera");
            await page.GetByRole(AriaRole.Radio, new() { Name = "Safe" }).CheckAsync();
            await DocumentAsync(page, "upload", fullPage: true);

            // The script sends the form to the API and goes to the post page, which shows the post as processing
            // (held on the server until it has been seen, so the outcome does not depend on the machine's speed).
            long id;
            using (Server.HoldPostProcessing())
            {
                var upload = await page.RunAndWaitForResponseAsync(
                    () => page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync(),
                    response => response.Request.Method == "POST" && new Uri(response.Url).AbsolutePath == "/api/v1/posts");
                // Only the headers: the body is gone once the script has navigated away.
                Assert.Equal(202, upload.Status);
                var location = await upload.HeaderValueAsync("Location");
                Assert.Matches(PostStatusUrl(), location);
                id = long.Parse(PostStatusUrl().Match(location!).Groups["id"].Value, CultureInfo.InvariantCulture);
                await Expect(page).ToHaveURLAsync(new Regex($"/posts/{id}$"));
                await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Processing" })).ToBeVisibleAsync();
            }

            // Once processed, the page's polling reloads it with the image, the palette and both kinds of tags.
            var image = page.Locator(".post__media picture img");
            await Expect(image).ToBeVisibleAsync(new() { Timeout = BackgroundWorkTimeout });
            await Expect(image).ToHaveAttributeAsync("alt", Title);
            await ExpectLoadedAsync(image);
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Processing" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = Title, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Palette" }).Locator(".palette")).ToBeVisibleAsync();
            var tags = page.GetByRole(AriaRole.Region, new() { Name = "Tags", Exact = true });
            var general = tags.GetByRole(AriaRole.Region, new() { Name = "general tags" });
            await Expect(general.GetByRole(AriaRole.Link, new() { Name = "sunset", Exact = true })).ToBeVisibleAsync();
            await Expect(general.GetByRole(AriaRole.Link, new() { Name = "gradient", Exact = true })).ToBeVisibleAsync();
            await Expect(tags.GetByRole(AriaRole.Region, new() { Name = "artist tags" })
                .GetByRole(AriaRole.Link, new() { Name = "e2e_camera", Exact = true })).ToBeVisibleAsync();
            var automatic = tags.Locator(".tags__group--auto");
            await Expect(automatic).ToBeVisibleAsync();
            await Expect(automatic).ToContainTextAsync("landscape"); // 640 × 480
            await DocumentAsync(page, "post", fullPage: true);

            if (ScreenshotsFolder is not null)
            {
                foreach (var (file, title) in BoardFixtures)
                {
                    await UploadAsync(page, file, title);
                }
            }

            // The board shows the post's tile.
            await page.GetByRole(AriaRole.Link, new() { Name = "Mosaic home" }).ClickAsync();
            var tile = page.Locator($"a.tile[href='/posts/{id.ToString(CultureInfo.InvariantCulture)}']");
            await Expect(tile).ToBeVisibleAsync();
            await Expect(tile).ToHaveAccessibleNameAsync(Title);
            foreach (var thumbnail in await page.Locator(".tile__image").AllAsync())
            {
                await ExpectLoadedAsync(thumbnail);
            }
            await DocumentAsync(page, "board");

            // An edited copy from the post page: sepia, shown before and after once the conversion has run.
            await tile.ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit a copy (conversions)" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/convert\\?post={id}$"));
            await page.GetByLabel("Operation", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Sepia" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Convert", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(ConversionUrl());
            await Expect(page.Locator(".compare img")).ToHaveCountAsync(2, new() { Timeout = BackgroundWorkTimeout });
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sepia", Level = 1 })).ToBeVisibleAsync();
            await ExpectLoadedAsync(page.GetByRole(AriaRole.Img, new() { Name = "Before", Exact = true }));
            await ExpectLoadedAsync(page.GetByRole(AriaRole.Img, new() { Name = "After", Exact = true }));
            await DocumentAsync(page, "convert");
        });
    }

    /// <summary>Uploads a fixture through the form and waits until its post is ready.</summary>
    private static async Task UploadAsync(IPage page, string file, string title)
    {
        await page.GotoAsync("/upload");
        await page.GetByLabel("Image", new() { Exact = true }).SetInputFilesAsync(Fixture(file));
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PostUrl());
        var image = page.Locator(".post__media picture img");
        await Expect(image).ToBeVisibleAsync(new() { Timeout = BackgroundWorkTimeout });
        await ExpectLoadedAsync(image);
    }

    [GeneratedRegex(@"^/api/v1/posts/(?<id>\d+)$")]
    private static partial Regex PostStatusUrl();

    [GeneratedRegex(@"/posts/\d+$")]
    private static partial Regex PostUrl();

    [GeneratedRegex(@"/convert/[0-9a-f-]{36}$")]
    private static partial Regex ConversionUrl();
}
