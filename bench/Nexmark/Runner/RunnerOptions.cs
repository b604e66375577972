using System.Globalization;
using Flinq.Nexmark.Queries;

namespace Flinq.Nexmark.Runner;

/// <summary>The runner's command line.</summary>
internal sealed record RunnerOptions
{
    public const string Usage =
        "usage: Nexmark --query q0|q1|q2|q3|q4|q5|q7|q8|q11 [--events N (default 50000000)] [--parallelism N (default 1)]\n" +
        "               [--checkpoint-interval 10s|500ms|1m (default: no checkpoints)] [--event-rate N events/s of event time (default 10000000)]\n" +
        "               [--seed N (default 42)] [--warmup-events N (default 1000000; 0 for none)]";

    public string Query { get; init; } = "";

    public long Events { get; init; } = 50_000_000;

    public int Parallelism { get; init; } = 1;

    public TimeSpan? CheckpointInterval { get; init; }

    public double EventRate { get; init; } = 10_000_000;

    public long Seed { get; init; } = 42;

    public long WarmupEvents { get; init; } = 1_000_000;

    public static bool TryParse(string[] args, out RunnerOptions options, out string error)
    {
        options = new RunnerOptions();
        error = "";
        for (int i = 0; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                error = $"'{args[i]}' needs a value.";
                return false;
            }

            string value = args[++i];
            switch (args[i - 1])
            {
                case "--query":
                    options = options with { Query = value.ToLowerInvariant() };
                    break;
                case "--events" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long events) && events > 0:
                    options = options with { Events = events };
                    break;
                case "--parallelism" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p > 0:
                    options = options with { Parallelism = p };
                    break;
                case "--checkpoint-interval" when TryParseDuration(value, out var interval):
                    options = options with { CheckpointInterval = interval };
                    break;
                case "--event-rate" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate > 0 && !double.IsInfinity(rate):
                    options = options with { EventRate = rate };
                    break;
                case "--seed" when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seed):
                    options = options with { Seed = seed };
                    break;
                case "--warmup-events" when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long warmup):
                    options = options with { WarmupEvents = warmup };
                    break;
                default:
                    error = $"bad option or value: '{args[i - 1]} {value}'.";
                    return false;
            }
        }

        if (!NexmarkQueries.Names.Contains(options.Query))
        {
            error = options.Query.Length == 0 ? "--query is required." : $"unknown query '{options.Query}'.";
            return false;
        }

        return true;
    }

    /// <summary>Parses <c>10s</c>, <c>500ms</c>, <c>1m</c>; the duration must be positive.</summary>
    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        (string number, double unitMs) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 1.0),
            _ when text.EndsWith('s') => (text[..^1], 1000.0),
            _ when text.EndsWith('m') => (text[..^1], 60_000.0),
            _ => ("", 0.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) || !(amount > 0))
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(amount * unitMs);
        return true;
    }
}
