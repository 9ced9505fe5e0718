using Microsoft.Extensions.Options;

namespace Mosaic.Platform.Configuration;

/// <summary>Settings shared by every feature: where the instance keeps its files.</summary>
public sealed class MosaicOptions
{
    public const string Section = "Mosaic";

    /// <summary>Folder for the SQLite database, stored files and keys. Relative paths are resolved from the working directory.</summary>
    public string DataPath { get; set; } = "./data";

    /// <summary>Public name shown in the header and page titles.</summary>
    public string SiteName { get; set; } = "Mosaic";

    public string FullDataPath => Path.GetFullPath(DataPath);
}

internal sealed class MosaicOptionsValidator : IValidateOptions<MosaicOptions>
{
    public ValidateOptionsResult Validate(string? name, MosaicOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataPath))
        {
            return ValidateOptionsResult.Fail("Mosaic:DataPath must name a folder.");
        }
        if (options.DataPath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return ValidateOptionsResult.Fail($"Mosaic:DataPath '{options.DataPath}' is not a valid path.");
        }
        if (string.IsNullOrWhiteSpace(options.SiteName) || options.SiteName.Length > 64)
        {
            return ValidateOptionsResult.Fail("Mosaic:SiteName must be 1 to 64 characters.");
        }
        return ValidateOptionsResult.Success;
    }
}

public static class ConfigurationExtensions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to a configuration section and validates it when the host starts.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
