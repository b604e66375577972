namespace Flinq.Examples.PageViews;

/// <summary>
/// The state of one page on one day: the view count and the users seen, either exactly (a set of user ids) or
/// as a <see cref="HyperLogLog"/> sketch (4 KiB, whatever the number of users). Mutated in place.
/// </summary>
public sealed class PageAccumulator
{
    private readonly HashSet<string>? _users;
    private readonly HyperLogLog? _sketch;

    /// <summary>Creates an empty accumulator, exact or approximate.</summary>
    public PageAccumulator(bool approximate)
    {
        if (approximate)
        {
            _sketch = new HyperLogLog();
        }
        else
        {
            _users = new HashSet<string>(StringComparer.Ordinal);
        }
    }

    /// <summary>Page views so far.</summary>
    public long Views { get; private set; }

    /// <summary>Counts one view by <paramref name="userId"/>.</summary>
    public void Add(string userId)
    {
        Views++;
        if (_users is not null)
        {
            _users.Add(userId);
        }
        else
        {
            _sketch!.Add(userId);
        }
    }

    /// <summary>Distinct users so far (exact, or the sketch's estimate).</summary>
    public long DistinctUsers => _users?.Count ?? _sketch!.Estimate();

    /// <summary>Adds <paramref name="other"/>'s views and users into this one.</summary>
    public void Merge(PageAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Views += other.Views;
        if (_users is not null)
        {
            _users.UnionWith(other._users!);
        }
        else
        {
            _sketch!.Merge(other._sketch!);
        }
    }
}
