using System.Globalization;

namespace Flinq.Examples.Common;

/// <summary>
/// The command-line options every practical-case example shares: where records come from (<c>--input FILE</c>,
/// <c>--input -</c> for stdin, <c>--kafka BOOTSTRAP --topic T</c>, or generated data), where results go
/// (<c>--output FILE</c>, default stdout), the watermark bound, the parallelism and the benchmark mode.
/// Options an example adds itself are returned in <see cref="Extra"/> by name.
/// </summary>
public sealed record ExampleOptions
{
    /// <summary>The usage text of the shared options, appended to each example's own.</summary>
    public const string CommonUsage =
        "[--input FILE|-] [--kafka BOOTSTRAP --topic TOPIC] [--output FILE] [--max-out-of-order DURATION] " +
        "[--count N] [--seed N] [--parallelism N] [--bench N]";

    /// <summary>The JSON-lines file to read, "-" for standard input, or null (Kafka or generated data).</summary>
    public string? Input { get; init; }

    /// <summary>Kafka bootstrap servers (with <see cref="Topic"/>), or null.</summary>
    public string? KafkaBootstrap { get; init; }

    /// <summary>The Kafka topic to read JSON lines from.</summary>
    public string? Topic { get; init; }

    /// <summary>The file to write JSON lines to, or null for standard output.</summary>
    public string? Output { get; init; }

    /// <summary>The watermark's bound: how far out of order events may arrive. Default 5 s.</summary>
    public TimeSpan MaxOutOfOrder { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many events to generate when there is no input; null for the example's default.</summary>
    public long? Count { get; init; }

    /// <summary>The seed of the generated data (the same seed gives the same events). Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The job's parallelism. Default 1, which keeps the output order deterministic.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>When set, generate this many events, discard the results and print the throughput.</summary>
    public long? Bench { get; init; }

    /// <summary>The example's own options, by name ("--top" → "5"); flags map to "".</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the records come from, for messages.</summary>
    public string Describe() => Input switch
    {
        "-" => "standard input",
        { } path => path,
        null when KafkaBootstrap is not null => $"Kafka topic '{Topic}' at {KafkaBootstrap}",
        _ => "generated data",
    };

    /// <summary>
    /// Parses <paramref name="args"/>. <paramref name="valueOptions"/> are the example's own options that take a
    /// value, <paramref name="flags"/> its options without one. On failure returns false and says what is wrong.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags, out ExampleOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(valueOptions);
        ArgumentNullException.ThrowIfNull(flags);
        options = new ExampleOptions();
        error = "";
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (flags.Contains(name))
            {
                extra[name] = "";
                continue;
            }

            bool known = name is "--input" or "--kafka" or "--topic" or "--output" or "--max-out-of-order" or "--count" or "--seed" or "--parallelism" or "--bench";
            if (!known && !valueOptions.Contains(name))
            {
                error = $"unknown argument '{name}'";
                return false;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return false;
            }

            string value = args[++i];
            switch (name)
            {
                case "--input":
                    options = options with { Input = value };
                    break;
                case "--kafka":
                    options = options with { KafkaBootstrap = value };
                    break;
                case "--topic":
                    options = options with { Topic = value };
                    break;
                case "--output":
                    options = options with { Output = value };
                    break;
                case "--max-out-of-order":
                    if (!TryParseDuration(value, out var bound))
                    {
                        error = $"--max-out-of-order must be a duration like 5s, 500ms or 2m, not '{value}'";
                        return false;
                    }

                    options = options with { MaxOutOfOrder = bound };
                    break;
                case "--count" or "--bench":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < 1)
                    {
                        error = $"{name} must be a whole number of at least 1, not '{value}'";
                        return false;
                    }

                    options = name == "--count" ? options with { Count = n } : options with { Bench = n };
                    break;
                case "--seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed))
                    {
                        error = $"--seed must be a whole number, not '{value}'";
                        return false;
                    }

                    options = options with { Seed = seed };
                    break;
                case "--parallelism":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parallelism) || parallelism < 1)
                    {
                        error = $"--parallelism must be a whole number of at least 1, not '{value}'";
                        return false;
                    }

                    options = options with { Parallelism = parallelism };
                    break;
                default:
                    extra[name] = value;
                    break;
            }
        }

        if ((options.KafkaBootstrap is null) != (options.Topic is null))
        {
            error = "--kafka and --topic go together";
            return false;
        }

        if (options.KafkaBootstrap is not null && options.Input is not null)
        {
            error = "give either --input or --kafka, not both";
            return false;
        }

        if (options.Bench is not null && (options.Input is not null || options.KafkaBootstrap is not null))
        {
            error = "--bench generates its own events; it cannot be combined with --input or --kafka";
            return false;
        }

        if (options.Input is { } input && input != "-" && !File.Exists(input))
        {
            error = $"the input file '{input}' does not exist";
            return false;
        }

        options = options with { Extra = extra };
        return true;
    }

    /// <summary>
    /// Parses a duration: a whole number followed by <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>
    /// ("500ms", "5s", "2m"); a bare number is seconds. Zero is allowed; negative values are not.
    /// </summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        int digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out long n))
        {
            return false;
        }

        long? ms = text[digits..] switch
        {
            "ms" => n,
            "" or "s" => n * 1000,
            "m" => n * 60_000,
            "h" => n * 3_600_000,
            "d" => n * 86_400_000,
            _ => null,
        };
        if (ms is null or < 0)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(ms.Value);
        return true;
    }
}
