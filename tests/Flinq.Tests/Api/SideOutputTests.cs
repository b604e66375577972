using Flinq.Functions;
using Flinq.Testing;

namespace Flinq.Tests.Api;

public sealed class SideOutputTests
{
    private static readonly OutputTag<string> s_odd = new("odd");
    private static readonly OutputTag<int> s_unread = new("nobody-reads-this");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ProcessFunction_SideOutput_IsReadByGetSideOutput(int parallelism)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });
        var evens = env.FromCollection(Enumerable.Range(0, 100)).Process(new SplitOddEven());
        var odds = evens.GetSideOutput(s_odd).Collect("odds");
        var main = evens.Collect("evens");

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        main.Values.Order().Should().Equal(Enumerable.Range(0, 50).Select(i => i * 2));
        odds.Values.Order(StringComparer.Ordinal).Should().Equal(Enumerable.Range(0, 50).Select(i => $"odd {(i * 2) + 1}").Order(StringComparer.Ordinal));
        // Side output records are emitted (and read) by the parallel instance that processed the record.
        var subtasks = main.Records.Select(r => r.Subtask).Concat(odds.Records.Select(r => r.Subtask)).Distinct();
        subtasks.Should().HaveCount(parallelism);
    }

    [Fact]
    public async Task SideOutput_ReadAtAnotherParallelism_GoesThroughAnExchange()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 3 });
        var evens = env.FromGenerator(n => (int)n, 1_000).SetParallelism(2).Process(new SplitOddEven()).SetParallelism(2);
        var odds = evens.GetSideOutput(s_odd).Map(s => s.ToUpperInvariant()).Collect("odds");
        var main = evens.Map(x => x).SetParallelism(1).Collect("evens");

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        main.Values.Order().Should().Equal(Enumerable.Range(0, 500).Select(i => i * 2));
        odds.Values.Order(StringComparer.Ordinal).Should().Equal(Enumerable.Range(0, 500).Select(i => $"ODD {(i * 2) + 1}").Order(StringComparer.Ordinal));
        odds.Records.Select(r => r.Subtask).Distinct().Should().HaveCount(3);
    }

    [Fact]
    public async Task KeyedProcessFunction_SideOutput_IsReadByGetSideOutput()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var large = env.FromCollection(Enumerable.Range(0, 60))
            .KeyBy(n => n % 3)
            .Process(new RouteSmall());
        var small = large.GetSideOutput(new OutputTag<string>("small")).Collect("small");
        var main = large.Collect("large");

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        main.Values.Should().BeEquivalentTo(Enumerable.Range(10, 50));
        small.Values.Should().BeEquivalentTo(Enumerable.Range(0, 10).Select(n => $"{n % 3}:{n}"));
    }

    [Fact]
    public async Task SideOutput_TagNobodyReads_IsDroppedSilently()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var main = env.FromCollection(Enumerable.Range(0, 20)).Process(new SplitOddEven()).Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        main.Values.Should().BeEquivalentTo(Enumerable.Range(0, 10).Select(i => i * 2));
    }

    [Fact]
    public async Task SideOutput_ReadAsAnotherTypeThanWritten_FailsNamingBothTypes()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var main = env.FromElements(1, 2).Process(new SplitOddEven()).Name("splitter");
        // The function writes OutputTag<int>("nobody-reads-this"); this reads the same id as string.
        main.GetSideOutput(new OutputTag<string>(s_unread.Id)).Collect();

        var act = () => env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var error = (await act.Should().ThrowAsync<JobExecutionException>()).Which;
        error.OperatorName.Should().Be("splitter");
        error.InnerException.Should().BeOfType<InvalidOperationException>()
            .Which.Message.Should().Contain("'nobody-reads-this'").And.Contain("written as Int32").And.Contain("read as String");
    }

    private sealed class SplitOddEven : ProcessFunction<int, int>
    {
        public override void ProcessElement(int value, IProcessContext context, ICollector<int> output)
        {
            context.Output(s_unread, value);
            if (value % 2 == 0)
            {
                output.Collect(value);
            }
            else
            {
                context.Output(s_odd, $"odd {value}");
            }
        }
    }

    private sealed class RouteSmall : KeyedProcessFunction<int, int, int>
    {
        public override void ProcessElement(int value, IKeyedProcessContext<int> context, ICollector<int> output)
        {
            if (value < 10)
            {
                context.Output(new OutputTag<string>("small"), $"{context.CurrentKey}:{value}");
            }
            else
            {
                output.Collect(value);
            }
        }
    }
}
