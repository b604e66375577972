namespace Flinq.Nexmark.Model;

/// <summary>Query 2's output: the auction and price of a selected bid.</summary>
public readonly record struct AuctionPrice(long Auction, long Price);
