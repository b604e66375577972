namespace Flinq.Monitor.Notify.Configuration;

/// <summary>A loaded Alertmanager configuration (<c>alertmanager.yml</c>, 0.25 schema), validated.</summary>
internal sealed class NotifyConfig
{
    /// <summary>The YAML text as given (the status API returns it).</summary>
    public required string Original { get; init; }

    /// <summary><c>global.resolve_timeout</c>: how long an alert posted without an end time stays firing unless re-sent. Default 5m.</summary>
    public TimeSpan ResolveTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public required RouteConfig Route { get; init; }

    public required IReadOnlyList<ReceiverConfig> Receivers { get; init; }

    public required IReadOnlyList<InhibitRuleConfig> InhibitRules { get; init; }

    /// <summary><c>time_intervals</c> and the older top-level <c>mute_time_intervals</c>, by name.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<TimeInterval>> TimeIntervals { get; init; }
}
