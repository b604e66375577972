namespace Flinq.Examples.ErrorLogAlert;

/// <summary>
/// Deterministic log events for runs without input: event <c>n</c> depends only on <c>n</c> and the seed. Events
/// are 10 ms apart from 2026-01-01T00:00:01Z, jittered up to 1 s earlier; five services; 0.2 % of lines are
/// ERROR or FATAL, except that <c>payments</c> has an error burst (40 %) in every minute whose number is a
/// multiple of 5, which is what the alerts catch.
/// </summary>
public static class LogGenerator
{
    /// <summary>2026-01-01T00:00:00Z in epoch milliseconds.</summary>
    public const long Start = 1_767_225_600_000;

    private static readonly string[] s_services = ["checkout", "payments", "search", "catalog", "auth"];

    /// <summary>Event number <paramref name="n"/> of the sequence seeded with <paramref name="seed"/>.</summary>
    public static LogEvent Generate(long n, int seed)
    {
        ulong h = Mix((ulong)n ^ ((ulong)(uint)seed << 32));
        string service = s_services[h % (ulong)s_services.Length];
        long ts = Start + 1_000 + (n * 10) - (long)((h >> 8) % 1_000);
        long minute = (ts - Start) / 60_000;
        int perMilleErrors = service == "payments" && minute % 5 == 0 ? 400 : 2;
        int roll = (int)((h >> 24) % 1000);
        string level = roll < perMilleErrors ? (roll == 0 ? "FATAL" : "ERROR") : roll < 900 ? "INFO" : "WARN";
        return new LogEvent(service, level, level == "INFO" ? "request served" : $"{service} call failed (code {(h >> 40) % 600})", ts);
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
