namespace Flinq.Examples.PageViews;

/// <summary>
/// One output line: the page views (<c>pv</c>) and distinct users (<c>uv</c>) of a page on a calendar day of the
/// job's time zone, so far (<c>final</c> false, a running total) or for the whole day (<c>final</c> true).
/// <c>approximate</c> says the UV is a HyperLogLog estimate.
/// </summary>
public sealed record PageViewCount(string Day, string PageId, long Pv, long Uv, bool Final, bool Approximate);
