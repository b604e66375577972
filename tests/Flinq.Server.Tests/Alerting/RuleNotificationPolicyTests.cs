using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Flinq.Server.Tests.Alertmanager;

using static Flinq.Server.Tests.Alerting.AlertingRequests;

namespace Flinq.Server.Tests.Alerting;

/// <summary>
/// The alert policies of rules, end to end on the real server with a webhook receiver: <c>for</c> and
/// <c>keep_firing_for</c> in event time, grouping with group_interval and repeat_interval, and silences — a rule
/// created through <c>/api/v1/rules</c>, telemetry through the ingest API, notifications at a real HTTP listener.
/// </summary>
public sealed class RuleNotificationPolicyTests : IDisposable
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(90);
    private readonly WebhookCapture _hook = new();
    private readonly string _configFile = Path.Combine(Path.GetTempPath(), "flinq-am-policy-" + Guid.NewGuid().ToString("N") + ".yml");

    public void Dispose()
    {
        _hook.Dispose();
        File.Delete(_configFile);
    }

    [Fact]
    public async Task ForAndKeepFiringFor_EventTime_FiresAfterForResolvesAfterKeepFiringFor()
    {
        WriteConfig(groupBy: "[alertname, host]", groupWait: "0s", groupInterval: "1s", repeatInterval: "1h");
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        await PutRuleAsync(f, "LoadHigh", """
            kind: threshold
            for: 20s
            keep_firing_for: 20s
            annotations: {summary: "{{ $labels.host }} at {{ $value }}"}
            threshold: {metric: load, aggregation: max, window: 10s, group_by: [host], op: ">", value: 90}
            """);

        // Event time starts T, a 10 s window boundary two minutes back, so every alert stays current for the
        // notification pipeline (a firing alert's end is its evaluation + 4 min).
        long t = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 10_000 * 10_000) - 120_000;
        // steady: 95 during [T, T+30), then 50. Windows ending T+10, T+20, T+30 are active: pending from T+10,
        // firing at T+30 (30 − 10 ≥ for 20 s); inactive at T+40 (40 − 30 < keep_firing_for: still firing) and at T+50
        // (50 − 30 = 20, not < 20): resolved at T+50.
        // blip: 95 during [T, T+10) only: pending at T+10, back to inactive at T+20, never notified.
        // Sent in two parts: replayed all at once, the firing and the resolution would reach the notification pipeline
        // within milliseconds, and (as in Alertmanager) a group whose alert resolved before its first flush notifies
        // nobody. Part 1 (T .. T+44, watermark T+39) closes the windows up to T+30: steady fires.
        await SendAsync(f, Samples(t, 0, 45));
        await TestWait.UntilAsync(() => Find("firing", "host", "steady") is not null, s_wait, "a firing webhook for steady");

        // Part 2 (T+45 .. T+79) and then data for the present move event time past T+50: steady resolves.
        await SendAsync(f, Samples(t, 45, 80));
        await TestWait.UntilAsync(async () =>
        {
            await SendAsync(f, $"load,host=clock value=0 {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\n");
            await Task.Delay(300);
            return Find("resolved", "host", "steady") is not null;
        }, s_wait, "a resolved webhook for steady");

        var firing = Find("firing", "host", "steady")!;
        Time(firing, "startsAt").Should().Be(t + 30_000, "pending from the window ending T+10, firing once for (20 s) elapsed at T+30");
        firing["annotations"]!["summary"]!.GetValue<string>().Should().Be("steady at 95");
        var resolved = Find("resolved", "host", "steady")!;
        Time(resolved, "startsAt").Should().Be(t + 30_000);
        Time(resolved, "endsAt").Should().Be(t + 50_000, "keep_firing_for 20 s after the last active window (T+30)");
        Alerts().Count(a => Label(a, "host") == "steady" && Status(a) == "firing").Should().Be(1, "one firing notification");
        Alerts().Should().NotContain(a => Label(a, "host") == "blip", "blip was active for less than for");
    }

    [Fact]
    public async Task Grouping_OneNotificationPerGroup_NewAlertAfterGroupInterval_RepeatAfterRepeatInterval()
    {
        // group_wait longer than the alerts' age when they arrive (event time: window end + 5 s watermark delay), else
        // the group flushes at once for the first of them, as Alertmanager does for alerts that already waited.
        WriteConfig(groupBy: "[alertname]", groupWait: "15s", groupInterval: "2s", repeatInterval: "4s");
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        // no_data: keep_state — a 2 s window a slow test machine leaves without samples must not resolve the alerts.
        await PutRuleAsync(f, "GroupHot", """
            kind: threshold
            no_data: keep_state
            threshold: {metric: temp, aggregation: max, window: 2s, group_by: [host], op: ">", value: 90}
            """);

        // g-1 and g-2 cross in the same requests (same windows): group_wait gathers both into the first notification.
        await TestWait.UntilAsync(async () =>
        {
            await SendNowAsync(f, ("g-1", 95), ("g-2", 95), ("g-3", 20));
            return !_hook.Payloads.IsEmpty;
        }, s_wait, "the first notification of the group");

        // Then g-3 crosses too: the group's next flush (group_interval) carries all three.
        await TestWait.UntilAsync(async () =>
        {
            await SendNowAsync(f, ("g-1", 95), ("g-2", 95), ("g-3", 95));
            return Payloads().Any(p => Hosts(p).Count == 3);
        }, s_wait, "a notification with g-3 added");

        // Nothing changes any more: after repeat_interval the same three are notified again.
        await TestWait.UntilAsync(async () =>
        {
            await SendNowAsync(f, ("g-1", 95), ("g-2", 95), ("g-3", 95));
            return Payloads().Count(p => Hosts(p).Count == 3) >= 2;
        }, s_wait, "the repeat of the three-alert notification");

        var payloads = Payloads();
        Hosts(payloads[0]).Should().BeEquivalentTo(["g-1", "g-2"], "the first flush after group_wait holds both alerts that fired together");
        payloads.Select(p => p["groupKey"]!.GetValue<string>()).Distinct().Should().ContainSingle("group_by [alertname]: one group")
            .Which.Should().Be("{}:{alertname=\"GroupHot\"}");
        payloads.Should().OnlyContain(p => p["status"]!.GetValue<string>() == "firing");
        int firstOfThree = payloads.FindIndex(p => Hosts(p).Count == 3);
        payloads.Skip(firstOfThree).Should().OnlyContain(p => Hosts(p).Count == 3, "once g-3 joined, every notification carries the three");
    }

    [Fact]
    public async Task Silence_SuppressesOneHostsNotifications_ExpiringItNotifies()
    {
        WriteConfig(groupBy: "[alertname, host]", groupWait: "0s", groupInterval: "1s", repeatInterval: "1h");
        await using var f = await ServerFixture.StartAsync(o => o.AlertmanagerConfig = _configFile);
        string id = await SilenceAsync(f, "SilencedHot", "s-1");
        await PutRuleAsync(f, "SilencedHot", """
            kind: threshold
            no_data: keep_state
            threshold: {metric: temp, aggregation: max, window: 2s, group_by: [host], op: ">", value: 90}
            """);

        // Both hosts cross in the same windows; only s-2 is notified, s-1 shows as suppressed by the silence.
        await TestWait.UntilAsync(async () =>
        {
            await SendNowAsync(f, ("s-1", 95), ("s-2", 95));
            return Find("firing", "host", "s-2") is not null && await SuppressedAsync(f, "s-1") == id;
        }, s_wait, "s-2 notified and s-1 suppressed by the silence");

        // Another group_interval flush later s-1 still was not notified.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Find("firing", "host", "s-1").Should().BeNull("the silence matches s-1");

        using (var expire = await f.Client.DeleteAsync("/api/v2/silence/" + id))
        {
            expire.StatusCode.Should().Be(HttpStatusCode.OK, await expire.Content.ReadAsStringAsync());
        }

        await TestWait.UntilAsync(async () =>
        {
            await SendNowAsync(f, ("s-1", 95), ("s-2", 95));
            return Find("firing", "host", "s-1") is not null;
        }, s_wait, "s-1 notified once its silence expired");
    }

    /// <summary>Seconds [from, to) after <paramref name="t"/> of the for/keep_firing_for test: steady 95 before T+30, blip before T+10, then 50.</summary>
    private static string Samples(long t, int from, int to)
    {
        var lines = new StringBuilder();
        for (int s = from; s < to; s++)
        {
            long ts = t + (s * 1000L);
            lines.Append(CultureInfo.InvariantCulture, $"load,host=steady value={(s < 30 ? 95 : 50)} {ts}\n");
            lines.Append(CultureInfo.InvariantCulture, $"load,host=blip value={(s < 10 ? 95 : 50)} {ts}\n");
        }

        return lines.ToString();
    }

    private void WriteConfig(string groupBy, string groupWait, string groupInterval, string repeatInterval) =>
        File.WriteAllText(_configFile, $"""
            route:
              receiver: ops
              group_by: {groupBy}
              group_wait: {groupWait}
              group_interval: {groupInterval}
              repeat_interval: {repeatInterval}
            receivers:
              - name: ops
                webhook_configs:
                  - url: '{_hook.Url}'
                    send_resolved: true
            """);

    private List<JsonNode> Payloads() => [.. _hook.Payloads];

    private List<JsonNode> Alerts() => [.. _hook.Payloads.SelectMany(p => p["alerts"]!.AsArray()).Select(a => a!)];

    private JsonNode? Find(string status, string label, string value) =>
        Alerts().FirstOrDefault(a => Status(a) == status && Label(a, label) == value);

    private static string Status(JsonNode alert) => alert["status"]!.GetValue<string>();

    private static string? Label(JsonNode alert, string name) => alert["labels"]?[name]?.GetValue<string>();

    private static List<string> Hosts(JsonNode payload) =>
        [.. payload["alerts"]!.AsArray().Select(a => Label(a!, "host")!).Order(StringComparer.Ordinal)];

    private static long Time(JsonNode alert, string field) =>
        DateTimeOffset.Parse(alert[field]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    private static async Task SendNowAsync(ServerFixture f, params (string Host, int Value)[] samples)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await SendAsync(f, string.Concat(samples.Select(s => $"temp,host={s.Host} value={s.Value} {now}\n")));
        await Task.Delay(300);
    }

    private static async Task<string> SilenceAsync(ServerFixture f, string alertname, string host)
    {
        var now = DateTimeOffset.UtcNow;
        var body = new JsonObject
        {
            ["matchers"] = new JsonArray(
                new JsonObject { ["name"] = "alertname", ["value"] = alertname, ["isRegex"] = false, ["isEqual"] = true },
                new JsonObject { ["name"] = "host", ["value"] = host, ["isRegex"] = false, ["isEqual"] = true }),
            ["startsAt"] = now.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
            ["endsAt"] = now.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
            ["createdBy"] = "test",
            ["comment"] = "maintenance of " + host,
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await f.Client.PostAsync("/api/v2/silences", content);
        string text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!["silenceID"]!.GetValue<string>();
    }

    /// <summary>The silence that suppresses the host's alert in <c>/api/v2/alerts</c>, or null.</summary>
    private static async Task<string?> SuppressedAsync(ServerFixture f, string host)
    {
        var alerts = JsonNode.Parse(await f.Client.GetStringAsync("/api/v2/alerts"))!.AsArray();
        var alert = alerts.FirstOrDefault(a => Label(a!, "host") == host);
        if (alert?["status"] is not { } status || status["state"]!.GetValue<string>() != "suppressed")
        {
            return null;
        }

        return status["silencedBy"]!.AsArray().Select(s => s!.GetValue<string>()).FirstOrDefault();
    }
}
