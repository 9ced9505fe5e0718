namespace Mosaic.Features.Tags;

/// <summary>Tag pages, autocomplete, aliases and implications.</summary>
public static class TagsExtensions
{
    public static IServiceCollection AddTagManagement(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapTags(this IEndpointRouteBuilder app) => app;
}
