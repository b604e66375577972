using Flinq.Connectors.Sources;
using Flinq.Testing;
using Flinq.Time;

namespace Flinq.Tests.Time;

public sealed class SourceSplitJobTests
{
    [Fact]
    public async Task FromSource_TextFilesWithStrategy_EachFileASplitAndTimestampsAssigned()
    {
        var dir = Directory.CreateTempSubdirectory("flinq-splits-");
        try
        {
            await File.WriteAllLinesAsync(Path.Combine(dir.FullName, "a.txt"), ["1000", "3000"]);
            await File.WriteAllLinesAsync(Path.Combine(dir.FullName, "b.txt"), ["2000"]);
            var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
            var strategy = WatermarkStrategy<long>.ForMonotonousTimestamps().WithTimestampAssigner(v => v);
            var records = env.FromSource(new TextLineSource<long>(dir.FullName, long.Parse, null), strategy, "files").Collect();

            await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

            records.Records.Select(r => (r.Value, r.Timestamp.Milliseconds)).Should().BeEquivalentTo(new[] { (1000L, 1000L), (3000L, 3000L), (2000L, 2000L) });
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task FromSource_GeneratorWithStrategy_TimestampsAssignedPerInstance()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var strategy = WatermarkStrategy<long>.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(1)).WithTimestampAssigner(v => v * 10);
        var records = env.FromSource(new GeneratorSource<long>(n => n, 6, null), strategy, "generator").Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        records.Records.Should().OnlyContain(r => r.Timestamp.Milliseconds == r.Value * 10);
        records.Count.Should().Be(6);
    }
}
