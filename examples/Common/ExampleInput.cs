using System.Text;
using Flinq.Connectors;
using Flinq.Connectors.Kafka.Serialization;
using Flinq.Connectors.Kafka.Source;
using Flinq.Time;

namespace Flinq.Examples.Common;

/// <summary>The events of an example and the input lines that could not be parsed.</summary>
/// <param name="Events">The parsed events, with event-time timestamps and watermarks when a timestamp was given.</param>
/// <param name="BadLines">Lines (or Kafka records) that could not be parsed, with where they were and why.</param>
public sealed record ExampleInput<T>(DataStream<T> Events, DataStream<BadRecord> BadLines);

/// <summary>Opens an example's input: a JSON-lines file, standard input, a Kafka topic, or generated events.</summary>
public static class ExampleInput
{
    /// <summary>
    /// The events the options select. <paramref name="parse"/> turns one line into an event (throwing
    /// <see cref="FormatException"/> on bad input); <paramref name="generate"/> makes event <c>n</c> of the
    /// generated data (it must depend only on <c>n</c> and the seed, so parallel generation is deterministic);
    /// <paramref name="timestampOf"/>, when given, is the event time in epoch milliseconds and watermarks follow
    /// with the bound <see cref="ExampleOptions.MaxOutOfOrder"/>, after every record (<see cref="PerEventBoundedWatermarks{T}"/>). With <paramref name="stayOpen"/> a file or stdin
    /// input keeps the job running after its last line, for processing-time alerts.
    /// </summary>
    public static ExampleInput<T> Open<T>(
        StreamExecutionEnvironment env,
        ExampleOptions options,
        Func<string, T> parse,
        Func<long, T> generate,
        long defaultCount,
        Func<T, long>? timestampOf,
        bool stayOpen = false,
        double? generatedPerSecond = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(generate);
        var strategy = timestampOf is null
            ? null
            : PerEventBoundedWatermarks<T>.Strategy(options.MaxOutOfOrder, timestampOf);
        var badTag = new OutputTag<BadRecord>("bad-lines");

        if (options.Input is { } input)
        {
            Func<TextReader> open = input == "-"
                ? () => new StreamReader(Console.OpenStandardInput(), Encoding.UTF8)
                : () => new StreamReader(input, Encoding.UTF8);
            string name = input == "-" ? "stdin" : input;
            var source = new TextReaderSource<T>(open, name, parse, badTag, stayOpen);
            var events = env.FromSource(source, strategy, "JSON lines: " + Path.GetFileName(name));
            return new ExampleInput<T>(events, events.GetSideOutput(badTag));
        }

        if (options.KafkaBootstrap is { } bootstrap)
        {
            var kafkaBad = new OutputTag<KafkaBadRecord>("bad-kafka-records");
            var kafka = KafkaSource<T>.Builder()
                .SetBootstrapServers(bootstrap)
                .SetTopics(options.Topic!)
                .SetStartingOffsets(OffsetsInitializer.Earliest())
                .SetDeserializer(KafkaRecordDeserializer.Create(record =>
                    parse(record.Message.Value is { } bytes ? Encoding.UTF8.GetString(bytes) : throw new FormatException("the record has no value"))))
                .SetBadRecordOutput(kafkaBad)
                .Build();
            var events = env.FromSource(kafka, strategy, "Kafka: " + options.Topic);
            var bad = events.GetSideOutput(kafkaBad).Map(r => new BadRecord(
                $"{r.Topic}/{r.Partition}", r.Offset, r.Value is null ? "" : Encoding.UTF8.GetString(r.Value), r.Error));
            return new ExampleInput<T>(events, bad);
        }

        long count = options.Bench ?? options.Count ?? defaultCount;
        var generated = env.FromGenerator(generate, count, generatedPerSecond, "Generated events");
        if (strategy is not null)
        {
            generated = generated.AssignTimestampsAndWatermarks(strategy);
        }

        // Generated events are never bad: the side output is an empty stream of the right type.
        return new ExampleInput<T>(generated, env.FromCollection(Array.Empty<BadRecord>(), "No bad lines"));
    }

    /// <summary>
    /// The events parsed from <paramref name="lines"/> exactly as from a file: line numbers, bad-line side output
    /// and, when <paramref name="timestampOf"/> is given, per-record watermarks with the bound
    /// <paramref name="maxOutOfOrder"/>. For tests and embedding; <paramref name="stayOpen"/> keeps the source
    /// open after the last line.
    /// </summary>
    public static ExampleInput<T> FromLines<T>(StreamExecutionEnvironment env, IEnumerable<string> lines, Func<string, T> parse, Func<T, long>? timestampOf, TimeSpan maxOutOfOrder, bool stayOpen = false)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(lines);
        string text = string.Join('\n', lines);
        var badTag = new OutputTag<BadRecord>("bad-lines");
        var strategy = timestampOf is null ? null : PerEventBoundedWatermarks<T>.Strategy(maxOutOfOrder, timestampOf);
        var events = env.FromSource(new TextReaderSource<T>(() => new StringReader(text), "lines", parse, badTag, stayOpen), strategy, "Lines");
        return new ExampleInput<T>(events, events.GetSideOutput(badTag));
    }
}
