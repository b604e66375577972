using Flinq.Connectors.Sinks;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.Testing;
using Flinq.Time;

namespace Flinq.Monitor.Tests.Alerting;

public sealed class SequenceEvaluatorTests
{
    private static readonly long s_base = LifecycleHarness.Base;

    /// <summary>cpu &gt; 90 on a host followed by an OOM error log of that host within 5 minutes.</summary>
    private static AlertRule CpuThenOom(TimeSpan? keepFiringFor = null) => new()
    {
        Name = "CpuThenOom",
        Kind = RuleKind.Sequence,
        Severity = "critical",
        KeepFiringFor = keepFiringFor ?? TimeSpan.Zero,
        Annotations = new Dictionary<string, string> { ["summary"] = "{{ $labels.host }}: high CPU then OOM" },
        Sequence = new SequenceSpec
        {
            Steps =
            [
                new SequenceStep { Name = "cpu_high", Metric = new MetricSelector("cpu", []), Comparison = Comparison.GreaterThan, Threshold = 90 },
                new SequenceStep
                {
                    Name = "oom",
                    Log = new LogSpec { MinSeverity = SeverityLevel.Error, Pattern = "OutOfMemory|OOM", Window = TimeSpan.FromMinutes(1), MinCount = 1 },
                },
            ],
            Within = TimeSpan.FromMinutes(5),
            GroupBy = ["host"],
        },
    };

    /// <summary>A two-step rule on the probe metric: its match proves the rules reached the router.</summary>
    private static AlertRule Probe() => new()
    {
        Name = "probe",
        Kind = RuleKind.Sequence,
        Sequence = new SequenceSpec
        {
            Steps =
            [
                new SequenceStep { Name = "p1", Metric = new MetricSelector("probe", []), Comparison = Comparison.GreaterOrEqual, Threshold = 0 },
                new SequenceStep { Name = "p2", Metric = new MetricSelector("probe", []), Comparison = Comparison.GreaterOrEqual, Threshold = 0 },
            ],
            Within = TimeSpan.FromHours(2),
        },
    };

    private static (MetricPoint, Timestamp) Cpu(string host, double minutes, double value)
    {
        var t = new Timestamp(s_base + (long)(minutes * 60_000));
        return (new MetricPoint("cpu", Labels.FromPairs(("host", host)), t, value, MetricKind.Gauge), t);
    }

    private static (LogRecord, Timestamp) Log(string host, double minutes, string body, int severity = 17)
    {
        var t = new Timestamp(s_base + (long)(minutes * 60_000));
        return (new LogRecord { Timestamp = t, Host = host, Service = "api", Body = body, SeverityNumber = severity }, t);
    }

    private static Timestamp Minute(double minutes) => new(s_base + (long)(minutes * 60_000));

    [Fact]
    public async Task Apply_CpuHighThenOomWithinFiveMinutes_ActiveOnlyForTheHostWhereItHappenedInOrder()
    {
        var (evaluations, alerts) = await RunAsync(CpuThenOom(),
            [
                Cpu("a", 0, 95), Cpu("a", 1, 50),                   // a: cpu high at 0, OOM at 4 → match
                Cpu("b", 0, 95),                                    // b: OOM at 6 → outside 5 minutes
                Cpu("c", 3, 97),                                    // c: OOM at 2 came first → no match
                Cpu("d", 0, 80),                                    // d: cpu never above 90
                Cpu("e", 0, 99),                                    // e: the log is only a warning
            ],
            [
                Log("a", 4, "java.lang.OutOfMemoryError: heap"), Log("b", 6, "OOM killer"), Log("c", 2, "OOM killer"),
                Log("d", 1, "OOM killer"), Log("e", 1, "OOM killer", severity: 13),
            ]);

        var e = evaluations.Where(x => x.Rule == "CpuThenOom").ToList();
        e.Select(x => $"{x.Group}@{(x.Time.Milliseconds - s_base) / 60_000.0}:{x.Active}").Should().Equal("{host=\"a\"}@4:True", "{host=\"a\"}@4:False");
        double.IsNaN(e[0].Value).Should().BeTrue("the last event is a log");
        var fired = alerts.Where(a => a.Name == "CpuThenOom").ToList();
        fired.Should().HaveCount(2, "fired and, keep_firing_for being zero, resolved at once");
        fired[0].Labels.Get("host").Should().Be("a");
        fired[0].StartsAt.Should().Be(Minute(4));
        fired[0].Annotations.Get("summary").Should().Be("a: high CPU then OOM");
        fired[1].EndsAt.Should().Be(Minute(4));
    }

    [Fact]
    public async Task Apply_KeepFiringFor_InactiveEvaluationThatLongAfterTheMatch()
    {
        var (evaluations, alerts) = await RunAsync(CpuThenOom(TimeSpan.FromMinutes(10)),
            [Cpu("a", 0, 95), Cpu("a", 20, 10)],
            [Log("a", 4.5, "OOM killer")]);

        evaluations.Where(x => x.Rule == "CpuThenOom").Select(x => $"{(x.Time.Milliseconds - s_base) / 60_000.0}:{x.Active}").Should().Equal("4.5:True", "14.5:False");
        var fired = alerts.Where(a => a.Name == "CpuThenOom").ToList();
        fired.Should().HaveCount(2);
        fired[1].EndsAt.Should().Be(Minute(14.5));
    }

    private static async Task<(IReadOnlyList<RuleEvaluation>, IReadOnlyList<Alert>)> RunAsync(
        AlertRule rule, (MetricPoint, Timestamp)[] metrics, (LogRecord, Timestamp)[] logs)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        CollectSink<RuleEvaluation>? sink = null;
        bool Ready() => sink!.Values.Any(e => e.Rule == "probe");
        var rules = env.FromSource(new GatedSource<RuleChange>([new(null, [(new RuleChange(rule.Name, rule, 1), Timestamp.None), (new RuleChange("probe", Probe(), 2), Timestamp.None)])]), "Rules");
        // Probes, an hour before the script, move event time until the probe rule matches; then the script plays.
        long probeBase = s_base - 3_600_000;
        var metricStream = env.FromSource(
            new GatedSource<MetricPoint>([new(Ready, [.. metrics.OrderBy(m => m.Item2.Milliseconds)],
                n => new MetricPoint("probe", Labels.Empty, new Timestamp(probeBase + n), 1, MetricKind.Gauge))]),
            WatermarkStrategy<MetricPoint>.ForBoundedOutOfOrderness(TimeSpan.Zero).WithTimestampAssigner(m => m.Timestamp.Milliseconds), "Metrics");
        var logStream = env.FromSource(
            new GatedSource<LogRecord>([new(Ready, [.. logs.OrderBy(l => l.Item2.Milliseconds)],
                n => new LogRecord { Timestamp = new Timestamp(probeBase + n), Body = "probe" })]),
            WatermarkStrategy<LogRecord>.ForBoundedOutOfOrderness(TimeSpan.Zero).WithTimestampAssigner(l => l.Timestamp.Milliseconds), "Logs");
        var evaluations = SequenceEvaluator.Apply(metricStream, logStream, rules);
        sink = evaluations.Collect("Evaluations");
        var alerts = AlertLifecycle.Apply(evaluations, rules).Collect("Alerts");
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(60));
        return (sink.Values, alerts.Values);
    }
}
