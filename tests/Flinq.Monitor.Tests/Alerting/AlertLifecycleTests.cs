using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using static Flinq.Monitor.Tests.Alerting.LifecycleHarness;

namespace Flinq.Monitor.Tests.Alerting;

public sealed class AlertLifecycleTests
{
    private static readonly TimeSpan s_twoMinutes = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Apply_ForZero_FiresOnFirstActiveAndResolvesOnFirstInactive()
    {
        var h = new LifecycleHarness();
        h.Rules.Add(Rule("cpu"));
        h.Evaluations.AddRange([Eval("cpu", 0, false), Eval("cpu", 30, true, 95), Eval("cpu", 60, true, 97), Eval("cpu", 90, false, 50), Eval("cpu", 120, false)]);
        await h.RunAsync();

        h.Transitions().Should().Equal("30:inactive->firing", "90:firing->resolved");
        // Firing: EndsAt = 30 s + 4 × max(resend 60 s, no interval seen yet) = 270 s; resolved: EndsAt = 90 s.
        h.AlertSpans().Should().Equal("30..270", "30..90");
        h.Alerts[1].IsResolvedAt(At(90)).Should().BeTrue();
    }

    [Fact]
    public async Task Apply_For_PendingUntilForElapsedBetweenEvaluationTimes()
    {
        var h = new LifecycleHarness();
        h.Rules.Add(Rule("cpu", @for: s_twoMinutes));
        h.Evaluations.AddRange([Eval("cpu", 0, true), Eval("cpu", 60, true), Eval("cpu", 119, true), Eval("cpu", 120, true), Eval("cpu", 180, true), Eval("cpu", 240, false)]);
        await h.RunAsync();

        h.Transitions().Should().Equal("0:inactive->pending", "120:pending->firing", "180:firing", "240:firing->resolved");
        h.Changes[1].ActiveAt.Should().Be(At(0));
        h.Changes[1].FiredAt.Should().Be(At(120));
        // Fired at 120 (EndsAt 120 + 4 × 60); re-sent at 180 (resend delay 60 s passed); resolved at 240.
        h.AlertSpans().Should().Equal("120..360", "120..420", "120..240");
    }

    [Fact]
    public async Task Apply_PendingThenInactive_GoesBackToInactiveWithoutAlert()
    {
        var h = new LifecycleHarness();
        h.Rules.Add(Rule("cpu", @for: s_twoMinutes));
        h.Evaluations.AddRange([Eval("cpu", 0, true), Eval("cpu", 60, false), Eval("cpu", 120, false)]);
        await h.RunAsync();

        h.Transitions().Should().Equal("0:inactive->pending", "60:pending->inactive");
        h.Alerts.Should().BeEmpty();
    }

    [Fact]
    public async Task Apply_Flapping_RestartsForEachTimeTheConditionReturns()
    {
        var h = new LifecycleHarness();
        h.Rules.Add(Rule("cpu", @for: s_twoMinutes));
        h.Evaluations.AddRange([
            Eval("cpu", 0, true), Eval("cpu", 60, false), Eval("cpu", 90, true), Eval("cpu", 150, true), Eval("cpu", 180, false),
            Eval("cpu", 210, true), Eval("cpu", 270, true), Eval("cpu", 330, true), Eval("cpu", 360, false)]);
        await h.RunAsync();

        h.Transitions().Should().Equal(
            "0:inactive->pending", "60:pending->inactive", "90:inactive->pending", "180:pending->inactive",
            "210:inactive->pending", "330:pending->firing", "360:firing->resolved");
    }

    [Fact]
    public async Task Apply_KeepFiringFor_KeepsFiringUntilThatLongAfterTheLastActiveEvaluation()
    {
        var h = new LifecycleHarness();
        h.Rules.Add(Rule("cpu", keepFiringFor: s_twoMinutes));
        h.Evaluations.AddRange([
            Eval("cpu", 0, true), Eval("cpu", 60, false), Eval("cpu", 90, true), Eval("cpu", 150, false), Eval("cpu", 209, false),
            Eval("cpu", 210, false), Eval("cpu", 270, false)]);
        await h.RunAsync();

        // The flap at 60 does not resolve; the last active evaluation is at 90, so 210 (90 + 120) resolves.
        h.Transitions().Should().Equal("0:inactive->firing", "60:firing", "150:firing", "210:firing->resolved");
        h.Alerts[^1].EndsAt.Should().Be(At(210));
    }

    [Fact]
    public async Task Apply_NoDataOk_ResolvesLikeInactive()
    {
        var h = new LifecycleHarness();
        h.Rules.Add(Rule("cpu", noData: NoDataPolicy.Ok));
        h.Evaluations.AddRange([Eval("cpu", 0, true), Eval("cpu", 60, false, noData: true)]);
        await h.RunAsync();

        h.Transitions().Should().Equal("0:inactive->firing", "60:firing->resolved");
    }

    [Fact]
    public async Task Apply_NoDataKeepState_KeepsFiringAndPending()
    {
        var h = new LifecycleHarness();
        h.Rules.Add(Rule("cpu", noData: NoDataPolicy.KeepState));
        h.Rules.Add(Rule("mem", @for: s_twoMinutes, noData: NoDataPolicy.KeepState));
        h.Evaluations.AddRange([
            Eval("cpu", 0, true), Eval("cpu", 60, false, noData: true), Eval("cpu", 120, false, noData: true), Eval("cpu", 180, false),
            Eval("mem", 0, true), Eval("mem", 60, false, noData: true), Eval("mem", 120, true), Eval("mem", 150, false, noData: true)]);
        await h.RunAsync();

        h.Transitions().Should().Equal(
            "0:inactive->firing", "60:firing", "120:firing", "180:firing->resolved",
            "0:inactive->pending", "120:pending->firing");
    }

    [Fact]
    public async Task Apply_NoDataAlerting_FiresWithNaNValue()
    {
        var h = new LifecycleHarness();
        var rule = Rule("cpu", noData: NoDataPolicy.Alerting) with
        {
            Annotations = new Dictionary<string, string> { ["summary"] = "{{ $labels.host }}: value {{ $value }}" },
        };
        h.Rules.Add(rule);
        h.Evaluations.AddRange([Eval("cpu", 0, false), Eval("cpu", 60, false, noData: true), Eval("cpu", 120, false)]);
        await h.RunAsync();

        h.Transitions().Should().Equal("60:inactive->firing", "120:firing->resolved");
        double.IsNaN(h.Changes[0].Value).Should().BeTrue();
        h.Alerts[0].Annotations.Get("summary").Should().Be("a: value NaN");
    }

    [Fact]
    public async Task Apply_Alert_LabelsAndAnnotationsFromRuleAndGroup()
    {
        var h = new LifecycleHarness();
        h.Rules.Add(Rule("HighCpu") with
        {
            Labels = new Dictionary<string, string> { ["team"] = "infra", ["host"] = "overridden" },
            Annotations = new Dictionary<string, string>
            {
                ["summary"] = "{{ $labels.service }} on {{ $labels.host }} at {{ $value }}% (limit {{ $threshold }})",
                ["broken"] = "{{ $labels }}",
            },
        });
        h.Evaluations.Add(Eval("HighCpu", 0, true, 93.5, Labels.FromPairs(("host", "web-1"), ("service", "api"))));
        await h.RunAsync();

        var alert = h.Alerts.Should().ContainSingle().Subject;
        alert.Labels.Should().Equal(Labels.FromPairs(("alertname", "HighCpu"), ("host", "overridden"), ("service", "api"), ("severity", "critical"), ("team", "infra")));
        alert.Annotations.Get("summary").Should().Be("api on overridden at 93.5% (limit 90)");
        alert.Annotations.Get("broken").Should().StartWith("template error: ").And.Contain("unsupported action");
        alert.Fingerprint.Should().Be(alert.Labels.Fingerprint);
        alert.StartsAt.Should().Be(At(0));
    }

    [Fact]
    public async Task Apply_GroupsAreIndependent()
    {
        var h = new LifecycleHarness();
        h.Rules.Add(Rule("cpu"));
        var a = Labels.FromPairs(("host", "a"));
        var b = Labels.FromPairs(("host", "b"));
        h.Evaluations.AddRange([Eval("cpu", 0, true, group: a), Eval("cpu", 0, false, group: b), Eval("cpu", 60, false, group: a), Eval("cpu", 60, true, group: b)]);
        await h.RunAsync();

        h.Changes.Select(c => c.Labels.Get("host") + "@" + Format(c)).Should().Equal("a@0:inactive->firing", "a@60:firing->resolved", "b@60:inactive->firing");
    }

    [Fact]
    public async Task Apply_OlderEvaluation_Ignored()
    {
        var h = new LifecycleHarness();
        h.Rules.Add(Rule("cpu"));
        h.Evaluations.AddRange([Eval("cpu", 60, true), Eval("cpu", 30, false), Eval("cpu", 90, false)]);
        await h.RunAsync();

        h.Transitions().Should().Equal("60:inactive->firing", "90:firing->resolved");
    }

    [Fact]
    public async Task Apply_UnknownRule_RaisesNothing()
    {
        var h = new LifecycleHarness();
        h.Evaluations.AddRange([Eval("nope", 0, true)]);
        await h.RunAsync();

        h.Alerts.Should().BeEmpty();
        h.Changes.Should().BeEmpty();
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("disable")]
    [InlineData("relabel")]
    public async Task Apply_RuleDeletedDisabledOrRelabelled_ResolvesFiringAndDropsPending(string change)
    {
        var h = new LifecycleHarness();
        var rule = Rule("cpu", @for: TimeSpan.FromMinutes(1));
        h.Rules.Add(rule);
        h.Evaluations.AddRange([
            Eval("cpu", 0, true, group: Labels.FromPairs(("host", "a"))), Eval("cpu", 60, true, group: Labels.FromPairs(("host", "a"))),
            Eval("cpu", 30, true, group: Labels.FromPairs(("host", "b")))]);
        h.LaterRulesWhen = alerts => alerts.Count == 1;
        h.LaterRules.Add(change switch
        {
            "delete" => new RuleChange("cpu", null, 10),
            "disable" => new RuleChange("cpu", rule with { Enabled = false }, 10),
            _ => new RuleChange("cpu", rule with { Labels = new Dictionary<string, string> { ["team"] = "x" } }, 10),
        });
        await h.RunAsync();

        h.Changes.Select(c => c.Labels.Get("host") + "@" + Format(c)).Should().BeEquivalentTo(
            ["a@0:inactive->pending", "b@30:inactive->pending", "a@60:pending->firing", "a@60:firing->resolved", "b@30:pending->inactive"],
            o => o.WithoutStrictOrdering());
        h.AlertSpans().Should().Equal("60..300", "60..60");
    }

    [Fact]
    public async Task Apply_ResendAfterLongEvaluationInterval_EndsAtUsesTheInterval()
    {
        var h = new LifecycleHarness();
        h.Rules.Add(Rule("cpu"));
        h.Evaluations.AddRange([Eval("cpu", 0, true), Eval("cpu", 300, true)]);
        await h.RunAsync();

        // The second send: 300 + 4 × max(60, 300) = 1500.
        h.AlertSpans().Should().Equal("0..240", "0..1500");
    }
}
