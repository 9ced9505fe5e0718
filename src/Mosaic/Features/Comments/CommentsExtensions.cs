using Mosaic.Platform.Configuration;

namespace Mosaic.Features.Comments;

/// <summary>Threaded comments on posts.</summary>
public static class CommentsExtensions
{
    public static IServiceCollection AddComments(this IServiceCollection services)
    {
        services.AddValidatedOptions<CommentRateLimitOptions, CommentRateLimitOptionsValidator>(CommentRateLimitOptions.Section);
        services.AddSingleton<CommentThrottle>();
        services.AddScoped<CommentQueries>();
        services.AddScoped<CommentService>();
        return services;
    }

    public static IEndpointRouteBuilder MapComments(this IEndpointRouteBuilder app)
    {
        app.MapCommentsApi();
        app.MapCommentForms();
        return app;
    }
}
