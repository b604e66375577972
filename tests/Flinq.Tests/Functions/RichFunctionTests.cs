using System.Collections.Concurrent;
using Flinq.Functions;
using Flinq.State;
using Flinq.Testing;

namespace Flinq.Tests.Functions;

public sealed class RichFunctionTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EachParallelInstance_GetsItsOwnCopyOpenedAndClosedOnce()
    {
        var events = new ConcurrentQueue<string>();
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 3 });
        var sink = env.FromGenerator(n => n, 300).Process(new CountingFunction(events)).Name("counter").Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        events.Where(e => e.StartsWith("open", StringComparison.Ordinal)).Should().BeEquivalentTo("open counter 0/3", "open counter 1/3", "open counter 2/3");
        events.Where(e => e.StartsWith("close", StringComparison.Ordinal)).Should().BeEquivalentTo("close 0 after 100", "close 1 after 100", "close 2 after 100");
        // The counter field is per copy: each instance counted only its own records.
        sink.Values.GroupBy(v => v.Subtask).Should().AllSatisfy(g => g.Select(v => v.Count).Should().Equal(Enumerable.Range(1, 100)));
    }

    [Fact]
    public async Task Close_IsCalledAfterAFailureToo()
    {
        var events = new ConcurrentQueue<string>();
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromElements(1L, 2L, 3L)
            .Process(new CountingFunction(events))
            .Map(v => v.Count == 2 ? throw new InvalidOperationException("second") : v)
            .Collect();

        var act = () => env.ExecuteWithTimeoutAsync(s_timeout);

        await act.Should().ThrowAsync<JobExecutionException>();
        events.Should().Equal("open Process 0/1", "close 0 after 2");
    }

    [Fact]
    public async Task GetState_OnNonKeyedStream_FailsWithClearMessage()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromElements(1).Process(new StatefulOnNonKeyed()).Name("stateful").Collect();

        var act = () => env.ExecuteWithTimeoutAsync(s_timeout);

        var error = (await act.Should().ThrowAsync<JobExecutionException>()).Which;
        error.OperatorName.Should().Be("stateful");
        error.InnerException.Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain("'stateful'").And.Contain("KeyBy");
    }

    [Fact]
    public async Task ValueState_IsScopedToTheCurrentKey()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var sink = env.FromCollection(["a", "b", "a", "c", "a", "b"])
            .KeyBy(k => k)
            .Process(new Occurrence())
            .Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Values.Should().BeEquivalentTo("a#1", "b#1", "a#2", "c#1", "a#3", "b#2");
        sink.Values.Where(v => v.StartsWith('a')).Should().Equal("a#1", "a#2", "a#3");
    }

    private sealed class CountingFunction(ConcurrentQueue<string> events) : ProcessFunction<long, (int Subtask, int Count)>
    {
        private int _count;

        public override void Open() =>
            events.Enqueue($"open {RuntimeContext.OperatorName} {RuntimeContext.SubtaskIndex}/{RuntimeContext.Parallelism}");

        public override void ProcessElement(long value, IProcessContext context, ICollector<(int Subtask, int Count)> output) =>
            output.Collect((RuntimeContext.SubtaskIndex, ++_count));

        public override void Close() => events.Enqueue($"close {RuntimeContext.SubtaskIndex} after {_count}");
    }

    private sealed class StatefulOnNonKeyed : ProcessFunction<int, int>
    {
        public override void Open() => RuntimeContext.GetState(new ValueStateDescriptor<int>("count"));

        public override void ProcessElement(int value, IProcessContext context, ICollector<int> output) => output.Collect(value);
    }

    private sealed class Occurrence : KeyedProcessFunction<string, string, string>
    {
        private ValueState<int> _seen = null!;

        public override void Open() => _seen = RuntimeContext.GetState(new ValueStateDescriptor<int>("seen"));

        public override void ProcessElement(string value, IKeyedProcessContext<string> context, ICollector<string> output)
        {
            int seen = _seen.Value + 1;
            _seen.Update(seen);
            output.Collect($"{context.CurrentKey}#{seen}");
        }
    }
}
