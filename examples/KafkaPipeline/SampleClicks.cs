using System.Globalization;
using Confluent.Kafka;

namespace Flinq.Examples.KafkaPipeline;

/// <summary>Writes sample clicks (and one malformed event) to a topic, spread over its partitions.</summary>
internal static class SampleClicks
{
    public const long Start = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    public static readonly string[] Pages = ["/home", "/search", "/cart"];

    /// <summary>Clicks every 250 ms for <paramref name="seconds"/> s: page i % 3, up to 1.5 s out of order.</summary>
    public static List<Click> Create(int seconds)
    {
        var clicks = new List<Click>();
        for (int i = 0; i < seconds * 4; i++)
        {
            long ts = Start + (i * 250L) - ((i % 7) * 200L);
            clicks.Add(new Click($"u{i % 5}", Pages[i % 3], ts));
        }

        return clicks;
    }

    public static async Task ProduceAsync(string bootstrapServers, string topic, IReadOnlyList<Click> clicks, int partitions)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 5 }).Build();
        var deliveries = new List<Task>();
        for (int i = 0; i < clicks.Count; i++)
        {
            var c = clicks[i];
            string json = $$"""{"user":"{{c.User}}","page":"{{c.Page}}","ts":{{c.Ts.ToString(CultureInfo.InvariantCulture)}}}""";
            deliveries.Add(producer.ProduceAsync(new TopicPartition(topic, i % partitions), new Message<string, string> { Key = c.User, Value = json }));
        }

        deliveries.Add(producer.ProduceAsync(new TopicPartition(topic, 0), new Message<string, string> { Key = "broken", Value = "{not json" }));
        await Task.WhenAll(deliveries);
    }

    /// <summary>The expected window results, computed directly from the clicks.</summary>
    public static List<PageCount> Expected(IEnumerable<Click> clicks)
    {
        long size = (long)KafkaPipelineJob.WindowSize.TotalMilliseconds;
        return clicks.GroupBy(c => (c.Page, WindowStart: c.Ts - (((c.Ts % size) + size) % size)))
            .Select(g => new PageCount(g.Key.Page, g.Key.WindowStart, g.Key.WindowStart + size, g.LongCount()))
            .OrderBy(p => p.WindowStart).ThenBy(p => p.Page, StringComparer.Ordinal).ToList();
    }
}
