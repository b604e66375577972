namespace Flinq.Nexmark.Model;

/// <summary>An item put up for auction (Nexmark's <c>Auction</c>).</summary>
/// <param name="Id">The auction's id, from 1000 up, in the order auctions opened.</param>
/// <param name="ItemName">A random name.</param>
/// <param name="Description">A random description.</param>
/// <param name="InitialBid">The opening price.</param>
/// <param name="Reserve">The reserve price (above the opening price).</param>
/// <param name="DateTime">Event time at which the auction opened, epoch milliseconds.</param>
/// <param name="Expires">Event time at which the auction closes, epoch milliseconds (after <paramref name="DateTime"/>).</param>
/// <param name="Seller">The selling person's id.</param>
/// <param name="Category">The category, 10 to 14.</param>
/// <param name="Extra">Padding that brings the record to about 500 bytes on average.</param>
public sealed record Auction(long Id, string ItemName, string Description, long InitialBid, long Reserve, long DateTime, long Expires, long Seller, long Category, string Extra);
