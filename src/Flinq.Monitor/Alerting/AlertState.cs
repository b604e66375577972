namespace Flinq.Monitor.Alerting;

/// <summary>The state of one alert (one rule and group) in <see cref="AlertLifecycle"/>.</summary>
public enum AlertState
{
    /// <summary>The condition does not hold; nothing is kept for the group.</summary>
    Inactive,

    /// <summary>The condition holds, but not yet for the rule's <c>for</c>.</summary>
    Pending,

    /// <summary>The alert fires (and is sent to the notification pipeline).</summary>
    Firing,

    /// <summary>A firing alert stopped firing; the state is dropped right after (a transition target only).</summary>
    Resolved,
}
