using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// One transition of an alert in <see cref="AlertLifecycle"/> (inactive → pending → firing → resolved), or, when
/// <see cref="From"/> equals <see cref="To"/> (<see cref="IsUpdate"/>), a refresh of a firing alert's value and
/// annotations sent with each re-send. The alert state view and the history table are built from these.
/// </summary>
/// <param name="Time">The evaluation time of the transition.</param>
/// <param name="Rule">The rule's name.</param>
/// <param name="Labels">The alert's labels (alertname, severity, rule labels, group labels).</param>
/// <param name="Annotations">The annotations rendered at <paramref name="Time"/>.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Value">The evaluated value (NaN when there was no data).</param>
/// <param name="ActiveAt">When the condition started to hold (the pending time).</param>
/// <param name="FiredAt">When it started firing, or <see cref="Timestamp.None"/>.</param>
public sealed record AlertStateChange(
    Timestamp Time, string Rule, Labels Labels, Labels Annotations, AlertState From, AlertState To, double Value, Timestamp ActiveAt, Timestamp FiredAt)
{
    /// <summary>The alert's fingerprint (hash of <see cref="Labels"/>).</summary>
    public ulong Fingerprint => Labels.Fingerprint;

    /// <summary>True for a refresh of a firing alert, not a transition.</summary>
    public bool IsUpdate => From == To;

    /// <summary>The state's name as the API and the history table write it: <c>inactive</c>, <c>pending</c>, <c>firing</c>, <c>resolved</c>.</summary>
    public static string Name(AlertState state) => state switch
    {
        AlertState.Inactive => "inactive",
        AlertState.Pending => "pending",
        AlertState.Firing => "firing",
        _ => "resolved",
    };
}
