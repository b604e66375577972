using Flinq.Connectors.Sinks;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.Testing;
using Flinq.Time;

namespace Flinq.Monitor.Tests.Alerting;

/// <summary>
/// Runs <see cref="AlertLifecycle"/> on a script: rules first (a probe rule proves they arrived), then the evaluations,
/// then optional rule changes once a condition on the alerts holds. Times in the scripts are seconds.
/// </summary>
internal sealed class LifecycleHarness
{
    public const string Probe = "probe";
    public static readonly long Base = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    public List<AlertRule> Rules { get; } = [];

    public List<RuleEvaluation> Evaluations { get; } = [];

    public Func<IReadOnlyList<Alert>, bool>? LaterRulesWhen { get; set; }

    public List<RuleChange> LaterRules { get; } = [];

    public AlertLifecycleOptions Options { get; } = new();

    public IReadOnlyList<Alert> Alerts { get; private set; } = [];

    public IReadOnlyList<AlertStateChange> Changes { get; private set; } = [];

    public static Timestamp At(double seconds) => new(Base + (long)(seconds * 1000));

    public static RuleEvaluation Eval(string rule, double seconds, bool active, double value = 1, Labels? group = null, bool noData = false) =>
        new(rule, group ?? Labels.FromPairs(("host", "a")), At(seconds), noData ? double.NaN : value, active, noData);

    public static AlertRule Rule(string name, TimeSpan? @for = null, TimeSpan? keepFiringFor = null, NoDataPolicy noData = NoDataPolicy.Ok) => new()
    {
        Name = name,
        Kind = RuleKind.Threshold,
        For = @for ?? TimeSpan.Zero,
        KeepFiringFor = keepFiringFor ?? TimeSpan.Zero,
        NoData = noData,
        Severity = "critical",
        Threshold = new ThresholdSpec
        {
            Selector = new MetricSelector("cpu", []), Aggregation = Aggregation.Avg, Window = TimeSpan.FromMinutes(1),
            Comparison = Comparison.GreaterThan, Threshold = 90,
        },
    };

    public async Task RunAsync()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        CollectSink<Alert>? alertSink = null;
        var probeRule = new RuleChange(Probe, Rule(Probe), 0);
        var ruleStages = new List<GatedSource<RuleChange>.Stage>
        {
            new(null, [.. Rules.Select((r, i) => (new RuleChange(r.Name, r, i + 1), Timestamp.None)), (probeRule, Timestamp.None)]),
        };
        if (LaterRulesWhen is { } when)
        {
            ruleStages.Add(new(() => when(Real(alertSink!.Values)), [.. LaterRules.Select(c => (c, Timestamp.None))]));
        }

        var evaluationStages = new List<GatedSource<RuleEvaluation>.Stage>
        {
            new(() => alertSink!.Values.Any(a => a.Name == Probe), [.. Evaluations.Select(e => (e, Timestamp.None))],
                n => new RuleEvaluation(Probe, Labels.FromPairs(("probe", "start")), new Timestamp(n), 1, true, false)),
        };
        var rules = env.FromSource(new GatedSource<RuleChange>(ruleStages), "Rules");
        var evaluations = env.FromSource(new GatedSource<RuleEvaluation>(evaluationStages), "Evaluations");
        var alerts = AlertLifecycle.Apply(evaluations, rules, Options);
        alertSink = alerts.Collect("Alerts");
        var changeSink = alerts.GetSideOutput(AlertLifecycle.StateChanges).Collect("Changes");
        try
        {
            await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Alerts so far: {string.Join(", ", alertSink.Values.Select(a => a.Labels))}; changes: {changeSink.Count}", e);
        }

        Alerts = Real(alertSink.Values);
        Changes = changeSink.Values.Where(c => c.Rule != Probe).ToList();
    }

    public static List<Alert> Real(IReadOnlyList<Alert> alerts) => alerts.Where(a => a.Name != Probe).ToList();

    /// <summary>The transitions as "t:from->to" (t in seconds from <see cref="Base"/>); re-sends as "t:firing".</summary>
    public IReadOnlyList<string> Transitions() => Changes.Select(Format).ToList();

    public static string Format(AlertStateChange c) =>
        $"{(c.Time.Milliseconds - Base) / 1000.0}:" + (c.IsUpdate ? AlertStateChange.Name(c.To) : $"{AlertStateChange.Name(c.From)}->{AlertStateChange.Name(c.To)}");

    /// <summary>Alerts as "start..end" in seconds from <see cref="Base"/>.</summary>
    public IReadOnlyList<string> AlertSpans() =>
        Alerts.Select(a => $"{(a.StartsAt.Milliseconds - Base) / 1000.0}..{(a.EndsAt.Milliseconds - Base) / 1000.0}").ToList();
}
