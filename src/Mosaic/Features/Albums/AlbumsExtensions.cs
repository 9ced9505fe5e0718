using Mosaic.Platform.Configuration;

namespace Mosaic.Features.Albums;

/// <summary>Albums: ordered, public or private collections of posts.</summary>
public static class AlbumsExtensions
{
    public static IServiceCollection AddAlbums(this IServiceCollection services)
    {
        services.AddValidatedOptions<AlbumsOptions, AlbumsOptionsValidator>(AlbumsOptions.Section);
        services.AddSingleton<AlbumWriteThrottle>();
        services.AddScoped<AlbumService>();
        services.AddScoped<AlbumQueries>();
        return services;
    }

    public static IEndpointRouteBuilder MapAlbums(this IEndpointRouteBuilder app)
    {
        app.MapAlbumsApi();
        return app;
    }
}
