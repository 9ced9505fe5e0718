using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Imaging;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Imaging;

/// <summary>The supervised imaging host, as a real child process running libvips.</summary>
public sealed class ImagingHostTests : IAsyncLifetime
{
    private static readonly ImagingLimits Limits = new(100_000_000, 20_000, 1000);

    private readonly ImagingHost host = new(Options.Create(new ImagingOptions
    {
        EnableTestOperations = true,
        OperationTimeout = TimeSpan.FromSeconds(3),
        MemoryLimitMb = 400,
    }), NullLogger<ImagingHost>.Instance);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData("test.hang", "longer than")]
    [InlineData("test.crash", "crashed")]
    [InlineData("test.memory", "more than 400 MB")]
    public async Task A_misbehaving_decode_is_killed_and_the_next_request_works(string operation, string reason)
    {
        var failure = await Assert.ThrowsAsync<ImagingException>(() =>
            host.RunAsync(new ImagingRequest(operation, ImageFormat.Jpeg, Limits), new byte[] { 1 }, default));
        var next = await host.RunAsync(new ImagingRequest("probe", ImageFormat.Jpeg, Limits), Images.Fixture("photo.jpg"), default);

        Assert.Equal(ImagingFailure.HostFailed, failure.Failure);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Restarts);
        Assert.Equal(640, next.Probe!.Width);
    }

    [Theory]
    [InlineData("truncated.jpg", ImageFormat.Jpeg, ImagingFailure.InvalidImage)]
    [InlineData("bomb-header.png", ImageFormat.Png, ImagingFailure.TooLarge)]
    [InlineData("random.jpg", ImageFormat.Jpeg, ImagingFailure.InvalidImage)]
    public async Task Bad_files_are_refused_with_a_reason_and_the_host_survives(string fixture, ImageFormat format, ImagingFailure expected)
    {
        var failure = await Assert.ThrowsAsync<ImagingException>(() =>
            host.RunAsync(new ImagingRequest("validate", format, Limits), Images.Fixture(fixture), default));

        Assert.Equal(expected, failure.Failure);
        Assert.NotEmpty(failure.Message);
        Assert.Equal(0, host.Restarts);
    }

    [Fact]
    public async Task Header_limits_apply_before_decoding()
    {
        var failure = await Assert.ThrowsAsync<ImagingException>(() =>
            host.RunAsync(new ImagingRequest("validate", ImageFormat.Jpeg, new ImagingLimits(100_000, 20_000, 1000)), Images.Fixture("photo.jpg"), default));

        Assert.Equal(ImagingFailure.TooLarge, failure.Failure);
        Assert.Contains("megapixels", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Variants_are_oriented_srgb_and_free_of_metadata()
    {
        var source = Images.Fixture("orientation-6-gps.jpg");
        var result = await host.RunAsync(new ImagingRequest("process", ImageFormat.Jpeg, Limits,
            [new VariantSpec("a", 320, 0, "jpeg", 85), new VariantSpec("b", 320, 0, "webp", 80), new VariantSpec("c", 320, 0, "png", 0)], 64), source, default);

        Assert.Equal(6, result.Probe!.Orientation);
        foreach (var name in new[] { "a", "b", "c" })
        {
            var output = result.Output(name);
            Assert.True(output.Height > output.Width, $"{name} should be upright (portrait)");
            Assert.True(output.Bytes.AsSpan().IndexOf("Exif"u8) < 0, $"{name} still carries EXIF");
        }
        Assert.True(source.AsSpan().IndexOf("Exif"u8) >= 0, "the fixture should carry EXIF");
        var analysis = result.Output("analysis");
        Assert.Equal(ImagingOutput.RawPixels, analysis.ContentType);
        Assert.Equal(analysis.Width * analysis.Height * analysis.Bands, analysis.Bytes.Length);
    }

    [Theory]
    [InlineData("cmyk.jpg", ImageFormat.Jpeg)]
    [InlineData("sixteen-bit.png", ImageFormat.Png)]
    [InlineData("one-pixel.png", ImageFormat.Png)]
    [InlineData("alpha.png", ImageFormat.Png)]
    [InlineData("animated-1000.gif", ImageFormat.Gif)]
    [InlineData("photo.webp", ImageFormat.WebP)]
    public async Task Unusual_but_valid_images_render_to_8_bit_srgb(string fixture, ImageFormat format)
    {
        var result = await host.RunAsync(new ImagingRequest("process", format, Limits, [new VariantSpec("thumb", 360, 0, "webp", 80)], 32), Images.Fixture(fixture), default);

        var analysis = result.Output("analysis");
        Assert.InRange(analysis.Bands, 3, 4);
        Assert.Equal(analysis.Width * analysis.Height * analysis.Bands, analysis.Bytes.Length);
        Assert.NotEmpty(result.Output("thumb").Bytes);
        if (fixture.StartsWith("animated", StringComparison.Ordinal))
        {
            Assert.Equal(1000, result.Probe!.Frames);
        }
    }

    [Fact]
    public async Task Every_conversion_produces_an_image_and_its_before()
    {
        var source = Images.Fixture("photo.jpg");
        foreach (var operation in Mosaic.Features.Conversions.Operations.All)
        {
            var result = await host.RunAsync(new ImagingRequest("convert", ImageFormat.Jpeg, Limits, Conversion: new ConversionSpec(operation.Name, operation.Default)), source, default);
            Assert.Equal("image/jpeg", result.Output("result").ContentType);
            Assert.NotEmpty(result.Output("before").Bytes);
            if (operation.Name == "rotate")
            {
                Assert.Equal(480, result.Output("result").Width);
            }
        }
    }
}
