namespace Flinq.Nexmark.Model;

/// <summary>Query 1's output: a bid with its price converted from dollars to euros (× 0.908).</summary>
public readonly record struct BidInEuros(long Auction, long Bidder, double Price, long DateTime);
