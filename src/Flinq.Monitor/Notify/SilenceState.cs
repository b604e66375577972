namespace Flinq.Monitor.Notify;

/// <summary>A silence's state at a given time, as Alertmanager's API reports it.</summary>
public enum SilenceState
{
    /// <summary>Not started yet (<c>pending</c>).</summary>
    Pending,

    /// <summary>In effect (<c>active</c>).</summary>
    Active,

    /// <summary>Ended or expired early (<c>expired</c>).</summary>
    Expired,
}
