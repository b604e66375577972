using System.Text.Json;
using Confluent.Kafka;
using Flinq;
using Flinq.Connectors.Kafka;
using Flinq.Connectors.Kafka.Testing;
using Flinq.Examples.KafkaPipeline;

// Usage: dotnet run --project examples/KafkaPipeline [bootstrap-servers]
// Without brokers, starts librdkafka's mock cluster in the process, writes sample clicks to it and reads back
// the results. With brokers, expects the topics clicks (input), page-counts (output) and page-counts-markers.
var native = KafkaNative.EnsureLoaded();
Console.WriteLine($"librdkafka {native.Version} ({Path.GetFileName(native.Path)})");
MockCluster? cluster = null;
string bootstrap;
if (args.Length > 0)
{
    bootstrap = args[0];
}
else
{
    cluster = MockCluster.Start(brokers: 3);
    cluster.CreateTopic("clicks", 4);
    cluster.CreateTopic("page-counts", 3);
    cluster.CreateTopic("page-counts-markers", 2);
    bootstrap = cluster.BootstrapServers;
    await SampleClicks.ProduceAsync(bootstrap, "clicks", SampleClicks.Create(seconds: 60), partitions: 4);
    Console.WriteLine($"mock cluster at {bootstrap}: wrote 240 clicks and one malformed event to 'clicks'");
}

string checkpoints = Path.Combine(Path.GetTempPath(), "flinq-kafka-pipeline-" + Guid.NewGuid().ToString("N"));
var options = new StreamExecutionOptions { Parallelism = 2 };
options.Checkpointing.Interval = TimeSpan.FromSeconds(1);
options.Checkpointing.Directory = checkpoints;
var env = StreamExecutionEnvironment.Create(options);
var (sink, badEvents) = KafkaPipelineJob.Build(env, bootstrap, "clicks", "page-counts", "page-counts-markers", bounded: cluster is not null);
badEvents.Map(b => $"bad event at {b.Topic}[{b.Partition}]@{b.Offset}: {b.Error}").Print();
await env.ExecuteAsync("KafkaPipeline");
Directory.Delete(checkpoints, recursive: true);
Console.WriteLine($"committed {sink.Metrics.RecordsAcknowledged} window results to 'page-counts'");

if (cluster is not null)
{
    var config = new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "show", IsolationLevel = IsolationLevel.ReadCommitted };
    using (var consumer = new ConsumerBuilder<string, string>(config).Build())
    {
        consumer.Assign(Enumerable.Range(0, 3).Select(p => new TopicPartitionOffset("page-counts", p, Offset.Beginning)));
        while (consumer.Consume(TimeSpan.FromSeconds(1)) is { } result)
        {
            var count = JsonSerializer.Deserialize<PageCount>(result.Message.Value)!;
            Console.WriteLine($"{DateTimeOffset.FromUnixTimeMilliseconds(count.WindowStart):HH:mm:ss} {count.Page,-8} {count.Clicks}");
        }

        consumer.Close();
    }

    await cluster.DisposeAsync();
}
