using Flinq.Connectors.Sinks;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.Testing;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Monitor.Tests.Alerting;

public sealed class AbsenceEvaluatorTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset s_start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static AlertRule HostDown(TimeSpan? keepFiringFor = null) => new()
    {
        Name = "HostDown",
        Kind = RuleKind.Absence,
        Severity = "critical",
        KeepFiringFor = keepFiringFor ?? TimeSpan.Zero,
        Absence = new AbsenceSpec
        {
            Selector = new MetricSelector("cpu", [new LabelMatcher("env", LabelMatchType.NotEqual, "dev")]),
            GroupBy = ["host"],
            SilentFor = TimeSpan.FromSeconds(30),
        },
    };

    /// <summary>Reports "alive" at once: silent for zero, so its first sample makes it active; proves rules and samples arrived.</summary>
    private static AlertRule Probe() => new()
    {
        Name = "probe",
        Kind = RuleKind.Absence,
        Absence = new AbsenceSpec { Selector = new MetricSelector("probe", []), GroupBy = ["host"], SilentFor = TimeSpan.Zero },
    };

    private static MetricPoint Cpu(string host, string env = "prod") => new("cpu", Labels.FromPairs(("host", host), ("env", env)), Timestamp.None, 1, MetricKind.Gauge);

    private static MetricPoint Sync(string name) => new("probe", Labels.FromPairs(("host", name)), Timestamp.None, 1, MetricKind.Gauge);

    [Fact]
    public async Task Apply_EveryHostSilentAtOnce_EachHostActiveAfterSilentForThenInactiveWhenDataReturns()
    {
        var clock = new FakeTimeProvider(s_start);
        // Parallelism 1: the sync probes then prove every earlier sample was processed (one channel, in order).
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        CollectSink<RuleEvaluation>? sink = null;
        CollectSink<Alert>? alertSink = null;
        bool Seen(string sync) => sink!.Values.Any(e => e.Rule == "probe" && e.Group.Get("host") == sync);
        var rules = env.FromSource(new GatedSource<RuleChange>([new(null, [(new RuleChange("HostDown", HostDown(), 1), Timestamp.None), (new RuleChange("probe", Probe(), 2), Timestamp.None)])], stayOpen: true), "Rules");
        var metrics = env.FromSource(new GatedSource<MetricPoint>(
        [
            new(() => Seen("start"), [(Cpu("a"), Timestamp.None), (Cpu("b"), Timestamp.None), (Cpu("c"), Timestamp.None), (Cpu("d", env: "dev"), Timestamp.None), (Sync("s1"), Timestamp.None)], _ => Sync("start")),
            new(() => sink!.Values.Count(e => e.Rule == "HostDown") == 6, [(Cpu("a"), Timestamp.None), (Sync("s2"), Timestamp.None)]),
        ], stayOpen: true), "Metrics");
        var evaluations = AbsenceEvaluator.Apply(metrics, rules);
        sink = evaluations.Collect("Evaluations");
        alertSink = AlertLifecycle.Apply(evaluations, rules).Collect("Alerts");
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("absence", cancellation.Token);
        try
        {
            await TestConditions.WaitUntilAsync(() => Seen("s1"), s_wait, "the first samples");
            long t0 = clock.GetUtcNow().ToUnixTimeMilliseconds();

            // Nothing arrives any more, from any host: processing time alone must raise the absence.
            clock.Advance(TimeSpan.FromSeconds(30));
            await TestConditions.WaitUntilAsync(() => HostDownCount() == 3, s_wait, "three hosts absent");
            var down = sink.Values.Where(e => e.Rule == "HostDown").ToList();
            down.Select(e => e.Group.Get("host")).Should().BeEquivalentTo(["a", "b", "c"], "host d is env=dev, not selected");
            down.Should().AllSatisfy(e =>
            {
                e.Active.Should().BeTrue();
                e.Time.Should().Be(new Timestamp(t0 + 30_000));
                e.Value.Should().Be(30);
                e.Group.Count.Should().Be(1, "grouped by host only");
            });
            await TestConditions.WaitUntilAsync(() => Real(alertSink).Count == 3, s_wait, "three alerts firing");

            // Still silent one interval later: evaluated active again. The clock moves in 1-s steps so a re-armed timer
            // is registered before the clock passes it (the evaluation reaches the sink before its timer is re-armed).
            for (int i = 0; i < 30 && HostDownCount() < 6; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(20);
            }

            // (At six, the metrics source lets host a report again.)
            await TestConditions.WaitUntilAsync(() => HostDownCount() >= 6, s_wait, "the second evaluation of each host");
            sink.Values.Where(e => e.Rule == "HostDown").Skip(3).Take(3).Should().AllSatisfy(e =>
            {
                e.Active.Should().BeTrue();
                (e.Time.Milliseconds >= t0 + 45_000).Should().BeTrue();
            });

            // Host a reports again: inactive at once, and its alert resolves.
            await TestConditions.WaitUntilAsync(() => Seen("s2"), s_wait, "host a's return");
            var back = sink.Values.Where(e => e.Rule == "HostDown" && !e.Active).Should().ContainSingle().Subject;
            back.Group.Get("host").Should().Be("a");
            (back.Time.Milliseconds >= t0 + 45_000).Should().BeTrue();
            await TestConditions.WaitUntilAsync(() => Real(alertSink).Count == 4, s_wait, "host a's alert to resolve");
            Real(alertSink)[^1].Labels.Get("host").Should().Be("a");
            Real(alertSink)[^1].EndsAt.Should().Be(back.Time);
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        await FluentActions.Awaiting(() => job).Should().ThrowAsync<OperationCanceledException>();

        int HostDownCount() => sink.Values.Count(e => e.Rule == "HostDown");
    }

    [Fact]
    public async Task Apply_KeepFiringFor_EmitsInactiveEvaluationsUntilItElapsed()
    {
        var clock = new FakeTimeProvider(s_start);
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, TimeProvider = clock });
        CollectSink<RuleEvaluation>? sink = null;
        bool Seen(string sync) => sink!.Values.Any(e => e.Rule == "probe" && e.Group.Get("host") == sync);
        var rules = env.FromSource(new GatedSource<RuleChange>([new(null, [(new RuleChange("HostDown", HostDown(TimeSpan.FromSeconds(20)), 1), Timestamp.None), (new RuleChange("probe", Probe(), 2), Timestamp.None)])], stayOpen: true), "Rules");
        var metrics = env.FromSource(new GatedSource<MetricPoint>(
        [
            new(() => Seen("start"), [(Cpu("a"), Timestamp.None), (Sync("s1"), Timestamp.None)], _ => Sync("start")),
            new(() => sink!.Values.Any(e => e.Rule == "HostDown"), [(Cpu("a"), Timestamp.None), (Sync("s2"), Timestamp.None)]),
        ], stayOpen: true), "Metrics");
        var evaluations = AbsenceEvaluator.Apply(metrics, rules, new AbsenceEvaluatorOptions { EvaluationInterval = TimeSpan.FromSeconds(10) });
        sink = evaluations.Collect("Evaluations");
        var alerts = AlertLifecycle.Apply(evaluations, rules).Collect("Alerts");
        using var cancellation = new CancellationTokenSource();
        var job = env.ExecuteAsync("absence-kff", cancellation.Token);
        try
        {
            await TestConditions.WaitUntilAsync(() => Seen("s1"), s_wait, "the first sample");
            clock.Advance(TimeSpan.FromSeconds(30));
            await TestConditions.WaitUntilAsync(() => Seen("s2"), s_wait, "host a's return");
            // Host a is back at 30 s (inactive at 30); keep_firing_for 20 s after the last active evaluation (30 s).
            for (int expected = 3; expected <= 4; expected++)
            {
                clock.Advance(TimeSpan.FromSeconds(10));
                int count = expected;
                await TestConditions.WaitUntilAsync(() => sink.Values.Count(e => e.Rule == "HostDown") == count, s_wait, $"inactive evaluation {count}");
            }

            sink.Values.Where(e => e.Rule == "HostDown").Select(e => $"{(e.Time.Milliseconds - s_start.ToUnixTimeMilliseconds()) / 1000}:{e.Active}")
                .Should().Equal("30:True", "30:False", "40:False", "50:False");
            await TestConditions.WaitUntilAsync(() => alerts.Values.Count(a => a.Name == "HostDown") == 2, s_wait, "the alert to resolve");
            alerts.Values.Where(a => a.Name == "HostDown").Last().EndsAt.Should().Be(new Timestamp(s_start.ToUnixTimeMilliseconds() + 50_000));
        }
        finally
        {
            await cancellation.CancelAsync();
        }

        await FluentActions.Awaiting(() => job).Should().ThrowAsync<OperationCanceledException>();
    }

    private static List<Alert> Real(CollectSink<Alert> sink) => sink.Values.Where(a => a.Name == "HostDown").ToList();
}
