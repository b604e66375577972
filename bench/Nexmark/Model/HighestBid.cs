namespace Flinq.Nexmark.Model;

/// <summary>Query 7's output: a bid with the highest price of the tumbling window starting at <see cref="WindowStart"/>.</summary>
public readonly record struct HighestBid(Bid Bid, long WindowStart);
