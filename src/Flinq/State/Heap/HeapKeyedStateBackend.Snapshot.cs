using Flinq.Checkpointing.Snapshots;
using Flinq.Serialization;

namespace Flinq.State.Heap;

internal sealed partial class HeapKeyedStateBackend<TKey>
{
    private const string SectionPrefix = "keyed:";
    private OperatorRestoreState? _restore;
    private SerializerRegistry? _restoreSerializers;

    /// <summary>
    /// Writes every table as a keyed section (one blob per key group), plus the tables restored but not yet
    /// registered again, so state survives a checkpoint taken before its operator touched it.
    /// </summary>
    public void Snapshot(OperatorSnapshotWriter writer, SerializerRegistry serializers, int maxParallelism)
    {
        foreach (var (name, table) in _tables)
        {
            writer.AddKeyGroups(SectionPrefix + name, ((IKeyedStateTable)table).Snapshot(serializers, maxParallelism));
        }

        if (_restore is null)
        {
            return;
        }

        foreach (var section in _restore.KeyedSectionNames)
        {
            if (section.StartsWith(SectionPrefix, StringComparison.Ordinal) && !_tables.ContainsKey(section[SectionPrefix.Length..]))
            {
                // Restored but not registered again yet: carry its bytes over unchanged.
                writer.AddKeyGroups(section, _restore.KeyGroupBlobs(section).ToDictionary(b => b.KeyGroup, b => b.Blob));
            }
        }
    }

    /// <summary>
    /// Restores keyed state: tables registered already are filled now, the others when they are registered
    /// (state is registered lazily, from Open or even later).
    /// </summary>
    public void Restore(OperatorRestoreState restore, SerializerRegistry serializers)
    {
        if (!restore.IsRestored)
        {
            return;
        }

        _restore = restore;
        _restoreSerializers = serializers;
        foreach (var (name, table) in _tables)
        {
            RestoreIfPending(name, table);
        }
    }

    private void RestoreIfPending(string name, object table)
    {
        if (_restore is null)
        {
            return;
        }

        var blobs = _restore.KeyGroupBlobs(SectionPrefix + name);
        if (blobs.Count > 0)
        {
            ((IKeyedStateTable)table).Restore(blobs.Select(b => b.Blob).ToArray(), _restoreSerializers!);
        }
    }
}
