using Flinq.Examples.Common;
using Flinq.Examples.ErrorLogAlert;
using Flinq.Testing;

namespace Flinq.Examples.Tests.ErrorLogAlert;

public class ErrorLogAlertJobTests
{
    private const long T = 1_767_225_600_000; // 2026-01-01T00:00:00Z
    private static readonly GrokPattern s_grok = GrokPattern.Compile(GrokPattern.DefaultLogLine);

    [Fact]
    public async Task Build_ThresholdReachedOnceInAWindow_EmitsOneAlertForThatWindow()
    {
        var lines = new List<string>();
        // checkout: 3 errors in minute 0 (mixed case, FATAL counts, WARN does not), out of order.
        lines.Add(Json("checkout", "error", "e1", T + 10_000));
        lines.Add(Json("checkout", "WARN", "w", T + 11_000));
        lines.Add(Json("checkout", "Fatal", "first", T + 5_000));
        lines.Add("2026-01-01T00:00:20Z ERROR [checkout] raw line counts too");
        lines.Add(Json("checkout", "INFO", "ok", T + 21_000));
        // search: 2 errors in minute 0 (below threshold), 3 in minute 1.
        lines.Add(Json("search", "ERROR", "s1", T + 30_000));
        lines.Add(Json("search", "ERROR", "s2", T + 40_000));
        lines.Add(Json("search", "ERROR", "s3", T + 61_000));
        lines.Add(Json("search", "error", "s4", T + 62_000));
        lines.Add("this line is garbage");                          // line 10: bad
        lines.Add(Json("checkout", "ERROR", "in time", T + 50_000));  // out of order; watermark T+56999: counted
        lines.Add(Json("search", "ERROR", "s5", T + 63_000));
        lines.Add(Json("search", "ERROR", "s6", T + 66_000));       // a 4th in minute 1; watermark T+60999 fires minute 0
        lines.Add(Json("checkout", "ERROR", "too late", T + 55_000)); // behind the watermark at 00:01:00: not counted

        var (alerts, bad) = await RunAsync(lines, threshold: 3);

        alerts.Should().Equal(
            new ErrorAlert("checkout", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", 4, 3, "first"),
            new ErrorAlert("search", "2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z", 4, 3, "s3"));
        bad.Should().ContainSingle().Which.Line.Should().Be(10);
    }

    [Fact]
    public async Task Build_DefaultThresholdOfTen_NineErrorsDoNotAlert()
    {
        var nine = Enumerable.Range(0, 9).Select(i => Json("auth", "ERROR", $"e{i}", T + (i * 1_000))).ToList();
        var ten = nine.Append(Json("auth", "FATAL", "e9", T + 9_500)).ToList();

        (await RunAsync(nine, threshold: 10)).Alerts.Should().BeEmpty();
        (await RunAsync(ten, threshold: 10)).Alerts.Should().Equal(
            new ErrorAlert("auth", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", 10, 10, "e0"));
    }

    private static string Json(string service, string level, string message, long ts) =>
        $$"""{"service":"{{service}}","level":"{{level}}","message":"{{message}}","ts":{{ts}}}""";

    private static async Task<(IReadOnlyList<ErrorAlert> Alerts, IReadOnlyList<Flinq.Connectors.BadRecord> Bad)> RunAsync(IEnumerable<string> lines, int threshold)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var input = ExampleInput.FromLines(env, lines, line => LogEvent.Parse(line, s_grok), e => e.Ts, TimeSpan.FromSeconds(5));
        var alerts = ErrorLogAlertJob.Build(input.Events, threshold).Collect();
        var bad = input.BadLines.Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));
        return (alerts.Values, bad.Values);
    }
}
