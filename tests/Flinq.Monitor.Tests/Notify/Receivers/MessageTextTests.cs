using Flinq.Monitor.Notify.Receivers;
using Flinq.Monitor.Telemetry;
using static Flinq.Monitor.Tests.Notify.Receivers.TestNotifications;

namespace Flinq.Monitor.Tests.Notify.Receivers;

public sealed class MessageTextTests
{
    [Fact]
    public void Title_FiringGroup_AlertmanagerDefaultSubject()
    {
        var view = AlertGroupView.Create(Of(Firing("HighCPU", "a"), Firing("HighCPU", "b"), Resolved("HighCPU", "c")), true, 0)!;

        MessageText.Title(view).Should().Be("[FIRING:2] HighCPU (critical)");
    }

    [Fact]
    public void Title_AllResolvedNoExtraCommonLabels_NoCountNoParentheses()
    {
        var n = Of(Resolved("HighCPU", "a")) with { CommonLabels = Labels.FromPairs(("alertname", "HighCPU")) };

        MessageText.Title(AlertGroupView.Create(n, true, 0)!).Should().Be("[RESOLVED] HighCPU");
    }

    [Theory]
    [InlineData("Markdown", "a_b*c [x](y) <b> #1 `t` \\", "a\\_b\\*c \\[x\\]\\(y\\) &lt;b\\> \\#1 \\`t\\` \\\\")]
    [InlineData("LarkMarkdown", "<at id=all></at> & *", "&lt;at id=all&gt;&lt;/at&gt; &amp; \\*")]
    [InlineData("SlackMrkdwn", "<!channel> & *bold*", "&lt;!channel&gt; &amp; *bold*")]
    [InlineData("Plain", "<b>*x*</b>", "<b>*x*</b>")]
    public void Escape_MarkupCharacters_Neutralised(string format, string text, string expected)
    {
        MessageText.Escape(text, Enum.Parse<TextFormat>(format)).Should().Be(expected);
    }

    [Fact]
    public void Body_AnnotationWithNewlines_OneLinePerAnnotation()
    {
        var alert = Firing("HighCPU", "a") with { Annotations = Labels.FromPairs(("summary", "line1\nline2"), ("description", "d"), ("runbook", "r")) };

        string body = MessageText.Body(AlertGroupView.Create(Of(alert), true, 0)!, TextFormat.Plain, 10_000, withTitle: false);

        body.Should().Be("[FIRING] HighCPU instance=a severity=critical (since 2026-12-07T16:55:00Z)\n  summary: line1 line2\n  description: d\n\nhttp://127.0.0.1:7700");
    }
}
