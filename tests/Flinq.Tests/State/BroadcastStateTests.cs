using Flinq.Functions;
using Flinq.State;
using Flinq.State.Heap;
using Flinq.Testing;
using Flinq.Tests.Support;
using Flinq.Time;

namespace Flinq.Tests.State;

public sealed class BroadcastStateTests
{
    private static readonly MapStateDescriptor<string, int> Rules = new("rules");

    [Fact]
    public async Task KeyedBroadcast_RuleUpdatedAndRemovedWhileRunning_BehaviourChangesAndRemovedRuleDropsKeyedState()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var events = new SplitScriptSource<(string Key, int Value)>(1, stayOpen: true);
        var rules = new SplitScriptSource<Rule>(1, stayOpen: true);
        var output = env.FromSource(events, "events")
            .KeyBy(e => e.Key)
            .Connect(env.FromSource(rules, "rules").Broadcast(Rules))
            .Process(new ThresholdAlerts())
            .Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("rules", cancellation.Token);
        try
        {
            async Task Broadcast(Rule rule, string ack)
            {
                int before = output.Values.Count(v => v == ack + " @0");
                rules.Enqueue(0, null, rule, 0);
                await Wait.UntilAsync(() => output.Values.Count(v => v == ack + " @0") > before && output.Values.Count(v => v == ack + " @1") > before, job, ack + " on both instances");
            }

            async Task Events(params (string, int)[] values)
            {
                int before = output.Values.Count(v => v.StartsWith("seen", StringComparison.Ordinal));
                foreach (var value in values)
                {
                    events.Enqueue(0, null, value, 0);
                }

                // Each event is echoed after its alerts, by the same instance: when all echoes arrived, so did the alerts.
                await Wait.UntilAsync(() => output.Values.Count(v => v.StartsWith("seen", StringComparison.Ordinal)) == before + values.Length, job, "events processed");
            }

            await Broadcast(new Rule("high", 10, Remove: false), "rule high>10");
            await Events(("a", 5), ("a", 20), ("b", 30));
            Alerts(output).Should().HaveCount(2);
            await Broadcast(new Rule("high", 25, Remove: false), "rule high>25");
            await Events(("a", 20), ("b", 40));
            Alerts(output).Should().HaveCount(3, "a@20 is below the updated threshold 25");
            await Broadcast(new Rule("high", 0, Remove: true), "removed high");
            await Events(("b", 50));
            Alerts(output).Should().HaveCount(3, "the rule was removed");
            await Broadcast(new Rule("high", 0, Remove: false), "rule high>0");
            await Events(("b", 1));
        }
        finally
        {
            await cancellation.CancelAsync();
            await job.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        var alerts = Alerts(output);
        alerts.Take(2).Should().BeEquivalentTo("alert a high #1", "alert b high #1"); // a and b may sit on different instances
        alerts.Skip(2).Should().Equal(
            "alert b high #2",
            "alert b high #1"); // not #3: removing the rule dropped b's count
    }

    [Fact]
    public async Task KeyedBroadcast_ThreeInstances_BroadcastStateIsIdenticalOnAll()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 3 });
        var rules = env.FromElements(
            new Rule("a", 1, false), new Rule("b", 2, false), new Rule("a", 3, false), new Rule("c", 4, false), new Rule("b", 0, true));
        var snapshots = env.FromCollection(Enumerable.Range(0, 60).Select(i => ("k" + i, i)))
            .KeyBy(e => e.Item1)
            .Connect(rules.Broadcast(Rules))
            .Process(new SnapshotAtEnd())
            .Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        var bySubtask = snapshots.Values.Distinct().ToList();
        snapshots.Values.Select(v => v.Split('|')[0]).Distinct().Should().HaveCount(3, "keys spread over all three instances");
        bySubtask.Select(v => v.Split('|')[1]).Distinct().Should().Equal("a=3,c=4");
    }

    [Fact]
    public async Task NonKeyedBroadcast_ElementsReadRulesWrittenByBroadcastSide()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var events = new SplitScriptSource<int>(1, stayOpen: true);
        var rules = new SplitScriptSource<Rule>(1, stayOpen: true).Enqueue(0, null, new Rule("min", 5, false), 0);
        var output = env.FromSource(events, "events")
            .Connect(env.FromSource(rules, "rules").Broadcast(Rules))
            .Process(new Filter())
            .Collect();
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("filter", cancellation.Token);
        try
        {
            await Wait.UntilAsync(() => output.Values.Contains("min=5"), job, "rule applied");
            events.Enqueue(0, null, 3, 0).Enqueue(0, null, 7, 0);
            await Wait.UntilAsync(() => output.Values.Contains("7"), job, "event passed");
        }
        finally
        {
            await cancellation.CancelAsync();
            await job.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        output.Values.Should().Equal("min=5", "7");
    }

    [Fact]
    public void Broadcast_DescriptorThatIsNotAMap_Throws()
    {
        var env = StreamExecutionEnvironment.Create();

        var act = () => env.FromElements(1).Broadcast(new ValueStateDescriptor<int>("v"));

        act.Should().Throw<ArgumentException>().WithMessage("*MapStateDescriptor*");
    }

    [Fact]
    public void Process_BroadcastFunctionOnKeyedStream_Throws()
    {
        var env = StreamExecutionEnvironment.Create();
        var connected = env.FromElements(1).KeyBy(i => i).Connect(env.FromElements(new Rule("r", 1, false)).Broadcast(Rules));

        var act = () => connected.Process(new Filter2());

        act.Should().Throw<InvalidOperationException>().WithMessage("*KeyedBroadcastProcessFunction*");
    }

    [Fact]
    public void ReadOnlyView_CannotBeCastToWritableState()
    {
        var state = new HeapBroadcastState<string, int>();
        state.Put("x", 1);

        state.ReadOnly.Should().NotBeAssignableTo<BroadcastState<string, int>>();
        state.ReadOnly.Get("x").Should().Be(1);
    }

    private static List<string> Alerts(Flinq.Connectors.Sinks.CollectSink<string> output) =>
        output.Values.Where(v => v.StartsWith("alert", StringComparison.Ordinal)).ToList();

    private sealed record Rule(string Name, int Threshold, bool Remove);

    private sealed class ThresholdAlerts : KeyedBroadcastProcessFunction<string, (string Key, int Value), Rule, string>
    {
        private static readonly MapStateDescriptor<string, int> Counts = new("counts");
        private MapState<string, int> _counts = null!;

        public override void Open() => _counts = RuntimeContext.GetMapState(Counts);

        public override void ProcessElement((string Key, int Value) value, IKeyedBroadcastReadOnlyContext<string> context, ICollector<string> output)
        {
            foreach (var rule in context.GetBroadcastState(Rules).Entries())
            {
                if (value.Value > rule.Value)
                {
                    int count = _counts.Get(rule.Key) + 1;
                    _counts.Put(rule.Key, count);
                    output.Collect($"alert {context.CurrentKey} {rule.Key} #{count}");
                }
            }

            output.Collect($"seen {value.Key} {value.Value}");
        }

        public override void ProcessBroadcastElement(Rule value, IKeyedBroadcastContext<string> context, ICollector<string> output)
        {
            var rules = context.GetBroadcastState(Rules);
            if (value.Remove)
            {
                rules.Remove(value.Name);
                context.ApplyToKeyedState(Counts, (_, counts) => counts.Remove(value.Name));
                output.Collect($"removed {value.Name} @{RuntimeContext.SubtaskIndex}");
            }
            else
            {
                rules.Put(value.Name, value.Threshold);
                output.Collect($"rule {value.Name}>{value.Threshold} @{RuntimeContext.SubtaskIndex}");
            }
        }
    }

    private sealed class SnapshotAtEnd : KeyedBroadcastProcessFunction<string, (string, int), Rule, string>
    {
        public override void ProcessElement((string, int) value, IKeyedBroadcastReadOnlyContext<string> context, ICollector<string> output) =>
            context.TimerService.RegisterEventTimeTimer(Timestamp.MaxValue); // fires after both inputs ended

        public override void ProcessBroadcastElement(Rule value, IKeyedBroadcastContext<string> context, ICollector<string> output)
        {
            var rules = context.GetBroadcastState(Rules);
            if (value.Remove)
            {
                rules.Remove(value.Name);
            }
            else
            {
                rules.Put(value.Name, value.Threshold);
            }
        }

        public override void OnTimer(Timestamp timestamp, IKeyedBroadcastOnTimerContext<string> context, ICollector<string> output)
        {
            var entries = context.GetBroadcastState(Rules).Entries().OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}");
            output.Collect($"{RuntimeContext.SubtaskIndex}|{string.Join(",", entries)}");
        }
    }

    private sealed class Filter : BroadcastProcessFunction<int, Rule, string>
    {
        public override void ProcessElement(int value, IBroadcastReadOnlyContext context, ICollector<string> output)
        {
            if (context.GetBroadcastState(Rules).TryGetValue("min", out var min) && value >= min)
            {
                output.Collect(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        public override void ProcessBroadcastElement(Rule value, IBroadcastContext context, ICollector<string> output)
        {
            context.GetBroadcastState(Rules).Put(value.Name, value.Threshold);
            output.Collect($"{value.Name}={value.Threshold}");
        }
    }

    private sealed class Filter2 : BroadcastProcessFunction<int, Rule, string>
    {
        public override void ProcessElement(int value, IBroadcastReadOnlyContext context, ICollector<string> output)
        {
        }

        public override void ProcessBroadcastElement(Rule value, IBroadcastContext context, ICollector<string> output)
        {
        }
    }
}
