using Mosaic.Platform.Configuration;

namespace Mosaic.Features.Votes;

/// <summary>Likes and dislikes on posts and comments.</summary>
public static class VotesExtensions
{
    public static IServiceCollection AddVotes(this IServiceCollection services)
    {
        services.AddValidatedOptions<VoteRateLimitOptions, VoteRateLimitOptionsValidator>(VoteRateLimitOptions.Section);
        services.AddSingleton<VoteThrottle>();
        services.AddScoped<VoteService>();
        return services;
    }

    public static IEndpointRouteBuilder MapVotes(this IEndpointRouteBuilder app)
    {
        app.MapVotesApi();
        app.MapVoteForms();
        return app;
    }
}
