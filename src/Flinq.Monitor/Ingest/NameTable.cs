using System.Text;

namespace Flinq.Monitor.Ingest;

/// <summary>
/// Interns label names, metric names and other low-cardinality strings so a decoder that sees the same
/// names in every request neither allocates them again nor keeps thousands of copies alive. Bounded: once
/// <see cref="Capacity"/> distinct names are held, new names are returned without being kept (a producer
/// sending random names cannot grow it without limit). One per decoder; not thread-safe.
/// </summary>
internal sealed class NameTable
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public NameTable(int capacity = 16 * 1024)
    {
        Capacity = capacity;
        _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Capacity { get; }

    public int Count => _names.Count;

    public string Get(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return string.Empty;
        }

        if (_lookup.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var created = name.ToString();
        if (_names.Count < Capacity)
        {
            _names.Add(created, created);
        }

        return created;
    }

    public string Get(string name)
    {
        if (_names.TryGetValue(name, out var existing))
        {
            return existing;
        }

        if (_names.Count < Capacity)
        {
            _names.Add(name, name);
        }

        return name;
    }

    /// <summary>Interns UTF-8 bytes that are already known to be valid UTF-8.</summary>
    public string GetUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= 256)
        {
            Span<char> chars = stackalloc char[256];
            int n = Encoding.UTF8.GetChars(utf8, chars);
            return Get(chars[..n]);
        }

        return Get(Encoding.UTF8.GetString(utf8));
    }
}
