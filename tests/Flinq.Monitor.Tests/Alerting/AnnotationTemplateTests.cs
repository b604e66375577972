using Flinq.Monitor.Alerting;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Alerting;

public sealed class AnnotationTemplateTests
{
    private static readonly Labels s_labels = Labels.FromPairs(("host", "web-1"), ("alertname", "HighCpu"), ("k8s.pod", "p-1"));

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("{{ $labels.host }} CPU at {{ $value }}%", "web-1 CPU at 93.25%")]
    [InlineData("{{$labels.host}}/{{.Labels.alertname}}/{{ .Value }}", "web-1/HighCpu/93.25")]
    [InlineData("limit {{ $threshold }}, pod {{ $labels.k8s.pod }}", "limit 90, pod p-1")]
    [InlineData("missing [{{ $labels.nope }}]", "missing []")]
    [InlineData("literal {{ \"{{\" }} x }}", "literal {{ x }}")]
    [InlineData("", "")]
    public void Render_SupportedActions_Substitutes(string template, string expected) =>
        AnnotationTemplate.Parse(template).Render(s_labels, 93.25, "90").Should().Be(expected);

    [Fact]
    public void Render_SpecialValues_PlainText()
    {
        var t = AnnotationTemplate.Parse("{{ $value }}");
        t.Render(s_labels, double.NaN, "").Should().Be("NaN");
        t.Render(s_labels, double.PositiveInfinity, "").Should().Be("+Inf");
        t.Render(s_labels, 1e21, "").Should().Be("1E+21");
        t.Render(s_labels, 0.1, "").Should().Be("0.1");
    }

    [Theory]
    [InlineData("a {{ $labels.host", "has no closing", "position 2")]
    [InlineData("x {{ printf \"%.2f\" $value }}", "unsupported action", "position 2")]
    [InlineData("{{ $labels }}", "unsupported action", "position 0")]
    [InlineData("{{ $labels.1x }}", "unsupported action", "position 0")]
    [InlineData("{{ .Env.HOME }}", "unsupported action", "position 0")]
    public void Parse_Unsupported_FailsWithPosition(string template, string reason, string position)
    {
        var act = () => AnnotationTemplate.Parse(template);
        act.Should().Throw<FormatException>().Which.Message.Should().Contain(reason).And.Contain(position);
        AnnotationTemplate.TryParse(template, out var parsed, out var error).Should().BeFalse();
        parsed.Should().BeNull();
        error.Should().Contain(reason);
    }
}
