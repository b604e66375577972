namespace Flinq.Nexmark.Generator;

/// <summary>
/// A small SplitMix64 random number generator (a value type, no allocation). Each event gets its own generator
/// seeded from the job's seed and the event number, so an event's contents do not depend on which split or
/// instance produced it, nor on what was generated before (Nexmark seeds a <c>java.util.Random</c> per event the
/// same way in Beam's generator).
/// </summary>
internal struct NexmarkRandom
{
    private ulong _state;

    public NexmarkRandom(ulong state) => _state = state;

    /// <summary>The generator for one event.</summary>
    public static NexmarkRandom ForEvent(long seed, long eventNumber) =>
        new(Mix(unchecked((ulong)seed ^ ((ulong)eventNumber * 0x9E3779B97F4A7C15UL))));

    /// <summary>The current state: a generator created from it continues the same sequence.</summary>
    public readonly ulong State => _state;

    public ulong NextUInt64()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Mix(_state);
    }

    /// <summary>Uniform in [0, bound); bound must be positive.</summary>
    public int NextInt(int bound) => (int)Math.BigMul(NextUInt64(), (ulong)bound, out _);

    /// <summary>Uniform in [0, bound); bound must be positive.</summary>
    public long NextLong(long bound) => (long)Math.BigMul(NextUInt64(), (ulong)bound, out _);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
