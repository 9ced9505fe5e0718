namespace Mosaic.Features.Comments;

/// <summary>Threaded comments on posts.</summary>
public static class CommentsExtensions
{
    public static IServiceCollection AddComments(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapComments(this IEndpointRouteBuilder app) => app;
}
