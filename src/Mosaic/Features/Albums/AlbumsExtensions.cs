namespace Mosaic.Features.Albums;

/// <summary>Albums: ordered, public or private collections of posts.</summary>
public static class AlbumsExtensions
{
    public static IServiceCollection AddAlbums(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapAlbums(this IEndpointRouteBuilder app) => app;
}
