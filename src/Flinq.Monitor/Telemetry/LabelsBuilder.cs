namespace Flinq.Monitor.Telemetry;

/// <summary>
/// Collects labels in any order and builds a sorted <see cref="Labels"/>. Reuse one builder per thread
/// (call <see cref="Reset"/> between sets): it keeps its buffer, so building allocates only the result.
/// Not thread-safe.
/// </summary>
public sealed class LabelsBuilder
{
    private Label[] _items = new Label[16];
    private int _count;

    /// <summary>The number of pairs added so far (including pairs with empty values).</summary>
    public int Count => _count;

    /// <summary>The pairs added so far, in insertion order.</summary>
    public ReadOnlySpan<Label> Items => _items.AsSpan(0, _count);

    /// <summary>Removes all pairs, keeping the buffer.</summary>
    public LabelsBuilder Reset()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
        return this;
    }

    /// <summary>
    /// Appends a pair without looking for an existing one with the same name; <see cref="TryBuild"/>
    /// reports such duplicates.
    /// </summary>
    public LabelsBuilder Add(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = new Label(name, value);
        return this;
    }

    /// <summary>Sets a pair, replacing the value of an existing pair with the same name (last write wins).</summary>
    public LabelsBuilder Set(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        for (int i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.Ordinal))
            {
                _items[i] = new Label(name, value);
                return this;
            }
        }

        return Add(name, value);
    }

    /// <summary>Removes every pair with this name; true when one was there.</summary>
    public bool Remove(string name)
    {
        bool removed = false;
        int write = 0;
        for (int read = 0; read < _count; read++)
        {
            if (string.Equals(_items[read].Name, name, StringComparison.Ordinal))
            {
                removed = true;
                continue;
            }

            _items[write++] = _items[read];
        }

        Array.Clear(_items, write, _count - write);
        _count = write;
        return removed;
    }

    /// <summary>Builds the set; pairs with empty values are left out.</summary>
    /// <exception cref="ArgumentException">A name is empty or was added twice.</exception>
    public Labels Build()
    {
        if (!TryBuild(out var labels, out var problem))
        {
            throw new ArgumentException(problem, nameof(Items));
        }

        return labels;
    }

    /// <summary>
    /// Builds the set, leaving out pairs with empty values. Fails, with a reason in
    /// <paramref name="problem"/>, when a name is empty or was added twice.
    /// </summary>
    public bool TryBuild(out Labels labels, out string? problem)
    {
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_items[i].Value.Length != 0)
            {
                kept++;
            }
        }

        if (kept == 0)
        {
            labels = Labels.Empty;
            problem = null;
            return true;
        }

        var sorted = new Label[kept];
        int n = 0;
        for (int i = 0; i < _count; i++)
        {
            var item = _items[i];
            if (item.Value.Length == 0)
            {
                continue;
            }

            // Insertion sort: label sets are small (tens), and this keeps the build allocation-free
            // apart from the result array.
            int j = n - 1;
            while (j >= 0 && string.CompareOrdinal(sorted[j].Name, item.Name) > 0)
            {
                sorted[j + 1] = sorted[j];
                j--;
            }

            sorted[j + 1] = item;
            n++;
        }

        for (int i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Name.Length == 0)
            {
                labels = Labels.Empty;
                problem = "a label name is empty";
                return false;
            }

            if (i > 0 && string.Equals(sorted[i - 1].Name, sorted[i].Name, StringComparison.Ordinal))
            {
                labels = Labels.Empty;
                problem = $"duplicate label name \"{sorted[i].Name}\"";
                return false;
            }
        }

        labels = new Labels(sorted);
        problem = null;
        return true;
    }
}
