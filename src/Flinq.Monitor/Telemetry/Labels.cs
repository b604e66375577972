using System.Collections;
using System.Runtime.InteropServices;
using System.Text;

namespace Flinq.Monitor.Telemetry;

/// <summary>
/// An immutable set of labels sorted by name, with unique names and non-empty values, and a stable 64-bit
/// <see cref="Fingerprint"/>. It identifies a series (metric name plus labels) and carries the attributes
/// of logs and spans. Build one with <see cref="LabelsBuilder"/> (reusable, so decoders allocate only the
/// final array) or <see cref="FromPairs"/>.
/// </summary>
/// <remarks>
/// <para>The idea follows Prometheus' <c>labels.Labels</c>: a sorted flat array, binary search for lookups,
/// and a hash over the sorted pairs. Names are ordered ordinally by UTF-16 code unit.</para>
/// <para>The fingerprint is FNV-1a 64 over, for each label in order, the name length (4 bytes, little
/// endian), the name's UTF-16 code units (little endian), the value length and the value's code units,
/// followed by the MurmurHash3 64-bit finalizer for avalanche. It depends only on the sorted pairs, so it is
/// the same in every process, on every machine and in every run: it may be persisted as a series id or an
/// alert fingerprint. Equal sets have equal fingerprints; unequal sets collide with probability about 2^-64
/// per pair, which is why <see cref="Equals(Labels?)"/> still compares the pairs.</para>
/// <para>Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed class Labels : IEquatable<Labels>, IReadOnlyList<Label>
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    private readonly Label[] _labels;

    /// <summary>The empty label set.</summary>
    public static Labels Empty { get; } = new([]);

    /// <summary>Wraps an array that is already sorted by name, has unique names and non-empty values.</summary>
    internal Labels(Label[] sorted)
    {
        _labels = sorted;
        Fingerprint = ComputeFingerprint(sorted);
    }

    /// <summary>The stable 64-bit hash of the sorted pairs (see the type's remarks for its exact definition).</summary>
    public ulong Fingerprint { get; }

    /// <summary>The number of labels.</summary>
    public int Count => _labels.Length;

    /// <summary>The label at <paramref name="index"/> in name order.</summary>
    public Label this[int index] => _labels[index];

    /// <summary>The labels in name order, without copying.</summary>
    public ReadOnlySpan<Label> AsSpan() => _labels;

    /// <summary>
    /// Creates a set from name/value pairs in any order. Pairs with an empty value are left out (Prometheus
    /// treats an empty label value as an absent label).
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty or appears twice.</exception>
    public static Labels FromPairs(params ReadOnlySpan<(string Name, string Value)> pairs)
    {
        var builder = new LabelsBuilder();
        foreach (var (name, value) in pairs)
        {
            builder.Add(name, value);
        }

        return builder.Build();
    }

    /// <summary>The value of the label called <paramref name="name"/>, or null when there is none.</summary>
    public string? Get(string name) => TryGetValue(name, out var value) ? value : null;

    /// <summary>Finds a label by name with a binary search.</summary>
    public bool TryGetValue(string name, out string value)
    {
        int lo = 0, hi = _labels.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = string.CompareOrdinal(_labels[mid].Name, name);
            if (c == 0)
            {
                value = _labels[mid].Value;
                return true;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        value = string.Empty;
        return false;
    }

    /// <summary>Computes the fingerprint of labels that are already sorted by name (see the type's remarks).</summary>
    public static ulong ComputeFingerprint(ReadOnlySpan<Label> sorted)
    {
        ulong hash = FnvOffset;
        foreach (var label in sorted)
        {
            hash = Mix(hash, label.Name);
            hash = Mix(hash, label.Value);
        }

        // MurmurHash3 fmix64: FNV-1a's low bits avalanche poorly; the finalizer spreads every input bit.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return hash;
    }

    private static ulong Mix(ulong hash, string text)
    {
        uint length = (uint)text.Length;
        for (int i = 0; i < 4; i++)
        {
            hash = (hash ^ ((length >> (8 * i)) & 0xFF)) * FnvPrime;
        }

        foreach (char c in text)
        {
            hash = (hash ^ (uint)(c & 0xFF)) * FnvPrime;
            hash = (hash ^ (uint)(c >> 8)) * FnvPrime;
        }

        return hash;
    }

    /// <summary>Equal when both hold the same name/value pairs.</summary>
    public bool Equals(Labels? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Fingerprint != Fingerprint || other._labels.Length != _labels.Length)
        {
            return false;
        }

        for (int i = 0; i < _labels.Length; i++)
        {
            if (!string.Equals(_labels[i].Name, other._labels[i].Name, StringComparison.Ordinal)
                || !string.Equals(_labels[i].Value, other._labels[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Labels other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)Fingerprint ^ (int)(Fingerprint >> 32);

    /// <summary>Equality of the pairs.</summary>
    public static bool operator ==(Labels? a, Labels? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Inequality of the pairs.</summary>
    public static bool operator !=(Labels? a, Labels? b) => !(a == b);

    /// <summary>The Prometheus text form: <c>{a="1", b="x\"y"}</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("{");
        for (int i = 0; i < _labels.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(_labels[i].Name).Append("=\"").Append(EscapeValue(_labels[i].Value)).Append('"');
        }

        return sb.Append('}').ToString();
    }

    /// <summary>Returns an enumerator over the labels in name order.</summary>
    public Enumerator GetEnumerator() => new(_labels);

    IEnumerator<Label> IEnumerable<Label>.GetEnumerator() => ((IEnumerable<Label>)_labels).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _labels.GetEnumerator();

    internal static string EscapeValue(string value)
    {
        if (value.AsSpan().IndexOfAny("\\\"\n") < 0)
        {
            return value;
        }

        return value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>A non-allocating enumerator over the labels.</summary>
    [StructLayout(LayoutKind.Auto)]
    public struct Enumerator
    {
        private readonly Label[] _labels;
        private int _index;

        internal Enumerator(Label[] labels)
        {
            _labels = labels;
            _index = -1;
        }

        /// <summary>The label at the current position.</summary>
        public readonly Label Current => _labels[_index];

        /// <summary>Advances to the next label; false at the end.</summary>
        public bool MoveNext() => ++_index < _labels.Length;
    }
}
