using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Storage;
using Mosaic.Tests.Infrastructure;

namespace Mosaic.Tests.Storage;

public sealed class StorageOptionsTests
{
    [Fact]
    public void Default_is_a_folder_named_objects_under_the_data_path()
    {
        using var data = new TempFolder();
        using var services = Build(new() { ["Mosaic:DataPath"] = data.Path });

        var store = Assert.IsType<FileSystemObjectStore>(services.GetRequiredService<IObjectStore>());

        Assert.Equal(Path.Combine(data.Path, "objects"), store.Root);
    }

    [Fact]
    public void S3_provider_gives_the_S3_store()
    {
        using var services = Build(new()
        {
            ["Mosaic:Storage:Provider"] = "s3",
            ["Mosaic:Storage:S3:ServiceUrl"] = "http://127.0.0.1:9",
            ["Mosaic:Storage:S3:Bucket"] = "media",
        });

        Assert.IsType<S3ObjectStore>(services.GetRequiredService<IObjectStore>());
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value.S3;
        Assert.True(options.ForcePathStyle);
        Assert.Equal(MediaDelivery.Stream, options.ParsedDelivery);
        Assert.Equal(TimeSpan.FromMinutes(15), options.PresignedUrlLifetime);
    }

    [Theory]
    [InlineData("Provider", "Azure", "Mosaic:Storage:Provider must be FileSystem or S3 (was 'Azure').")]
    [InlineData("Provider", "1", "Mosaic:Storage:Provider must be FileSystem or S3 (was '1').")]
    [InlineData("S3:Bucket", "", "Mosaic:Storage:S3:Bucket is required when Mosaic:Storage:Provider is S3.")]
    [InlineData("S3:ServiceUrl", "ftp://example.com", "Mosaic:Storage:S3:ServiceUrl must be an absolute http or https URL (was 'ftp://example.com').")]
    [InlineData("S3:ServiceUrl", "", "Mosaic:Storage:S3:Region or Mosaic:Storage:S3:ServiceUrl is required when Mosaic:Storage:Provider is S3.")]
    [InlineData("S3:SecretKey", "", "Mosaic:Storage:S3:AccessKey and Mosaic:Storage:S3:SecretKey must be set together (or both left empty to use the SDK's credential chain).")]
    [InlineData("S3:Delivery", "Proxy", "Mosaic:Storage:S3:Delivery must be Stream or Redirect (was 'Proxy').")]
    [InlineData("S3:PresignedUrlLifetime", "30.00:00:00", "Mosaic:Storage:S3:PresignedUrlLifetime must be between 00:00:10 and 7.00:00:00 (was '30.00:00:00').")]
    public async Task A_bad_value_stops_the_host_naming_the_key(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mosaic:Storage:Provider"] = "S3",
            ["Mosaic:Storage:S3:ServiceUrl"] = "http://127.0.0.1:9",
            ["Mosaic:Storage:S3:Bucket"] = "media",
            ["Mosaic:Storage:S3:AccessKey"] = "key",
            ["Mosaic:Storage:S3:SecretKey"] = "secret",
            ["Mosaic:Storage:" + key] = value,
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddObjectStorage();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(message, Assert.Single(error.Failures));
    }

    [Fact]
    public void Region_alone_is_enough_for_AWS()
    {
        var options = new StorageOptions { Provider = "S3", S3 = { Bucket = "media", Region = "eu-west-1" } };

        Assert.True(new StorageOptionsValidator().Validate(null, options).Succeeded);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddValidatedOptions<MosaicOptions, MosaicOptionsValidator>(MosaicOptions.Section);
        services.AddObjectStorage();
        return services.BuildServiceProvider();
    }
}
