using Mosaic.Platform.Configuration;
using Mosaic.Platform.Jobs;
using Mosaic.Platform.Storage;

namespace Mosaic.Features.Conversions;

public static class ConversionsExtensions
{
    public static IServiceCollection AddConversions(this IServiceCollection services)
    {
        services.AddValidatedOptions<ConversionsOptions, ConversionsOptionsValidator>(ConversionsOptions.Section);
        services.AddScoped<ConversionService>();
        services.AddScoped<IStoredObjectReferences, ConversionStorageReferences>();
        services.AddJobHandler<ConversionRunner>(ConversionService.RunJob);
        services.AddJobHandler<ConversionExpiry>(ConversionExpiry.Job);
        services.AddHostedService<ConversionExpirySchedule>();
        return services;
    }

    public static IEndpointRouteBuilder MapConversions(this IEndpointRouteBuilder app) => app.MapConversionsApi();
}
