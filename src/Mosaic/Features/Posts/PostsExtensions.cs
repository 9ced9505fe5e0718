using Mosaic.Features.Tags;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Jobs;
using Mosaic.Platform.Storage;

namespace Mosaic.Features.Posts;

public static class PostsExtensions
{
    public static IServiceCollection AddPosts(this IServiceCollection services)
    {
        services.AddValidatedOptions<PostsOptions, PostsOptionsValidator>(PostsOptions.Section);
        services.AddScoped<TagService>();
        services.AddScoped<UploadService>();
        services.AddScoped<PostQueries>();
        services.AddScoped<PostTagCounts>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<IStoredObjectReferences, PostStorageReferences>();
        services.AddJobHandler<PostProcessor>(UploadService.ProcessJob);
        services.AddJobHandler<PostPurger>(PostPurger.Job);
        return services;
    }

    public static IEndpointRouteBuilder MapPosts(this IEndpointRouteBuilder app)
    {
        app.MapPostsApi();
        return app;
    }
}
