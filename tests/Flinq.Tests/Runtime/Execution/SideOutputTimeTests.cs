using Flinq.Functions;
using Flinq.Testing;
using Flinq.Windowing.Assigners;

namespace Flinq.Tests.Runtime.Execution;

public sealed class SideOutputTimeTests
{
    private static readonly OutputTag<long> Odd = new("odd");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task GetSideOutput_EventTimeWindowBehindIt_FiresOnTheOperatorsWatermarks(int parallelism)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });
        var steps = new List<ScriptStep<long>>();
        for (long n = 0; n < 40; n++)
        {
            steps.Add(ScriptStep<long>.Record(n, n * 100));
        }

        steps.Add(ScriptStep<long>.Watermark(2500)); // closes the windows [0, 1000) and [1000, 2000) mid-stream
        var split = env.FromScript(steps.ToArray()).Process(new SplitOddToSide());
        var counts = split.GetSideOutput(Odd)
            .KeyBy(_ => 0)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1)))
            .Reduce((a, b) => a + b)
            .Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        // Odd numbers per second of event time: 1+3+5+7+9, 11+..+19, 21+..+29, 31+..+39.
        counts.Values.Should().Equal(25L, 75L, 125L, 175L);
    }

    private sealed class SplitOddToSide : ProcessFunction<long, long>
    {
        public override void ProcessElement(long value, IProcessContext context, ICollector<long> output)
        {
            if (value % 2 == 1)
            {
                context.Output(Odd, value);
            }
            else
            {
                output.Collect(value);
            }
        }
    }
}
