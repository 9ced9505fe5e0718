using Microsoft.Extensions.DependencyInjection.Extensions;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Jobs;

namespace Mosaic.Features.Tags;

/// <summary>Tag pages, autocomplete, aliases and implications.</summary>
public static class TagsExtensions
{
    public static IServiceCollection AddTagManagement(this IServiceCollection services)
    {
        services.AddValidatedOptions<TagsOptions, TagsOptionsValidator>(TagsOptions.Section);
        services.TryAddScoped<TagService>();
        services.AddScoped<TagQueries>();
        services.AddScoped<TagModeration>();
        services.AddScoped<PostTagging>();
        services.AddScoped<RelatedPostsQuery>();
        services.AddSingleton<TagEditThrottle>();
        services.AddJobHandler<AliasApplier>(TagRuleJobs.ApplyAlias);
        services.AddJobHandler<ImplicationApplier>(TagRuleJobs.ApplyImplication);
        return services;
    }

    public static IEndpointRouteBuilder MapTags(this IEndpointRouteBuilder app) => app.MapTagsApi();
}
