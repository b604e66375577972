namespace Flinq.Examples.MachineDown;

/// <summary>
/// Deterministic reports for runs without input: report <c>n</c> comes from host <c>n mod hosts</c>
/// ("host-00", ...). In the demo (<see cref="GenerateDemo"/>) one host, chosen by the seed, stops after
/// <c>20 × hosts</c> reports, and every host stops after <c>40 × hosts</c> — at 1 round of reports per second,
/// the chosen host goes DOWN about 20 s + timeout in, and all the others at about 40 s + timeout.
/// </summary>
public static class MetricGenerator
{
    /// <summary>The number of hosts in the demo.</summary>
    public const int DemoHosts = 5;

    /// <summary>Report <paramref name="n"/> of the demo, or null when that host is silent at that point.</summary>
    public static MetricEvent? GenerateDemo(long n, int seed)
    {
        int host = (int)(n % DemoHosts);
        long round = n / DemoHosts;
        int quitter = (int)((uint)seed % DemoHosts);
        if (round >= 40 || (host == quitter && round >= 20))
        {
            return null;
        }

        return new MetricEvent($"host-{host:D2}", "cpu", (n * 7 % 100) / 100.0, null);
    }

    /// <summary>Report <paramref name="n"/> for benchmarks: <paramref name="hosts"/> hosts reporting in turn, none silent.</summary>
    public static MetricEvent Generate(long n, int hosts) => new($"host-{n % hosts:D5}", "cpu", (n * 7 % 100) / 100.0, null);
}
