using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Notify.Receivers;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Tests.Notify.Receivers;

/// <summary>
/// The webhook payload against the real thing: Debian's Alertmanager 0.25 sends a group to a capture server, and
/// Flinq's payload for the same data must be the same bytes (fingerprints aside: Flinq's hash differs from
/// Alertmanager's by design).
/// </summary>
public sealed partial class WebhookAlertmanagerParityTests
{
    private const string Alertmanager = "/usr/bin/prometheus-alertmanager";

    [Fact]
    public async Task Payload_SameGroupAsAlertmanager_SameBytesButFingerprints()
    {
        File.Exists(Alertmanager).Should().BeTrue($"{Alertmanager} is needed: apt-get install prometheus-alertmanager (test.sh does)");
        await using var hook = await CaptureServer.StartAsync();
        string dir = Directory.CreateTempSubdirectory("flinq-am-").FullName;
        int port = SmtpServer.FreePort();
        File.WriteAllText(Path.Combine(dir, "am.yml"), $"""
            route:
              receiver: hook
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: hook
                webhook_configs:
                  - url: {hook.Url("/hook")}
            """);
        var start = new ProcessStartInfo(Alertmanager) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[]
        {
            "--config.file=" + Path.Combine(dir, "am.yml"), "--storage.path=" + Path.Combine(dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=", $"--web.external-url=http://127.0.0.1:{port}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitForAsync(async () => (await TryGet(http, "/-/ready")) == 200, "Alertmanager ready", stderr);
            var now = DateTimeOffset.UtcNow;
            var startsAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddMinutes(-5).AddMilliseconds(120);
            var alerts = new object[]
            {
                new
                {
                    labels = new Dictionary<string, string> { ["alertname"] = "Parity", ["instance"] = "a<b>&\"c", ["severity"] = "critical" },
                    annotations = new Dictionary<string, string> { ["summary"] = "ü 😀\nline2 \u2028 <x>", ["description"] = "tab\there" },
                    startsAt = startsAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    generatorURL = "http://127.0.0.1:7700/rules/Parity?x=1&y=2",
                },
                new
                {
                    labels = new Dictionary<string, string> { ["alertname"] = "Parity", ["instance"] = "b", ["severity"] = "critical" },
                    annotations = new Dictionary<string, string> { ["summary"] = "done" },
                    startsAt = startsAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                    endsAt = now.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    generatorURL = "",
                },
            };
            (await http.PostAsJsonAsync("/api/v2/alerts", alerts)).EnsureSuccessStatusCode();
            await WaitForAsync(() => Task.FromResult(hook.Requests.Count > 0), "Alertmanager's webhook", stderr);

            string theirs = hook.Requests[0].BodyText;
            string ours = Encoding.UTF8.GetString(WebhookNotifier.Payload(AlertGroupView.Create(FromPayload(theirs), true, 0)!));

            Fingerprint().Replace(ours, "\"fingerprint\":\"-\"").Should().Be(Fingerprint().Replace(theirs, "\"fingerprint\":\"-\""));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The Notification Flinq's pipeline would hand the notifier for the group Alertmanager sent.</summary>
    private static Notification FromPayload(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var alerts = new List<Alert>();
        foreach (var a in root.GetProperty("alerts").EnumerateArray())
        {
            bool resolved = a.GetProperty("status").GetString() == "resolved";
            alerts.Add(new Alert
            {
                Labels = ToLabels(a.GetProperty("labels")),
                Annotations = ToLabels(a.GetProperty("annotations")),
                StartsAt = Timestamp.FromDateTimeOffset(a.GetProperty("startsAt").GetDateTimeOffset()),
                EndsAt = resolved ? Timestamp.FromDateTimeOffset(a.GetProperty("endsAt").GetDateTimeOffset()) : Timestamp.None,
                GeneratorUrl = a.GetProperty("generatorURL").GetString()!,
            });
        }

        return new Notification
        {
            Receiver = root.GetProperty("receiver").GetString()!,
            GroupKey = root.GetProperty("groupKey").GetString()!,
            Status = root.GetProperty("status").GetString()!,
            Alerts = alerts,
            GroupLabels = ToLabels(root.GetProperty("groupLabels")),
            CommonLabels = ToLabels(root.GetProperty("commonLabels")),
            CommonAnnotations = ToLabels(root.GetProperty("commonAnnotations")),
            TruncatedAlerts = root.GetProperty("truncatedAlerts").GetInt32(),
            ExternalUrl = root.GetProperty("externalURL").GetString()!,
            Time = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };
    }

    private static Labels ToLabels(JsonElement obj)
    {
        var builder = new LabelsBuilder();
        foreach (var p in obj.EnumerateObject())
        {
            builder.Add(p.Name, p.Value.GetString()!);
        }

        return builder.Build();
    }

    private static async Task<int> TryGet(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, StringBuilder log)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                lock (log)
                {
                    throw new TimeoutException($"waited 60 s for {what}; Alertmanager's log:\n{log}");
                }
            }

            await Task.Delay(100);
        }
    }

    [GeneratedRegex("\"fingerprint\":\"[0-9a-f]{16}\"")]
    private static partial Regex Fingerprint();
}
