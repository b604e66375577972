using Flinq.Monitor.Notify.Configuration;

namespace Flinq.Monitor.Tests.Notify;

/// <summary>Time interval fields evaluated as Alertmanager's timeinterval package does.</summary>
public sealed class TimeIntervalTests
{
    private static TimeInterval Parse(string spec)
    {
        var yaml = "route: {receiver: r}\nreceivers: [{name: r}]\ntime_intervals:\n  - name: t\n    time_intervals:\n      - " + spec + "\n";
        return new NotifyConfigParser([], TimeProvider.System).Parse(yaml).TimeIntervals["t"].Single();
    }

    [Theory]
    [InlineData("times: [{start_time: '09:00', end_time: '17:00'}]", "2026-01-05T09:00:00Z", true)]
    [InlineData("times: [{start_time: '09:00', end_time: '17:00'}]", "2026-01-05T17:00:00Z", false)] // end exclusive
    [InlineData("weekdays: ['saturday', 'sunday']", "2026-01-04T12:00:00Z", true)] // a Sunday
    [InlineData("weekdays: ['monday:friday']", "2026-01-04T12:00:00Z", false)]
    [InlineData("days_of_month: ['-1']", "2026-02-28T12:00:00Z", true)] // last day of February
    [InlineData("days_of_month: ['-3:-1']", "2026-01-28T12:00:00Z", false)]
    [InlineData("days_of_month: ['-3:-1']", "2026-01-29T12:00:00Z", true)]
    [InlineData("days_of_month: ['1:5']", "2026-01-05T23:59:00Z", true)]
    [InlineData("months: ['december', 'january:february']", "2026-03-01T00:00:00Z", false)]
    [InlineData("months: ['1:2']", "2026-02-01T00:00:00Z", true)]
    [InlineData("years: ['2025:2026']", "2027-01-01T00:00:00Z", false)]
    [InlineData("{times: [{start_time: '17:00', end_time: '19:00'}], location: 'Asia/Shanghai'}", "2026-01-05T10:00:00Z", true)] // 18:00 in Shanghai
    [InlineData("{times: [{start_time: '17:00', end_time: '19:00'}], location: 'Asia/Shanghai'}", "2026-01-05T17:30:00Z", false)]
    public void Contains_MatchesAlertmanager(string spec, string instant, bool expected) =>
        Parse(spec).Contains(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);
}
