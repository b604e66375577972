namespace Flinq.Nexmark.Model;

/// <summary>Query 5's output: an auction with the most bids (<see cref="Count"/>) in the window [start, end).</summary>
public readonly record struct HotItem(long Auction, long Count, long WindowStart, long WindowEnd);
