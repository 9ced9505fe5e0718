using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Jobs;

namespace Mosaic.Tests.Jobs;

public sealed class JobsOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var options = Resolve([]);

        Assert.True(options.Enabled);
        Assert.Equal(2, options.Concurrency);
        Assert.Equal(TimeSpan.FromMinutes(2), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(1), options.PollInterval);
        Assert.Equal(5, options.MaxAttempts);
    }

    [Theory]
    [InlineData("Mosaic:Jobs:Concurrency", "0")]
    [InlineData("Mosaic:Jobs:LeaseDuration", "00:00:01")]
    [InlineData("Mosaic:Jobs:PollInterval", "00:00:00")]
    [InlineData("Mosaic:Jobs:MaxAttempts", "0")]
    public void A_wrong_setting_is_refused_naming_its_key(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?> { [key] = value }));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith(key, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_handlers_for_one_kind_are_refused()
    {
        var services = new ServiceCollection()
            .AddSingleton(new RunLog())
            .AddJobHandler<RecordingHandler>("test.same")
            .AddJobHandler<FailingHandler>("test.same");
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddJobs();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<JobHandlerRegistry>());

        Assert.Contains("test.same", error.Message, StringComparison.Ordinal);
    }

    private static JobsOptions Resolve(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddJobs();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<JobsOptions>>().Value;
    }
}
