namespace Mosaic.Features.Votes;

/// <summary>A vote to cast.</summary>
/// <param name="Value">1 likes, -1 dislikes, 0 withdraws your vote.</param>
public sealed record VoteRequest(int? Value);

/// <summary>The counts after a vote and the caller's own vote (1, -1, or 0 for none).</summary>
public sealed record VoteDto(int LikeCount, int DislikeCount, int MyVote);
