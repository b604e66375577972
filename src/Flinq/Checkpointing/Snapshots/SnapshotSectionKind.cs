namespace Flinq.Checkpointing.Snapshots;

/// <summary>How a section of an operator's snapshot is redistributed when a job is restored.</summary>
internal enum SnapshotSectionKind : byte
{
    /// <summary>Keyed state: blobs per key group; each new instance takes the key groups it owns.</summary>
    KeyGroups = 1,

    /// <summary>Operator list state: items from all old instances dealt round robin to the new ones.</summary>
    SplitList = 2,

    /// <summary>Operator union state: every new instance gets every item (sources pick their splits from it).</summary>
    UnionList = 3,
}
