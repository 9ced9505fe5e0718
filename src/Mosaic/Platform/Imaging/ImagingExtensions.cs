using Mosaic.Platform.Configuration;

namespace Mosaic.Platform.Imaging;

public static class ImagingExtensions
{
    public static IServiceCollection AddImaging(this IServiceCollection services)
    {
        services.AddValidatedOptions<ImagingOptions, ImagingOptionsValidator>(ImagingOptions.Section);
        services.AddSingleton<ImagingHost>();
        services.AddScoped<ImageIntake>();
        return services;
    }
}
