using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Ingest.Prometheus;

/// <summary>
/// Remembers the series a remote_write decoder built, keyed by the exact protobuf bytes of the series' label fields,
/// so a series sent again (Prometheus sends every series in every request) costs one hash and one compare instead of
/// decoding its strings, sorting and fingerprinting its labels. A hit returns the same <see cref="Labels"/> instance,
/// which lets later stages (the storage sink) recognise the series by reference. Only series that passed every check
/// are kept, and the bytes determine the result completely, so a hit answers exactly what decoding would.
/// </summary>
/// <remarks>
/// Bounded: when <see cref="Capacity"/> series are held the cache is emptied and fills again with the series that
/// keep arriving, so a producer with ever-new series costs at most a full decode each. One per decoder; not
/// thread-safe.
/// </remarks>
internal sealed class SeriesCache
{
    private readonly Dictionary<byte[], Entry> _entries;
    private readonly Dictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public SeriesCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _entries = new Dictionary<byte[], Entry>(BytesComparer.Instance);
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The most series held before the cache is emptied.</summary>
    public int Capacity { get; }

    public int Count => _entries.Count;

    /// <summary>Finds the series whose label fields were encoded as <paramref name="encodedLabels"/>.</summary>
    public bool TryGet(ReadOnlySpan<byte> encodedLabels, out string name, out Labels labels)
    {
        if (_lookup.TryGetValue(encodedLabels, out var entry))
        {
            name = entry.Name;
            labels = entry.Labels;
            return true;
        }

        name = string.Empty;
        labels = Labels.Empty;
        return false;
    }

    /// <summary>Keeps a valid series under the bytes of its label fields.</summary>
    public void Add(ReadOnlySpan<byte> encodedLabels, string name, Labels labels)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[encodedLabels.ToArray()] = new Entry(name, labels);
    }

    private readonly record struct Entry(string Name, Labels Labels);

    private sealed class BytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly BytesComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
