using Confluent.Kafka;
using Flinq.Examples.Common;
using Flinq.Examples.ErrorLogAlert;
using Flinq.Connectors.Kafka.Testing;
using Flinq.Testing;

namespace Flinq.Examples.Tests.Common;

public sealed class KafkaInputTests
{
    private const long T = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    [Fact]
    public async Task Open_KafkaTopic_ParsesRecordValuesAndReportsBadOnesByOffset()
    {
        await using var cluster = MockCluster.Start(brokers: 1);
        cluster.CreateTopic("logs", partitions: 1);
        string[] lines =
        [
            .. Enumerable.Range(0, 3).Select(i => $$"""{"service":"checkout","level":"ERROR","message":"e{{i}}","ts":{{T + (i * 1_000)}}}"""),
            "garbage",                                   // offset 3
            "2026-01-01T00:01:10Z INFO [checkout] moves the watermark past minute 0",
        ];
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 1 }).Build())
        {
            foreach (string line in lines)
            {
                await producer.ProduceAsync("logs", new Message<Null, string> { Value = line });
            }
        }

        var options = new ExampleOptions { KafkaBootstrap = cluster.BootstrapServers, Topic = "logs" };
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var grok = GrokPattern.Compile(GrokPattern.DefaultLogLine);
        var input = ExampleInput.Open(env, options, line => LogEvent.Parse(line, grok), _ => throw new InvalidOperationException("not generated"), 0, e => e.Ts);
        var alerts = ErrorLogAlertJob.Build(input.Events, threshold: 3).Collect();
        var bad = input.BadLines.Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("kafka logs", cancellation.Token);
        try
        {
            // The topic is unbounded: minute 0 is judged when the INFO line's watermark passes it.
            await TestConditions.WaitUntilAsync(() => alerts.Count == 1 && bad.Count == 1, TimeSpan.FromSeconds(30), "the alert and the bad record");

            alerts.Values.Should().Equal(new ErrorAlert("checkout", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", 3, 3, "e0"));
            bad.Values[0].Should().BeEquivalentTo(new { Source = "logs/0", Line = 3L, Text = "garbage" });
            bad.Values[0].Error.Should().Contain("grok");
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        var act = () => job;
        await act.Should().ThrowAsync<OperationCanceledException>();
    }
}
