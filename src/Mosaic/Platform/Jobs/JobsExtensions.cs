using Microsoft.Extensions.DependencyInjection.Extensions;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Data;

namespace Mosaic.Platform.Jobs;

public static class JobsExtensions
{
    /// <summary>The queue, the workers (<c>Mosaic:Jobs</c>) and the in-process wake-up; call after <c>AddMosaicData</c>.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(JobQueue)))
        {
            return services;
        }
        services.AddValidatedOptions<JobsOptions, JobsOptionsValidator>(JobsOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobSignalInterceptor>();
        services.ConfigureDbContext<MosaicDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<JobSignalInterceptor>()));
        services.AddSingleton(sp => new JobHandlerRegistry(sp.GetServices<JobHandlerRegistration>()));
        services.AddScoped<JobQueue>();
        services.AddSingleton<JobWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
        return services;
    }

    /// <summary>
    /// Runs jobs of <paramref name="kind"/> with <typeparamref name="THandler"/>, resolved in a scope of its own per
    /// run. The handler must be idempotent: see <see cref="IJobHandler"/>.
    /// </summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services, string kind)
        where THandler : class, IJobHandler
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kind.Length, Job.KindMaxLength, nameof(kind));
        services.TryAddScoped<THandler>();
        services.AddSingleton(new JobHandlerRegistration(kind, typeof(THandler)));
        return services;
    }
}
