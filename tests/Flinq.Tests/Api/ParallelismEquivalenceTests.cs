using CsCheck;
using Flinq.Testing;

namespace Flinq.Tests.Api;

public sealed class ParallelismEquivalenceTests
{
    private const int Keys = 7;

    [Fact]
    public async Task Pipeline_AtParallelism2And4_EqualsParallelism1AndTheSequentialModel()
    {
        await Gen.Int[-1000, 1000].Array[0, 300].SampleAsync(async values =>
        {
            var expected = Model(values);
            foreach (int parallelism in new[] { 1, 2, 4 })
            {
                var actual = await RunAsync(values, parallelism);
                actual.Transformed.Order().Should().Equal(expected.Transformed.Order(), $"transformed records at parallelism {parallelism}");
                actual.Sums.Order().Should().Equal(expected.Sums.Order(), $"rolling sums at parallelism {parallelism}");
                actual.Maxima.Order().Should().Equal(expected.Maxima.Order(), $"rolling reduce at parallelism {parallelism}");
                actual.MinBys.Order().Should().Equal(expected.MinBys.Order(), $"rolling MinBy at parallelism {parallelism}");
                actual.FinalSums.Should().BeEquivalentTo(expected.FinalSums, $"final sums at parallelism {parallelism}");
                actual.FinalMaxima.Should().BeEquivalentTo(expected.FinalMaxima, $"final reduce at parallelism {parallelism}");
                actual.FinalMinBys.Should().BeEquivalentTo(expected.FinalMinBys, $"final MinBy at parallelism {parallelism}");
            }
        }, iter: 20, threads: 1);
    }

    private static int KeyOf(int value) => ((value % Keys) + Keys) % Keys;

    private static void Expand((int Key, int Value) record, Action<(int Key, int Value)> emit)
    {
        emit(record);
        if (record.Value % 2 == 0)
        {
            emit((record.Key, record.Value / 2));
        }
    }

    // The first KeyBy sends every record of a key through one instance of map/filter/flatMap, so the second
    // KeyBy (on the same key) sees each key's records in input order at any parallelism: the rolling results
    // are then a function of the input alone, and comparable as multisets.
    private static async Task<Results> RunAsync(int[] values, int parallelism)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism, BatchSize = 16 });
        var transformed = env.FromCollection(values)
            .KeyBy(KeyOf)
            .Map(v => (Key: KeyOf(v), Value: (v * 3) - 1))
            .Filter(r => r.Value % 5 != 0)
            .FlatMap<(int Key, int Value)>((r, output) => Expand(r, output.Collect));
        var keyed = transformed.KeyBy(r => r.Key);
        var sums = keyed.Sum(r => (long)r.Value).Collect();
        var maxima = keyed.Reduce((a, b) => (a.Key, Math.Max(a.Value, b.Value))).Collect();
        var minBys = keyed.MinBy(r => r.Value).Collect();
        var all = transformed.Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        return new Results(
            all.Values.ToList(),
            sums.Values.ToList(),
            maxima.Values.ToList(),
            minBys.Values.ToList(),
            LastPerKey(sums.Values, s => s.Key, s => s.Value),
            LastPerKey(maxima.Values, m => m.Key, m => m.Value),
            LastPerKey(minBys.Values, m => m.Key, m => m.Value));
    }

    // Records of a key arrive in order at one sink instance, so the last one collected is the final value.
    private static Dictionary<int, TValue> LastPerKey<TRecord, TValue>(IEnumerable<TRecord> records, Func<TRecord, int> key, Func<TRecord, TValue> value)
    {
        var last = new Dictionary<int, TValue>();
        foreach (var record in records)
        {
            last[key(record)] = value(record);
        }

        return last;
    }

    private static Results Model(int[] values)
    {
        var transformed = new List<(int Key, int Value)>();
        foreach (int v in values)
        {
            var mapped = (Key: KeyOf(v), Value: (v * 3) - 1);
            if (mapped.Value % 5 != 0)
            {
                Expand(mapped, transformed.Add);
            }
        }

        var sums = new List<(int, long)>();
        var maxima = new List<(int, int)>();
        var minBys = new List<(int, int)>();
        var sum = new Dictionary<int, long>();
        var max = new Dictionary<int, int>();
        var min = new Dictionary<int, int>();
        foreach (var (key, value) in transformed)
        {
            sum[key] = sum.GetValueOrDefault(key) + value;
            max[key] = max.TryGetValue(key, out int m) ? Math.Max(m, value) : value;
            min[key] = min.TryGetValue(key, out int n) ? Math.Min(n, value) : value;
            sums.Add((key, sum[key]));
            maxima.Add((key, max[key]));
            minBys.Add((key, min[key]));
        }

        return new Results(transformed, sums, maxima, minBys, sum, max, min);
    }

    private sealed record Results(
        List<(int Key, int Value)> Transformed,
        List<(int Key, long Value)> Sums,
        List<(int Key, int Value)> Maxima,
        List<(int Key, int Value)> MinBys,
        Dictionary<int, long> FinalSums,
        Dictionary<int, int> FinalMaxima,
        Dictionary<int, int> FinalMinBys);
}
