using Flinq.Time;

namespace Flinq.Monitor.Notify.Dispatch;

/// <summary>What was last notified for one group to one integration.</summary>
internal sealed record NotificationLogEntry(HashSet<ulong> Firing, HashSet<ulong> Resolved, Timestamp Time)
{
    /// <summary>Alertmanager's <c>needsUpdate</c>: whether a flush with these alerts must notify.</summary>
    public static bool NeedsUpdate(NotificationLogEntry? entry, HashSet<ulong> firing, HashSet<ulong> resolved, bool sendResolved, TimeSpan repeatInterval, Timestamp now)
    {
        if (entry is null)
        {
            return firing.Count > 0; // never notified: only when something fires
        }

        if (!firing.IsSubsetOf(entry.Firing))
        {
            return true; // a new firing alert
        }

        if (firing.Count == 0)
        {
            // All resolved: notify (whatever send_resolved says, so the log's firing set is cleared) unless the
            // receiver never heard of any of them.
            return entry.Firing.Count > 0;
        }

        if (sendResolved && !resolved.IsSubsetOf(entry.Resolved))
        {
            return true;
        }

        return entry.Time < now - repeatInterval;
    }
}
