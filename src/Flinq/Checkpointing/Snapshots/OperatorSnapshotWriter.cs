using Flinq.Serialization;

namespace Flinq.Checkpointing.Snapshots;

/// <summary>
/// Collects the state of one operator instance for a checkpoint as named sections — keyed state by key group,
/// operator state as lists — and encodes it as one file. Used on the task thread only.
/// </summary>
internal sealed class OperatorSnapshotWriter
{
    private const uint Magic = 0x53514C46; // "FLQS"
    private const int FormatVersion = 1;

    private readonly List<(SnapshotSectionKind Kind, string Name, object Content)> _sections = new();

    /// <summary>Whether anything was written.</summary>
    public bool IsEmpty => _sections.Count == 0;

    /// <summary>Adds keyed state: one blob per key group that has entries.</summary>
    public void AddKeyGroups(string name, IReadOnlyDictionary<int, byte[]> blobsByKeyGroup) =>
        _sections.Add((SnapshotSectionKind.KeyGroups, name, blobsByKeyGroup));

    /// <summary>Adds operator state whose items are split among the instances on restore.</summary>
    public void AddSplitList(string name, IReadOnlyList<byte[]> items) => _sections.Add((SnapshotSectionKind.SplitList, name, items));

    /// <summary>Adds operator state that every instance receives whole on restore.</summary>
    public void AddUnionList(string name, IReadOnlyList<byte[]> items) => _sections.Add((SnapshotSectionKind.UnionList, name, items));

    public byte[] ToBytes()
    {
        var writer = new StateWriter(1024);
        writer.WriteInt32(unchecked((int)Magic));
        writer.WriteInt32(FormatVersion);
        writer.WriteVarUInt64((ulong)_sections.Count);
        foreach (var (kind, name, content) in _sections)
        {
            writer.WriteByte((byte)kind);
            writer.WriteString(name);
            if (content is IReadOnlyDictionary<int, byte[]> groups)
            {
                writer.WriteVarUInt64((ulong)groups.Count);
                foreach (var (keyGroup, blob) in groups.OrderBy(g => g.Key))
                {
                    writer.WriteVarUInt64((ulong)keyGroup);
                    writer.WriteBytes(blob);
                }
            }
            else
            {
                var items = (IReadOnlyList<byte[]>)content;
                writer.WriteVarUInt64((ulong)items.Count);
                foreach (var item in items)
                {
                    writer.WriteBytes(item);
                }
            }
        }

        return writer.ToArray();
    }

    /// <summary>Decodes a snapshot file into its sections.</summary>
    public static List<SnapshotSection> Parse(byte[] data, string origin)
    {
        var reader = new StateReader(data);
        if (unchecked((uint)reader.ReadInt32()) != Magic)
        {
            throw new StateSerializationException($"{origin} is not a Flinq operator snapshot (bad magic number).");
        }

        int version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new StateSerializationException($"{origin} has snapshot format {version}; this build reads {FormatVersion}.");
        }

        int count = reader.ReadLength("section list");
        var sections = new List<SnapshotSection>(count);
        for (int i = 0; i < count; i++)
        {
            var kind = (SnapshotSectionKind)reader.ReadByte();
            string name = reader.ReadString() ?? throw new StateSerializationException($"{origin}: a section has no name.");
            int items = reader.ReadLength("section");
            var section = new SnapshotSection(kind, name);
            for (int j = 0; j < items; j++)
            {
                if (kind == SnapshotSectionKind.KeyGroups)
                {
                    section.KeyGroups.Add(((int)reader.ReadVarUInt64(), reader.ReadBytes()));
                }
                else if (kind is SnapshotSectionKind.SplitList or SnapshotSectionKind.UnionList)
                {
                    section.Items.Add(reader.ReadBytes());
                }
                else
                {
                    throw new StateSerializationException($"{origin}: unknown section kind {(byte)kind}.");
                }
            }

            sections.Add(section);
        }

        return sections;
    }
}

/// <summary>One decoded section of an operator snapshot.</summary>
internal sealed class SnapshotSection(SnapshotSectionKind kind, string name)
{
    public SnapshotSectionKind Kind { get; } = kind;

    public string Name { get; } = name;

    public List<(int KeyGroup, byte[] Blob)> KeyGroups { get; } = new();

    public List<byte[]> Items { get; } = new();
}
