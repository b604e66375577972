namespace Flinq.Nexmark.Model;

/// <summary>Query 3's output: a seller in Oregon, Idaho or California and one of their category-10 auctions.</summary>
public readonly record struct LocalItem(string Name, string City, string State, long AuctionId);
