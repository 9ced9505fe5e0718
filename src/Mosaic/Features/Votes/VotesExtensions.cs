namespace Mosaic.Features.Votes;

/// <summary>Likes and dislikes on posts and comments.</summary>
public static class VotesExtensions
{
    public static IServiceCollection AddVotes(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapVotes(this IEndpointRouteBuilder app) => app;
}
