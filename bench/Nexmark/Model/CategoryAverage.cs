namespace Flinq.Nexmark.Model;

/// <summary>
/// Query 4's output, an update of a category's average closing price: <see cref="Sum"/> of the winning (highest)
/// bids of the <see cref="Count"/> auctions of the category closed so far. Each closed auction emits one update;
/// the update with the largest count is the current result.
/// </summary>
public readonly record struct CategoryAverage(long Category, long Sum, long Count)
{
    /// <summary>The average closing price.</summary>
    public double Average => (double)Sum / Count;
}
