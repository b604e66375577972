using System.Globalization;

namespace Flinq.Benchmarks;

/// <summary>The harness's command line: <c>JOB [--records N] [--keys N] [--parallelism N] [--runs N]</c>.</summary>
internal sealed record HarnessOptions(string Job, long Records, long Keys, int Parallelism, int Runs)
{
    public const string Usage = "usage: Flinq.Benchmarks stateless|keyed-count|cep [--records N] [--keys N] [--parallelism N] [--runs N]";

    public static bool TryParse(string[] args, out HarnessOptions options, out string error)
    {
        options = new HarnessOptions("", 50_000_000, 1000, 1, 1);
        error = "";
        if (args.Length == 0 || !BenchmarkJobs.Names.Contains(args[0]))
        {
            error = args.Length == 0 ? "name a job" : $"unknown job '{args[0]}'";
            return false;
        }

        options = options with { Job = args[0] };
        for (int i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                error = $"{args[i]} needs a value";
                return false;
            }

            if (!long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < 1)
            {
                error = $"{args[i]} must be a whole number of at least 1, not '{args[i + 1]}'";
                return false;
            }

            switch (args[i])
            {
                case "--records":
                    options = options with { Records = value };
                    break;
                case "--keys":
                    options = options with { Keys = value };
                    break;
                case "--parallelism" when value <= 1024:
                    options = options with { Parallelism = (int)value };
                    break;
                case "--runs" when value <= 100:
                    options = options with { Runs = (int)value };
                    break;
                case "--parallelism" or "--runs":
                    error = $"{args[i]} is too large: {value}";
                    return false;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return false;
            }
        }

        return true;
    }
}
