using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Notify.Webhook;

/// <summary>POSTs Alertmanager's webhook payload (version 4) as JSON; 2xx is success, 429 and 5xx are retryable, other statuses are not.</summary>
internal sealed class WebhookNotifier : INotifier
{
    private readonly HttpClient _client;
    private readonly Uri _url;
    private readonly int _maxAlerts;

    public WebhookNotifier(HttpClient client, Uri url, int maxAlerts)
    {
        _client = client;
        _url = url;
        _maxAlerts = maxAlerts;
    }

    public string Integration => "webhook";

    public async Task<NotifyResult> NotifyAsync(Notification notification, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Payload(notification, _maxAlerts));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await _client.PostAsync(_url, content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return NotifyResult.Ok;
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            string error = $"HTTP {(int)response.StatusCode} from {_url}: {(body.Length > 200 ? body[..200] : body)}";
            return response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500
                ? NotifyResult.RetryableFailure(error)
                : NotifyResult.PermanentFailure(error);
        }
        catch (HttpRequestException e)
        {
            return NotifyResult.RetryableFailure($"POST {_url}: {e.Message}");
        }
    }

    /// <summary>The version 4 payload.</summary>
    internal static byte[] Payload(Notification n, int maxAlerts)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            int count = maxAlerts > 0 ? Math.Min(maxAlerts, n.Alerts.Count) : n.Alerts.Count;
            w.WriteStartObject();
            w.WriteString("receiver", n.Receiver);
            w.WriteString("status", n.Status);
            w.WriteStartArray("alerts");
            for (int i = 0; i < count; i++)
            {
                var a = n.Alerts[i];
                w.WriteStartObject();
                w.WriteString("status", a.IsResolvedAt(n.Time) ? "resolved" : "firing");
                WriteLabels(w, "labels", a.Labels);
                WriteLabels(w, "annotations", a.Annotations);
                w.WriteString("startsAt", FormatTime(a.StartsAt));
                w.WriteString("endsAt", FormatTime(a.EndsAt));
                w.WriteString("generatorURL", a.GeneratorUrl);
                w.WriteString("fingerprint", Alert.FormatFingerprint(a.Fingerprint));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteLabels(w, "groupLabels", n.GroupLabels);
            WriteLabels(w, "commonLabels", n.CommonLabels);
            WriteLabels(w, "commonAnnotations", n.CommonAnnotations);
            w.WriteString("externalURL", n.ExternalUrl);
            w.WriteString("version", "4");
            w.WriteString("groupKey", n.GroupKey);
            w.WriteNumber("truncatedAlerts", n.Alerts.Count - count + n.TruncatedAlerts);
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>RFC 3339 as Go prints <c>time.Time</c>; no time is Go's zero time.</summary>
    internal static string FormatTime(Timestamp t) => t.HasValue
        ? t.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)
        : "0001-01-01T00:00:00Z";

    private static void WriteLabels(Utf8JsonWriter w, string name, Labels labels)
    {
        w.WriteStartObject(name);
        foreach (var l in labels.AsSpan())
        {
            w.WriteString(l.Name, l.Value);
        }

        w.WriteEndObject();
    }
}
