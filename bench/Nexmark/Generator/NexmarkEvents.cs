using Flinq.Nexmark.Model;
using Flinq.Time;

namespace Flinq.Nexmark.Generator;

/// <summary>Adds the Nexmark source to a job.</summary>
public static class NexmarkEvents
{
    /// <summary>
    /// The first <paramref name="count"/> events of <paramref name="config"/> as a stream with event-time
    /// timestamps and bounded-out-of-orderness watermarks (<paramref name="maxOutOfOrderness"/>; the generator's
    /// splits are each in order, so zero already yields no late events).
    /// </summary>
    public static DataStream<Event> FromNexmark(this StreamExecutionEnvironment environment, GeneratorConfig config, long count, TimeSpan maxOutOfOrderness = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.FromSource(
            new NexmarkSource(new EventGenerator(config), count),
            WatermarkStrategy<Event>.ForBoundedOutOfOrderness(maxOutOfOrderness),
            "Nexmark source");
    }
}
