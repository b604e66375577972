using BenchmarkDotNet.Attributes;
using Flinq.State;
using Flinq.State.Heap;

namespace Flinq.Benchmarks.Micro;

/// <summary>
/// One keyed-state update per record, as a rolling aggregate does it: <see cref="StateTable{TKey, TNamespace, TValue}"/>
/// lookups by a <c>long</c> key, with key-only state (<see cref="VoidNamespace"/>) and with a per-window
/// namespace (here a <c>long</c>, as a window end would be).
/// </summary>
public class StateTableBenchmarks
{
    private const int Updates = 1 << 20;
    private readonly StateTable<long, VoidNamespace, long> _keyOnly = new();
    private readonly StateTable<long, WindowEnd, long> _windowed = new();

    [Params(1000, 100_000)]
    public int Keys { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Updates)]
    public long KeyOnly()
    {
        long keys = Keys;
        for (long n = 0; n < Updates; n++)
        {
            ref long count = ref _keyOnly.GetValueRefOrAddDefault(n % keys, VoidNamespace.Instance, out _);
            count++;
        }

        return _keyOnly.Count;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public long Windowed()
    {
        long keys = Keys;
        var window = new WindowEnd(60_000);
        for (long n = 0; n < Updates; n++)
        {
            ref long count = ref _windowed.GetValueRefOrAddDefault(n % keys, window, out _);
            count++;
        }

        return _windowed.Count;
    }

    /// <summary>A stand-in window namespace until the windowing package provides <c>TimeWindow</c>.</summary>
    public readonly record struct WindowEnd(long Milliseconds);
}
