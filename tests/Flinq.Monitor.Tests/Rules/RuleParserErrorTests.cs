using Flinq.Monitor.Rules;

namespace Flinq.Monitor.Tests.Rules;

/// <summary>Each class of error, with the exact line, column and path it is reported at.</summary>
public sealed class RuleParserErrorTests
{
    private static IReadOnlyList<RuleError> Errors(string text, RuleFormat format = RuleFormat.Yaml)
    {
        var result = RuleParser.ParseFile(text, format);
        result.IsValid.Should().BeFalse();
        return result.Errors;
    }

    private static RuleError Single(string text, RuleFormat format = RuleFormat.Yaml) =>
        Errors(text, format).Should().ContainSingle().Subject;

    private const string Ok = "absence: {metric: up, silent_for: 1m}";

    [Fact]
    public void UnknownKey_AndMissingField_BothReported()
    {
        var errors = Errors("""
            rules:
              - name: A
                absence:
                  metric: up
                  silent_fro: 1m
            """);
        errors.Should().HaveCount(2);
        errors[0].Should().Be(errors[0] with { Line = 5, Column = 7, Path = "rules[0].absence.silent_fro" });
        errors[0].Message.Should().Contain("unknown field \"silent_fro\"").And.Contain("did you mean \"silent_for\"");
        errors[1].Should().Be(new RuleError(4, 7, "rules[0].absence.silent_for", "missing required field \"silent_for\""));
    }

    [Fact]
    public void WrongType_ReportedAtValue()
    {
        var e = Single("""
            rules:
              - name: A
                threshold: {metric: cpu, aggregation: avg, window: 1m, op: ">", value: "ninety"}
            """);
        e.Line.Should().Be(3);
        e.Column.Should().Be(76);
        e.Path.Should().Be("rules[0].threshold.value");
        e.Message.Should().Be("expected a number, got \"ninety\"");
    }

    [Fact]
    public void WrongType_ListExpected()
    {
        var e = Single($"rules:\n  - name: A\n    absence: {{metric: up, silent_for: 1m, group_by: host}}\n");
        e.Should().Be(e with { Line = 3, Column = 53, Path = "rules[0].absence.group_by" });
        e.Message.Should().StartWith("expected a list of label names");
    }

    [Fact]
    public void MissingName_ReportedAtRuleMapping()
    {
        var e = Single($"rules:\n  - kind: absence\n    {Ok}\n");
        e.Should().Be(new RuleError(2, 5, "rules[0].name", "missing required field \"name\""));
    }

    [Theory]
    [InlineData("5x", "expected a unit")]
    [InlineData("1.5m", "expected a unit")]
    [InlineData("30m1h", "out of order")]
    [InlineData("m", "expected a whole number")]
    public void BadDuration_ReportedWithReason(string duration, string reason)
    {
        var e = Single($"rules:\n  - name: A\n    absence: {{metric: up, silent_for: {duration}}}\n");
        e.Line.Should().Be(3);
        e.Column.Should().Be(39);
        e.Path.Should().Be("rules[0].absence.silent_for");
        e.Message.Should().Contain($"\"{duration}\" is not a duration").And.Contain(reason);
    }

    [Fact]
    public void BadMatcher_InSelectorAndLogMatch()
    {
        var errors = Errors("""
            rules:
              - name: A
                absence: {metric: 'up{job="x"', silent_for: 1m}
              - name: B
                log: {match: '{service~"api"}', window: 1m}
            """);
        errors.Should().HaveCount(2);
        errors[0].Should().Be(errors[0] with { Line = 3, Column = 23, Path = "rules[0].absence.metric" });
        errors[0].Message.Should().StartWith("bad label matchers in \"up{job=\"x\"\"").And.Contain("expected '}' or ','");
        errors[1].Should().Be(errors[1] with { Line = 5, Column = 18, Path = "rules[1].log.match" });
        errors[1].Message.Should().Contain("expected =, !=, =~ or !~");
    }

    [Fact]
    public void SelectorWithoutMetricName_Rejected()
    {
        var e = Single("rules:\n  - {name: A, absence: {metric: '{job=\"x\"}', silent_for: 1m}}\n");
        e.Path.Should().Be("rules[0].absence.metric");
        e.Message.Should().Contain("names no metric");
    }

    [Fact]
    public void InvalidMatcherRegex_Rejected()
    {
        var e = Single("rules:\n  - {name: A, absence: {metric: 'up{job=~\"(\"}', silent_for: 1m}}\n");
        e.Path.Should().Be("rules[0].absence.metric");
        e.Message.Should().Contain("invalid regular expression");
    }

    [Fact]
    public void DuplicateRuleNames_SecondReportedWithFirstPosition()
    {
        var e = Single($"rules:\n  - name: A\n    {Ok}\n  - name: A\n    {Ok}\n");
        e.Should().Be(new RuleError(4, 11, "rules[1].name", "duplicate rule name \"A\" (first at line 2, column 11); rule names must be unique"));
    }

    [Fact]
    public void InvalidRegex_ReportedAtValue()
    {
        var e = Single("rules:\n  - name: A\n    log:\n      regex: 'a(b'\n      window: 1m\n");
        e.Should().Be(e with { Line = 4, Column = 14, Path = "rules[0].log.regex" });
        e.Message.Should().StartWith("invalid regular expression");
    }

    [Theory]
    [InlineData("a b")]
    [InlineData(".hidden")]
    [InlineData("x/y")]
    public void InvalidRuleName_Rejected(string name)
    {
        var e = Single($"rules:\n  - name: \"{name}\"\n    {Ok}\n");
        e.Should().Be(e with { Line = 2, Column = 11, Path = "rules[0].name" });
        e.Message.Should().Contain("is not a valid rule name");
    }

    [Fact]
    public void InvalidLabelName_Rejected()
    {
        var e = Single($"rules:\n  - name: A\n    labels: {{team-x: infra}}\n    {Ok}\n");
        e.Should().Be(e with { Line = 3, Column = 14, Path = "rules[0].labels.team-x" });
    }

    [Fact]
    public void ReservedLabel_Rejected()
    {
        var e = Single($"rules:\n  - name: A\n    labels: {{severity: page}}\n    {Ok}\n");
        e.Path.Should().Be("rules[0].labels.severity");
        e.Message.Should().Contain("the severity field");
    }

    [Fact]
    public void SlideLongerThanWindow_ReportedAtSlide()
    {
        var e = Single("rules:\n  - name: A\n    threshold: {metric: cpu, aggregation: max, window: 1m, slide: 2m, op: '>', value: 1}\n");
        e.Should().Be(new RuleError(3, 67, "rules[0].threshold.slide", "slide 2m is longer than the window 1m; a sliding window's slide must not exceed its length"));
    }

    [Theory]
    [InlineData("aggregation: quantile, quantile: 1.5", "quantile 1.5 is out of range")]
    [InlineData("aggregation: quantile, quantile: -0.1", "is out of range")]
    [InlineData("aggregation: p101", "is not a percentile")]
    [InlineData("aggregation: quantile", "needs \"quantile: 0.95\"")]
    [InlineData("aggregation: avg, quantile: 0.5", "applies only to aggregation quantile")]
    [InlineData("aggregation: median", "is not an aggregation")]
    public void BadQuantile_Rejected(string aggregation, string message)
    {
        var e = Single($"rules:\n  - name: A\n    threshold: {{metric: cpu, {aggregation}, window: 1m, op: '>', value: 1}}\n");
        e.Line.Should().Be(3);
        e.Path.Should().StartWith("rules[0].threshold.");
        e.Message.Should().Contain(message);
    }

    [Theory]
    [InlineData("{{ $value ", "is never closed")]
    [InlineData("{{ $value }} }}", "closes no")]
    [InlineData("{{ {{ $value }}", "is not closed before the next")]
    [InlineData("{{ }}", "empty template action")]
    public void BadTemplate_Rejected(string template, string message)
    {
        var e = Single($"rules:\n  - name: A\n    annotations:\n      summary: \"{template}\"\n    {Ok}\n");
        e.Should().Be(e with { Line = 4, Column = 16, Path = "rules[0].annotations.summary" });
        e.Message.Should().StartWith("bad template: ").And.Contain(message);
    }

    [Fact]
    public void KindAndSection_Mismatch()
    {
        var errors = Errors($"rules:\n  - name: A\n    kind: threshold\n    {Ok}\n");
        errors.Should().HaveCount(2);
        errors[0].Should().Be(new RuleError(4, 5, "rules[0].absence", "a threshold rule has no \"absence\" section; remove it or change kind"));
        errors[1].Should().Be(new RuleError(2, 5, "rules[0].threshold", "missing required field \"threshold\""));
    }

    [Fact]
    public void Sequence_StepErrors()
    {
        var errors = Errors("""
            rules:
              - name: S
                sequence:
                  within: 5m
                  steps:
                    - {name: a, metric: cpu, log: {contains: x}}
                    - {name: a, log: {contains: y, window: 1m}}
            """);
        errors.Select(e => (e.Line, e.Column, e.Path)).Should().Equal(
            (6, 11, "rules[0].sequence.steps[0]"),
            (7, 40, "rules[0].sequence.steps[1].log.window"),
            (7, 18, "rules[0].sequence.steps[1].name"));
    }

    [Fact]
    public void Sequence_NeedsTwoSteps()
    {
        var e = Single("rules:\n  - name: S\n    sequence: {within: 5m, steps: [{name: a, metric: cpu, op: '>', value: 1}]}\n");
        e.Should().Be(new RuleError(3, 35, "rules[0].sequence.steps", "a sequence needs at least two steps, got 1"));
    }

    [Fact]
    public void AllErrors_Collected_NotJustTheFirst()
    {
        var errors = Errors("""
            rules:
              - name: A
                for: soon
                no_data: maybe
                threshold: {metric: cpu, aggregation: avg, window: 0s, op: '=>', value: 1}
              - name: B
                absence: {metric: up}
            """);
        errors.Select(e => e.Path).Should().Equal(
            "rules[0].for", "rules[0].no_data", "rules[0].threshold.window", "rules[0].threshold.op", "rules[1].absence.silent_for");
    }

    [Fact]
    public void DuplicateKey_Yaml_Reported()
    {
        var e = Single($"rules:\n  - name: A\n    name: B\n    {Ok}\n");
        e.Should().Be(new RuleError(3, 5, "rules[0].name", "duplicate key \"name\" (first at line 2, column 5)"));
    }

    [Fact]
    public void YamlSyntaxError_HasPosition()
    {
        var e = Single("rules:\n  - name: A\n    labels: {team: infra\n    absence: x\n");
        e.Line.Should().BeGreaterThan(2);
        e.Column.Should().BeGreaterThan(0);
        e.Message.Should().StartWith("YAML syntax: ");
    }

    [Fact]
    public void Json_WrongType_HasLineAndColumn()
    {
        var e = Single("{\"rules\": [\n  {\"name\": \"A\",\n   \"absence\": {\"metric\": \"up\", \"silent_for\": 60}}\n]}\n", RuleFormat.Json);
        e.Should().Be(new RuleError(3, 46, "rules[0].absence.silent_for", "expected a duration such as 30s, 5m or 1h30m, got the number 60"));
    }

    [Fact]
    public void Json_QuotedNumber_IsWrongType()
    {
        var e = Single("{\"rules\": [{\"name\": \"A\", \"anomaly\": {\"metric\": \"up\", \"alpha\": \"0.5\"}}]}", RuleFormat.Json);
        e.Should().Be(new RuleError(1, 63, "rules[0].anomaly.alpha", "expected a number, got \"0.5\""));
    }

    [Fact]
    public void Json_SyntaxError_HasLineAndColumn()
    {
        var e = Single("{\"rules\": [\n  {\"name\": \"A\",, }\n]}\n", RuleFormat.Json);
        e.Line.Should().Be(2);
        e.Column.Should().Be(16);
        e.Message.Should().StartWith("JSON syntax: ");
    }

    [Fact]
    public void Json_DuplicateKey_Reported()
    {
        var e = Single("{\"rules\": [{\"name\": \"A\", \"name\": \"B\", \"absence\": {\"metric\": \"up\", \"silent_for\": \"1m\"}}]}", RuleFormat.Json);
        e.Should().Be(new RuleError(1, 26, "rules[0].name", "duplicate key \"name\" (first at line 1, column 13)"));
    }

    [Fact]
    public void Json_NonAsciiBeforeError_ColumnCountsCharacters()
    {
        var e = Single("{\"rules\": [{\"name\": \"A\", \"annotations\": {\"s\": \"é{{\"}, \"absence\": {\"metric\": \"up\", \"silent_for\": \"1m\"}}]}", RuleFormat.Json);
        e.Should().Be(e with { Line = 1, Column = 47, Path = "rules[0].annotations.s" });
    }

    [Fact]
    public void ParseRule_NameDisagreesWithUrl_Rejected()
    {
        var result = RuleParser.ParseRule($"name: B\n{Ok}\n", RuleFormat.Yaml, "A");
        result.Errors.Should().ContainSingle().Which.Should().Be(new RuleError(1, 7, "name",
            "the body names the rule \"B\" but the URL names \"A\"; they must agree (or leave the name out of the body)"));
    }

    [Fact]
    public void ParseRule_InvalidNameFromUrl_Rejected()
    {
        var result = RuleParser.ParseRule($"{Ok}\n", RuleFormat.Yaml, "bad name");
        result.Errors.Should().ContainSingle().Which.Should().Be(new RuleError(1, 1, "name",
            "\"bad name\" (from the URL) is not a valid rule name: use letters, digits, _, :, . and -, starting with a letter, digit or _, at most 128 characters"));
    }
}
