using Flinq.Runtime.KeyGroups;

namespace Flinq.Checkpointing.Snapshots;

/// <summary>
/// The state one new operator instance restores from a checkpoint, already redistributed for its parallelism:
/// the keyed-state blobs of the key groups it owns, its share of split lists, and all union-list items.
/// Empty when the job starts fresh.
/// </summary>
internal sealed class OperatorRestoreState
{
    public static readonly OperatorRestoreState Empty = new();

    private readonly Dictionary<string, List<(int KeyGroup, byte[] Blob)>> _keyGroupBlobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<byte[]>> _lists = new(StringComparer.Ordinal);

    public bool IsRestored { get; private init; }

    /// <summary>The blobs (one per key group) of a keyed-state section, or none.</summary>
    public IReadOnlyList<(int KeyGroup, byte[] Blob)> KeyGroupBlobs(string name) => _keyGroupBlobs.TryGetValue(name, out var blobs) ? blobs : [];

    /// <summary>The items of a split- or union-list section for this instance, or none.</summary>
    public IReadOnlyList<byte[]> ListItems(string name) => _lists.TryGetValue(name, out var items) ? items : [];

    /// <summary>Whether the checkpoint has a list section of that name (possibly with no items for this instance).</summary>
    public bool HasList(string name) => _lists.ContainsKey(name);

    /// <summary>The names of all keyed-state sections present.</summary>
    public IEnumerable<string> KeyedSectionNames => _keyGroupBlobs.Keys;

    /// <summary>
    /// Redistributes the snapshots of all old instances (index = old subtask; null when it wrote nothing) to new
    /// instance <paramref name="subtask"/> of <paramref name="parallelism"/>.
    /// </summary>
    public static OperatorRestoreState Redistribute(IReadOnlyList<List<SnapshotSection>?> oldInstances, int subtask, int parallelism, int maxParallelism)
    {
        int first = KeyGroupRangeAssignment.StartKeyGroup(subtask, maxParallelism, parallelism);
        int last = KeyGroupRangeAssignment.EndKeyGroup(subtask, maxParallelism, parallelism);
        var state = new OperatorRestoreState { IsRestored = true };
        var splitItems = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        foreach (var sections in oldInstances)
        {
            if (sections is null)
            {
                continue;
            }

            foreach (var section in sections)
            {
                switch (section.Kind)
                {
                    case SnapshotSectionKind.KeyGroups:
                        var blobs = GetOrAdd(state._keyGroupBlobs, section.Name);
                        foreach (var (keyGroup, blob) in section.KeyGroups)
                        {
                            if (keyGroup >= first && keyGroup <= last)
                            {
                                blobs.Add((keyGroup, blob));
                            }
                        }

                        break;
                    case SnapshotSectionKind.SplitList:
                        GetOrAdd(splitItems, section.Name).AddRange(section.Items);
                        break;
                    case SnapshotSectionKind.UnionList:
                        GetOrAdd(state._lists, section.Name).AddRange(section.Items);
                        break;
                }
            }
        }

        foreach (var (name, items) in splitItems)
        {
            state._lists[name] = items.Where((_, i) => i % parallelism == subtask).ToList();
        }

        return state;
    }

    private static List<TItem> GetOrAdd<TItem>(Dictionary<string, List<TItem>> map, string name)
    {
        if (!map.TryGetValue(name, out var list))
        {
            list = new List<TItem>();
            map.Add(name, list);
        }

        return list;
    }
}
