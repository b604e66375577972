namespace Flinq.Nexmark.Model;

/// <summary>Query 11's output: a bidder's session (bids less than the gap apart), its bid count, start and end (last bid + gap).</summary>
public readonly record struct UserSession(long Bidder, long Count, long Start, long End);
