using System.Globalization;

namespace Flinq.Examples.Dedup;

/// <summary>
/// Deterministic records for runs without input: record <c>n</c> depends only on <c>n</c> and the seed. Ids are
/// drawn from <c>distinct</c> values (e.g. <c>"e123"</c>), so about <c>count − distinct</c> records are
/// duplicates when <c>count</c> ≫ <c>distinct</c>.
/// </summary>
public static class RecordGenerator
{
    /// <summary>Record <paramref name="n"/> with ids among <paramref name="distinct"/> values.</summary>
    public static KeyedRecord Generate(long n, int seed, long distinct)
    {
        ulong h = Mix((ulong)n ^ ((ulong)(uint)seed << 32));
        string id = "e" + (h % (ulong)distinct).ToString(CultureInfo.InvariantCulture);
        return new KeyedRecord(id, string.Create(CultureInfo.InvariantCulture, $$"""{"id":"{{id}}","seq":{{n}}}"""));
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
