using Flinq.Monitor.Ingest.Influx;
using Flinq.Server.Configuration;

namespace Flinq.Server.Tests;

public sealed class KafkaConfigurationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "flinq-kafka-config-" + Guid.NewGuid().ToString("N") + ".yaml");

    public void Dispose() => File.Delete(_file);

    [Fact]
    public void Load_YamlKafkaSection_TopicsSignalsFormats()
    {
        File.WriteAllText(_file, """
            kafka:
              brokers: 127.0.0.1:9092,127.0.0.1:9093
              group_id: flinq-a
              start: latest
              checkpoint_interval: 5s
              topics:
                - topic: telegraf
                  signal: metrics
                  format: influx
                  precision: s
                - topic: otel-traces
                  signal: traces
                  format: otlp
                - app-logs=logs:json
            """);

        var kafka = ServerConfiguration.Load(["--config", _file], new Dictionary<string, string?>()).Kafka!;

        kafka.Brokers.Should().Be("127.0.0.1:9092,127.0.0.1:9093");
        kafka.GroupId.Should().Be("flinq-a");
        kafka.Start.Should().Be(KafkaStartPosition.Latest);
        kafka.CheckpointInterval.Should().Be(TimeSpan.FromSeconds(5));
        kafka.Topics.Select(t => t.ToString()).Should().Equal("telegraf=metrics:influx:s", "otel-traces=traces:otlp", "app-logs=logs:json");
        kafka.Topics[0].Precision.Should().Be(InfluxPrecision.Seconds);
    }

    [Fact]
    public void Load_FlagsAndEnv_FlagsWin()
    {
        var env = new Dictionary<string, string?> { ["FLINQ_KAFKA_BROKERS"] = "env:9092", ["FLINQ_KAFKA_TOPICS"] = "m=metrics:remote-write, l=logs:otlp-json" };
        var kafka = ServerConfiguration.Load(["--kafka-brokers", "flag:9092"], env).Kafka!;
        kafka.Brokers.Should().Be("flag:9092");
        kafka.Topics.Select(t => t.ToString()).Should().Equal("m=metrics:remote-write", "l=logs:otlp-json");
        kafka.Start.Should().Be(KafkaStartPosition.Committed);
        kafka.GroupId.Should().Be("flinq-server");
    }

    [Theory]
    [InlineData("t=traces:json", "*traces cannot come as json*otlp, otlp-json*")]
    [InlineData("t=metrics:csv", "*format \"csv\" is not one of*")]
    [InlineData("t=events:json", "*signal \"events\" is not one of metrics, logs, traces*")]
    [InlineData("t=metrics:json:ms", "*not a precision*influx topic*")]
    [InlineData("metrics", "*not topic=signal:format*")]
    public void Load_BadTopic_NamesTheProblem(string topics, string message)
    {
        var act = () => ServerConfiguration.Load(["--kafka-brokers", "b:9092", "--kafka-topics", topics], new Dictionary<string, string?>());
        act.Should().Throw<FormatException>().WithMessage("--kafka-topics: invalid value*" + message);
    }

    [Fact]
    public void Load_BrokersWithoutTopics_SaysWhatIsMissing()
    {
        var act = () => ServerConfiguration.Load(["--kafka-brokers", "b:9092"], new Dictionary<string, string?>());
        act.Should().Throw<FormatException>().WithMessage("Kafka ingest needs at least one topic*--kafka-topics*");
    }

    [Fact]
    public void Load_UnknownKafkaYamlKey_NamesIt()
    {
        File.WriteAllText(_file, "kafka:\n  brokers: b:9092\n  topic: x\n");
        var act = () => ServerConfiguration.Load(["--config", _file], new Dictionary<string, string?>());
        act.Should().Throw<FormatException>().WithMessage("*line 3*unknown setting \"kafka_topic\"*kafka_topics*");
    }
}
