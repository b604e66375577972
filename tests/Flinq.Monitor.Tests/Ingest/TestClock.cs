using Flinq.Monitor.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Monitor.Tests.Ingest;

/// <summary>A fixed clock for decoders: 2026-01-01T00:00:00Z.</summary>
internal static class TestClock
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TimeProvider Provider { get; } = new FakeTimeProvider(Now);

    public static long NowMs => Now.ToUnixTimeMilliseconds();

    public static ulong NowNanos => (ulong)NowMs * 1_000_000UL;

    public static IngestOptions Options { get; } = new() { TimeProvider = Provider };
}
