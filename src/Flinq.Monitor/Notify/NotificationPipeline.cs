using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify.Configuration;
using Flinq.Monitor.Notify.Dispatch;
using Flinq.Monitor.Notify.Routing;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Notify;

/// <summary>
/// Alertmanager's notification model in one process: alerts come in through <see cref="Post"/> (from Flinq's rule
/// jobs or <c>POST /api/v2/alerts</c>), are routed by the routing tree, grouped per (route, group labels), and each
/// group is flushed after group_wait and then every group_interval: inhibited, muted (time intervals) and silenced
/// alerts are left out, the notification log decides whether the receiver must hear about it (new firing alerts,
/// newly resolved ones with send_resolved, or repeat_interval passed), and each integration is called with
/// retries (exponential backoff) until the next flush.
/// </summary>
/// <remarks>
/// <para>All public members are thread-safe. Time comes from <see cref="NotificationPipelineOptions.TimeProvider"/>.</para>
/// <para>This is a dispatcher class rather than an engine job: its state must answer synchronous API reads (alerts,
/// groups, silenced/inhibited status), it accepts alerts from HTTP requests and from any number of rule jobs, and
/// a flush awaits network deliveries with retries for up to a group_interval — none of which fits a keyed
/// operator's mailbox thread. Its durable state is the notification log (<c>nflog.json</c>); alerts themselves are
/// re-sent by their raisers (rule jobs restore theirs from checkpoints, Prometheus re-sends every evaluation).</para>
/// </remarks>
public sealed partial class NotificationPipeline : IAsyncDisposable
{
    private static readonly TimeSpan s_maintenanceInterval = TimeSpan.FromMinutes(15);
    // The configuration and what is built from it: replaced together (under _lock) by Reload.
    private NotifyConfig _config;
    private Route _root;
    private Dictionary<string, ReceiverConfig> _receivers;
    private Inhibitor _inhibitor;
    private readonly NotificationLog _log;
    private readonly AlertJournal _journal;
    private readonly TimeProvider _time;
    private readonly NotificationPipelineOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, (Alert Alert, bool Timeout)> _alerts = [];
    private readonly Dictionary<(string RouteId, ulong LabelsFingerprint), AggregationGroup> _groups = [];
    private readonly Queue<DeliveryRecord> _deliveries = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _inFlight = [];
    private readonly ITimer _maintenance;
    private bool _disposed;

    private NotificationPipeline(NotificationPipelineOptions options, NotifyConfig config)
    {
        _options = options;
        _time = options.TimeProvider;
        (_config, _root, _receivers, _inhibitor) = Build(config);
        _log = new NotificationLog(options.DataDirectory, options.NotificationLogRetention, Now);
        StartedAt = Now;
        _journal = new AlertJournal(options.DataDirectory);
        Restore();
        _maintenance = _time.CreateTimer(_ => Maintain(), null, s_maintenanceInterval, s_maintenanceInterval);
    }

    /// <summary>The configuration text as given (for <c>/api/v2/status</c>).</summary>
    public string OriginalConfig => _config.Original;

    /// <summary>The receivers' names, in configuration order.</summary>
    public IReadOnlyList<string> ReceiverNames => [.. _config.Receivers.Select(r => r.Name)];

    /// <summary>The silence store, or null when none is configured.</summary>
    public ISilenceStore? Silences => _options.Silences;

    /// <summary><c>global.resolve_timeout</c>: the end time given to alerts posted without one.</summary>
    public TimeSpan ResolveTimeout => _config.ResolveTimeout;

    /// <summary>When the pipeline was created.</summary>
    public Timestamp StartedAt { get; }

    private Timestamp Now => Timestamp.FromDateTimeOffset(_time.GetUtcNow());

    /// <summary>
    /// Loads and validates the configuration and creates the pipeline; its notification log and the alerts of its
    /// journal (what the previous pipeline on the data directory held when it stopped or crashed) are read from the data
    /// directory, and the restored groups flush group_wait after the start.
    /// </summary>
    /// <exception cref="NotifyConfigException">The configuration is invalid; the message gives line and column.</exception>
    /// <exception cref="InvalidDataException">The notification log file or the alert journal is corrupt (the message names the file and what to do).</exception>
    public static NotificationPipeline Create(NotificationPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new NotifyConfigParser(options.IntegrationParsers, options.TimeProvider).Parse(options.ConfigYaml);
        return new NotificationPipeline(options, config);
    }

    /// <summary>
    /// Replaces the configuration — routes, receivers, inhibition rules, time intervals, <c>resolve_timeout</c> — as
    /// Alertmanager's reload does: the alerts held are kept and grouped again under the new routing tree, each group
    /// starting over with its <c>group_wait</c> (an alert that already waited that long is flushed at once). The
    /// notification log is kept, so a group whose key and receiver are unchanged does not notify again what it already
    /// notified. Flushes running at the time finish with the old configuration.
    /// </summary>
    /// <returns>Whether the configuration changed (an identical text changes nothing).</returns>
    /// <exception cref="NotifyConfigException">The new configuration is invalid; the running one is kept.</exception>
    public bool Reload(string configYaml)
    {
        ArgumentNullException.ThrowIfNull(configYaml);
        var built = Build(new NotifyConfigParser(_options.IntegrationParsers, _time).Parse(configYaml));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (string.Equals(built.Config.Original, _config.Original, StringComparison.Ordinal))
            {
                return false;
            }

            RemoveAllGroups();
            (_config, _root, _receivers, _inhibitor) = built;
            var now = Now;
            foreach (var (fp, entry) in _alerts)
            {
                // Resolved ones too: the notification log decides whether their resolution is still to be sent.
                Group(fp, entry.Alert, now);
            }

            try
            {
                CompactJournal(); // the journal's group keys follow the new routes
            }
            catch (IOException e)
            {
                // The new configuration is in force; the journal is compacted again at the next maintenance.
                Microsoft.Extensions.Logging.LoggerExtensions.LogError(_options.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, e, "Compacting the alert journal after a reload failed");
            }
        }

        return true;
    }

    /// <summary>Validates a configuration without creating a pipeline.</summary>
    /// <exception cref="NotifyConfigException">The configuration is invalid.</exception>
    public static void Validate(string yaml, IReadOnlyList<IIntegrationConfigParser> integrationParsers)
    {
        ArgumentNullException.ThrowIfNull(integrationParsers);
        _ = new NotifyConfigParser(integrationParsers, TimeProvider.System).Parse(yaml);
    }

    /// <summary>The receivers an alert with <paramref name="labels"/> is routed to, in order (as <c>amtool config routes test</c> prints them).</summary>
    public IReadOnlyList<string> Receivers(Labels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return [.. _root.Match(labels).Select(r => r.Receiver)];
    }

    /// <summary>
    /// Accepts alerts (new, re-sent or resolved) — the hook Flinq's rule jobs and <c>POST /api/v2/alerts</c> call.
    /// An alert without <see cref="Alert.EndsAt"/> is presumed firing for <see cref="ResolveTimeout"/> unless re-sent;
    /// <see cref="Alert.UpdatedAt"/> is set to now; a re-sent alert merges with the stored one as in Alertmanager.
    /// Returns at once: notifications happen on the groups' timers.
    /// </summary>
    /// <exception cref="ArgumentException">An alert has no labels or ends before it starts.</exception>
    public void Post(IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var now = Now;
        foreach (var alert in alerts)
        {
            if (alert.Labels.Count == 0)
            {
                throw new ArgumentException("an alert needs at least one label", nameof(alerts));
            }

            if (alert.EndsAt.HasValue && alert.StartsAt.HasValue && alert.EndsAt < alert.StartsAt)
            {
                throw new ArgumentException($"alert {alert.Labels}: start time must be before end time", nameof(alerts));
            }
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var incoming in alerts)
            {
                Insert(Normalize(incoming, now, out bool timeout), timeout, now);
            }

            _journal.Flush(); // before returning: a crash after the post must find the alerts
        }
    }

    /// <summary>Completes when the flushes running now have finished (tests; shutdown).</summary>
    public Task WhenIdleAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll([.. _inFlight]);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Task idle;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            RemoveAllGroups();
            idle = Task.WhenAll([.. _inFlight]);
        }

        await _maintenance.DisposeAsync().ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await idle.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // deliveries cut short by the shutdown: recorded as failed, nothing to do
        }

        _stopping.Dispose();
        lock (_lock)
        {
            _journal.Dispose();
        }
    }

    /// <summary>What the pipeline builds from a configuration: the routing tree, receivers by name, the inhibitor.</summary>
    private static (NotifyConfig Config, Route Root, Dictionary<string, ReceiverConfig> Receivers, Inhibitor Inhibitor) Build(NotifyConfig config) =>
        (config, Route.Build(config.Route), config.Receivers.ToDictionary(r => r.Name, StringComparer.Ordinal), new Inhibitor(config.InhibitRules));

    /// <summary>Stops every group's timer and forgets the groups (dispose, reload); the caller holds the lock.</summary>
    private void RemoveAllGroups()
    {
        foreach (var group in _groups.Values)
        {
            group.Removed = true;
            group.Timer?.Dispose();
        }

        _groups.Clear();
    }

    private Alert Normalize(Alert alert, Timestamp now, out bool timeout)
    {
        timeout = false;
        var startsAt = alert.StartsAt;
        var endsAt = alert.EndsAt;
        if (!startsAt.HasValue)
        {
            startsAt = endsAt.HasValue ? endsAt : now;
        }

        if (!endsAt.HasValue)
        {
            timeout = true;
            endsAt = now + _config.ResolveTimeout;
        }

        return alert with { StartsAt = startsAt, EndsAt = endsAt, UpdatedAt = now };
    }

    private void Insert(Alert incoming, bool timeout, Timestamp now, HashSet<string>? doneGroups = null)
    {
        ulong fp = incoming.Fingerprint;
        (Alert Alert, bool Timeout) stored = _alerts.TryGetValue(fp, out var old) ? AlertMerge.Combine(old.Alert, old.Timeout, incoming, timeout) : (incoming, timeout);
        _alerts[fp] = stored;
        if (doneGroups is null)
        {
            _journal.Append(stored.Alert, stored.Timeout);
        }

        Group(fp, stored.Alert, now, doneGroups);
    }

    /// <summary>
    /// Adds the alert to the group of each route it matches, creating groups (with their timers) as needed; restoring
    /// from the journal (<paramref name="doneGroups"/> not null), groups that were done with it are skipped.
    /// </summary>
    private void Group(ulong fp, Alert alert, Timestamp now, HashSet<string>? doneGroups = null)
    {
        foreach (var route in _root.Match(alert.Labels))
        {
            var groupLabels = route.GroupLabels(alert.Labels);
            var key = (route.Id, groupLabels.Fingerprint);
            if (doneGroups is not null && doneGroups.Contains(route.Key + ":" + AggregationGroup.FormatLabelSet(groupLabels)))
            {
                continue; // restored: this group had notified it resolved and let it go
            }

            if (!_groups.TryGetValue(key, out var group))
            {
                group = new AggregationGroup(route, groupLabels) { Restored = doneGroups is not null };
                _groups[key] = group;
                var g = group;
                group.Timer = _time.CreateTimer(_ => OnTick(g), null, route.GroupWait, Timeout.InfiniteTimeSpan);
            }

            group.Alerts[fp] = alert;
            if (!group.HasFlushed && !group.Restored && alert.StartsAt + route.GroupWait < now)
            {
                group.Timer!.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan); // waited long enough already
            }
        }
    }

    private void Maintain()
    {
        var now = Now;
        try
        {
            _log.Collect(now);
        }
        catch (IOException e)
        {
            // A timer callback must not throw; the next maintenance tries again.
            Microsoft.Extensions.Logging.LoggerExtensions.LogError(_options.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, e, "Dropping old notification log entries failed");
        }

        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var (fp, entry) in _alerts.ToList())
            {
                if (entry.Alert.IsResolvedAt(now) && !_groups.Values.Any(g => g.Alerts.ContainsKey(fp)))
                {
                    _alerts.Remove(fp);
                }
            }

            try
            {
                CompactJournal();
            }
            catch (IOException e)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogError(_options.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, e, "Compacting the alert journal failed");
            }
        }
    }

    /// <summary>Takes back the alerts of the journal (the state of the pipeline before a stop or crash) and compacts it.</summary>
    private void Restore()
    {
        var now = Now;
        lock (_lock)
        {
            // Under the lock: a restored group due at once flushes on a timer thread while the others are restored.
            var restored = _journal.Load();
            // The raisers could not re-send while the pipeline was down: presumed ends still ahead at the last post
            // (the last sign of life) move by the downtime, so a long restart does not resolve them by itself.
            var lastPost = restored.Count == 0 ? now : restored.Max(r => r.Alert.UpdatedAt);
            var downtime = now > lastPost ? now - lastPost : TimeSpan.Zero;
            foreach (var (stored, timeout, doneGroups) in restored)
            {
                var alert = stored.EndsAt > lastPost ? stored with { EndsAt = stored.EndsAt + downtime } : stored;
                Insert(alert, timeout, now, doneGroups);
                if (alert.IsResolvedAt(now) && !_groups.Values.Any(g => g.Alerts.ContainsKey(alert.Fingerprint)))
                {
                    _alerts.Remove(alert.Fingerprint); // resolved and notified before the stop: nothing left to do
                }
            }

            CompactJournal();
        }
    }

    /// <summary>Rewrites the journal with the alerts held now; the caller holds the lock (or is the constructor).</summary>
    private void CompactJournal()
    {
        _journal.Compact(_alerts.Values.Select(e => (e.Alert, e.Timeout, DoneGroups(e.Alert))).ToList());
    }

    /// <summary>The keys of the groups <paramref name="alert"/> routes to that no longer hold it (done with it).</summary>
    private IEnumerable<string> DoneGroups(Alert alert)
    {
        var done = new List<string>();
        foreach (var route in _root.Match(alert.Labels))
        {
            var groupLabels = route.GroupLabels(alert.Labels);
            if (!_groups.TryGetValue((route.Id, groupLabels.Fingerprint), out var group) || !group.Alerts.ContainsKey(alert.Fingerprint))
            {
                done.Add(route.Key + ":" + AggregationGroup.FormatLabelSet(groupLabels));
            }
        }

        return done;
    }

    private void Record(DeliveryRecord record)
    {
        lock (_deliveries)
        {
            _deliveries.Enqueue(record);
            while (_deliveries.Count > _options.DeliveryHistory)
            {
                _deliveries.Dequeue();
            }
        }
    }
}
