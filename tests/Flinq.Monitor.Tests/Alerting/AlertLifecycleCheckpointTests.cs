using Flinq.Connectors.Sinks;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.Testing;
using Flinq.Time;
using static Flinq.Monitor.Tests.Alerting.LifecycleHarness;

namespace Flinq.Monitor.Tests.Alerting;

public sealed class AlertLifecycleCheckpointTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flinq-lifecycle-chk-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Apply_RestoredFromCheckpoint_SameOutputsAsUninterruptedRun()
    {
        var rule = Rule("cpu", @for: TimeSpan.FromMinutes(2), keepFiringFor: TimeSpan.FromMinutes(1)) with
        {
            Annotations = new Dictionary<string, string> { ["summary"] = "{{ $labels.host }} at {{ $value }}" },
        };
        var evaluations = Script();
        var split = evaluations.FindIndex(e => e.Time >= At(240));

        var full = new LifecycleHarness();
        full.Rules.Add(rule);
        full.Evaluations.AddRange(evaluations);
        await full.RunAsync();

        // Run 1: the first part, then a completed checkpoint, then the job dies (cancelled: no final checkpoint).
        var first = BuildJob(rule, evaluations.Take(split).ToList(), "run1", restorePath: null, stayOpen: true);
        var client = first.Env.Start("run1", first.Cancel.Token);
        await TestConditions.WaitUntilAsync(() => first.Alerts.Values.Any(a => a.Labels.Get("probe") == "end-run1"), TimeSpan.FromSeconds(60), "run 1 to process its part");
        long seen = client.Checkpoints.Count == 0 ? 0 : client.Checkpoints.Max(c => c.CheckpointId);
        await TestConditions.WaitUntilAsync(() => client.Checkpoints.Any(c => c.CheckpointId > seen + 1), TimeSpan.FromSeconds(60), "a checkpoint after run 1's part");
        string checkpoint = client.Checkpoints.MaxBy(c => c.CheckpointId)!.Path;
        first.Cancel.Cancel();
        await FluentActions.Awaiting(() => client.Completion).Should().ThrowAsync<OperationCanceledException>();

        // Run 2: restored from that checkpoint, the rest of the script.
        var second = BuildJob(rule, evaluations.Skip(split).ToList(), "run2", checkpoint, stayOpen: false);
        await second.Env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(60));

        var interrupted = first.Changes.Values.Concat(second.Changes.Values).Where(c => c.Rule != Probe).ToList();
        interrupted.Select(Describe).Should().Equal(full.Changes.Select(Describe));
        var alerts = Real(first.Alerts.Values).Concat(Real(second.Alerts.Values)).ToList();
        alerts.Select(a => $"{a.Labels} {a.StartsAt} {a.EndsAt} {a.Annotations}").Should().Equal(full.Alerts.Select(a => $"{a.Labels} {a.StartsAt} {a.EndsAt} {a.Annotations}"));
        interrupted.Where(c => c.To == AlertState.Firing && !c.IsUpdate).GroupBy(c => (c.Fingerprint, c.FiredAt)).Should().OnlyContain(g => g.Count() == 1);
        full.Transitions().Should().Contain("240:pending->firing", "the split falls while host b is pending and host a firing");
    }

    private static string Describe(AlertStateChange c) => $"{c.Labels.Get("host")}@{Format(c)} v={c.Value} active={c.ActiveAt} fired={c.FiredAt} {c.Annotations}";

    /// <summary>Hosts a (fires at 120, resolves at 330), b (pending at 120, fires at 240, resolves after 390), c (flaps).</summary>
    private static List<RuleEvaluation> Script()
    {
        var list = new List<RuleEvaluation>();
        for (int t = 0; t <= 480; t += 30)
        {
            list.Add(Eval("cpu", t, t <= 270, 90 + t / 30.0, Labels.FromPairs(("host", "a"))));
            list.Add(Eval("cpu", t, t >= 120 && t <= 390, 80 + t / 30.0, Labels.FromPairs(("host", "b"))));
            list.Add(Eval("cpu", t, t / 30 % 3 != 0, 70, Labels.FromPairs(("host", "c"))));
        }

        return list;
    }

    private Job BuildJob(AlertRule rule, List<RuleEvaluation> part, string run, string? restorePath, bool stayOpen)
    {
        var options = new StreamExecutionOptions { Parallelism = 1 };
        options.Checkpointing.Interval = TimeSpan.FromMilliseconds(50);
        options.Checkpointing.Directory = Path.Combine(_root, "checkpoints");
        options.Checkpointing.RestorePath = restorePath;
        var env = StreamExecutionEnvironment.Create(options);
        CollectSink<Alert>? alertSink = null;
        // Run 2 gets the rules from the checkpoint's broadcast state; sending them again is what a restarted server does.
        var rules = env.FromSource(new GatedSource<RuleChange>([new(null, [(new RuleChange(rule.Name, rule, 1), Timestamp.None), (new RuleChange(Probe, Rule(Probe), 0), Timestamp.None)])], stayOpen), "Rules").Uid("rules");
        var gate = new GatedSource<RuleEvaluation>.Stage(
            () => alertSink!.Values.Any(a => a.Labels.Get("probe") == "start-" + run),
            [.. part.Select(e => (e, Timestamp.None)), (new RuleEvaluation(Probe, Labels.FromPairs(("probe", "end-" + run)), new Timestamp(1), 1, true, false), Timestamp.None)],
            n => new RuleEvaluation(Probe, Labels.FromPairs(("probe", "start-" + run)), new Timestamp(n), 1, true, false));
        var evaluations = env.FromSource(new GatedSource<RuleEvaluation>([gate], stayOpen), "Evaluations").Uid("evaluations");
        var alerts = AlertLifecycle.Apply(evaluations, rules);
        alertSink = alerts.Collect("Alerts");
        var changes = alerts.GetSideOutput(AlertLifecycle.StateChanges).Collect("Changes");
        return new Job(env, alertSink, changes, new CancellationTokenSource());
    }

    private sealed record Job(StreamExecutionEnvironment Env, CollectSink<Alert> Alerts, CollectSink<AlertStateChange> Changes, CancellationTokenSource Cancel);
}
