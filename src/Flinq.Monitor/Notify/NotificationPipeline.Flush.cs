using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify.Configuration;
using Flinq.Monitor.Notify.Dispatch;
using Flinq.Monitor.Telemetry;
using Flinq.Time;
using Microsoft.Extensions.Logging;

namespace Flinq.Monitor.Notify;

/// <summary>Flushing a group: inhibit → time intervals → silence → notification log → integrations with retries.</summary>
public sealed partial class NotificationPipeline
{
    private static readonly TimeSpan s_minFlushTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_firstBackoff = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromMinutes(1);

    private void OnTick(AggregationGroup group)
    {
        lock (_lock)
        {
            if (group.Removed || _disposed)
            {
                return;
            }

            group.Timer!.Change(group.Route.GroupInterval, Timeout.InfiniteTimeSpan);
            group.HasFlushed = true;
        }

        // Started outside the lock: with a notifier that completes synchronously the whole flush runs here.
        var task = FlushAsync(group);
        if (!task.IsCompleted)
        {
            lock (_lock)
            {
                _inFlight.Add(task);
            }

            _ = task.ContinueWith(t => { lock (_lock) { _inFlight.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private async Task FlushAsync(AggregationGroup group)
    {
        try
        {
            // A previous flush may still be retrying: flushes of one group never overlap.
            await group.FlushGate.WaitAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            await FlushLockedAsync(group).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _options.Logger?.LogError(e, "Flushing alert group {GroupKey} failed", group.Key);
            Record(new DeliveryRecord(Now, group.Route.Receiver, "-", group.Key, 0, 0, 0, false, "flush failed: " + e.Message));
        }
        finally
        {
            group.FlushGate.Release();
        }
    }

    private async Task FlushLockedAsync(AggregationGroup group)
    {
        var now = Now;
        List<Alert> snapshot;
        lock (_lock)
        {
            snapshot = [.. group.Alerts.Values];
        }

        snapshot.Sort((a, b) => string.CompareOrdinal(a.Labels.ToString(), b.Labels.ToString()));
        var sent = new List<Alert>(snapshot.Count);
        foreach (var a in snapshot)
        {
            // As Alertmanager: an alert not resolved at flush time is shown firing, without its presumed end.
            sent.Add(a.IsResolvedAt(now) ? a : a with { EndsAt = Timestamp.None });
        }

        bool ok = sent.Count == 0 || await NotifyAsync(group, sent, now).ConfigureAwait(false);
        lock (_lock)
        {
            if (ok)
            {
                foreach (var a in snapshot)
                {
                    // Resolved alerts are done once notified, unless they changed meanwhile.
                    if (a.IsResolvedAt(now) && group.Alerts.TryGetValue(a.Fingerprint, out var current) && ReferenceEquals(current, a))
                    {
                        group.Alerts.Remove(a.Fingerprint);
                        if (!_disposed)
                        {
                            _journal.Done(group.Key, a.Fingerprint);
                        }
                    }
                }
            }

            if (group.Alerts.Count == 0 && !group.Removed)
            {
                group.Removed = true;
                group.Timer?.Dispose();
                _groups.Remove((group.Route.Id, group.Labels.Fingerprint));
            }
        }
    }

    /// <returns>True when every integration that had to be notified was notified successfully.</returns>
    private async Task<bool> NotifyAsync(AggregationGroup group, List<Alert> alerts, Timestamp now)
    {
        var route = group.Route;
        var kept = new List<Alert>(alerts.Count);
        lock (_lock)
        {
            foreach (var a in alerts)
            {
                if (!_inhibitor.HasRules || _inhibitor.InhibitedBy(a.Labels, _alerts.Values.Select(e => e.Alert), now) is null)
                {
                    kept.Add(a);
                }
            }
        }

        var instant = now.ToDateTimeOffset();
        if (route.ActiveTimeIntervals.Count > 0 && !route.ActiveTimeIntervals.Any(n => InInterval(n, instant)))
        {
            return true; // outside every active interval: nothing is sent, and that is not a failure
        }

        if (route.MuteTimeIntervals.Any(n => InInterval(n, instant)))
        {
            return true;
        }

        if (_options.Silences is { } silences)
        {
            kept.RemoveAll(a => silences.IsSilenced(a.Labels, now, out _));
        }

        if (kept.Count == 0 || !_receivers.TryGetValue(route.Receiver, out var receiver) || receiver.Integrations.Count == 0)
        {
            return true;
        }

        var firing = new HashSet<ulong>();
        var resolved = new HashSet<ulong>();
        foreach (var a in kept)
        {
            (a.IsResolvedAt(now) ? resolved : firing).Add(a.Fingerprint);
        }

        var tasks = new List<Task<bool>>(receiver.Integrations.Count);
        for (int i = 0; i < receiver.Integrations.Count; i++)
        {
            tasks.Add(NotifyIntegrationAsync(group, receiver, i, kept, firing, resolved, now));
        }

        bool[] results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return Array.TrueForAll(results, r => r);
    }

    private async Task<bool> NotifyIntegrationAsync(AggregationGroup group, ReceiverConfig receiver, int index, List<Alert> alerts, HashSet<ulong> firing, HashSet<ulong> resolved, Timestamp now)
    {
        var integration = receiver.Integrations[index];
        string name = integration.Notifier.Integration + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
        string logKey = receiver.Name + "/" + name;
        var entry = _log.Query(logKey, group.Key);
        if (!NotificationLogEntry.NeedsUpdate(entry, firing, resolved, integration.SendResolved, group.Route.RepeatInterval, now))
        {
            return true;
        }

        var toSend = alerts;
        if (!integration.SendResolved)
        {
            if (firing.Count == 0)
            {
                // Only resolved alerts and the receiver does not want them: log them as notified so the next
                // flush does not consider them new (Alertmanager does the same).
                _log.Log(logKey, group.Key, firing, resolved, now);
                return true;
            }

            toSend = alerts.FindAll(a => !a.IsResolvedAt(now));
        }

        var notification = new Notification
        {
            Receiver = receiver.Name,
            GroupKey = group.Key,
            Status = firing.Count > 0 ? "firing" : "resolved",
            Alerts = toSend,
            GroupLabels = group.Labels,
            CommonLabels = Common(toSend, a => a.Labels),
            CommonAnnotations = Common(toSend, a => a.Annotations),
            ExternalUrl = _options.ExternalUrl,
            Time = now,
        };
        var (result, attempts) = await DeliverWithRetriesAsync(integration.Notifier, notification, group.Route.GroupInterval).ConfigureAwait(false);
        int sentResolved = toSend.Count(a => a.IsResolvedAt(now));
        Record(new DeliveryRecord(now, receiver.Name, name, group.Key, toSend.Count - sentResolved, sentResolved, attempts, result.Success, result.Error));
        if (!result.Success)
        {
            _options.Logger?.LogWarning("Notify {Receiver}/{Integration} for group {GroupKey} failed after {Attempts} attempts: {Error}", receiver.Name, name, group.Key, attempts, result.Error);
            return false;
        }

        _log.Log(logKey, group.Key, firing, resolved, Now);
        return true;
    }

    /// <summary>Calls the notifier until it succeeds, fails permanently, or the next flush is due (at least 10 s), backing off 0.5 s, 1 s, 2 s... up to 1 min.</summary>
    private async Task<(NotifyResult Result, int Attempts)> DeliverWithRetriesAsync(INotifier notifier, Notification notification, TimeSpan groupInterval)
    {
        var budget = groupInterval > s_minFlushTimeout ? groupInterval : s_minFlushTimeout;
        using var timeout = new CancellationTokenSource(budget, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
        var deadline = _time.GetUtcNow() + budget;
        var backoff = s_firstBackoff;
        int attempts = 0;
        while (true)
        {
            attempts++;
            NotifyResult result;
            try
            {
                result = await notifier.NotifyAsync(notification, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                return (NotifyResult.RetryableFailure(_stopping.IsCancellationRequested ? "cancelled: the pipeline stopped" : $"timed out: no success within {PromDuration.Format(budget)}"), attempts);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // INotifier promises not to throw for a failed delivery; one that does is reported, not hidden.
                result = NotifyResult.RetryableFailure($"{notifier.Integration} notifier threw {e.GetType().Name}: {e.Message}");
            }

            if (result.Success || !result.Retryable || _time.GetUtcNow() + backoff >= deadline)
            {
                return (result, attempts);
            }

            try
            {
                await Task.Delay(backoff, _time, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return (result, attempts);
            }

            backoff = backoff * 2 > s_maxBackoff ? s_maxBackoff : backoff * 2;
        }
    }

    private bool InInterval(string name, DateTimeOffset instant) =>
        _config.TimeIntervals.TryGetValue(name, out var intervals) && intervals.Any(i => i.Contains(instant));

    private static Labels Common(List<Alert> alerts, Func<Alert, Labels> select)
    {
        if (alerts.Count == 0)
        {
            return Labels.Empty;
        }

        var builder = new LabelsBuilder();
        foreach (var label in select(alerts[0]).AsSpan())
        {
            bool everywhere = true;
            for (int i = 1; i < alerts.Count && everywhere; i++)
            {
                everywhere = select(alerts[i]).TryGetValue(label.Name, out var v) && v == label.Value;
            }

            if (everywhere)
            {
                builder.Add(label.Name, label.Value);
            }
        }

        return builder.Build();
    }
}
