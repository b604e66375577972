using Flinq.Monitor.Alerting;
using Flinq.Time;

namespace Flinq.Monitor.Notify.Dispatch;

/// <summary>How a re-sent alert combines with the stored one (Alertmanager's <c>provider/mem</c> Put and <c>types.Alert.Merge</c>).</summary>
internal static class AlertMerge
{
    /// <summary>
    /// The alert to store when <paramref name="incoming"/> arrives and <paramref name="old"/> is stored: merged when
    /// their activity ranges overlap, otherwise the incoming one replaces it (a new occurrence).
    /// </summary>
    public static (Alert Alert, bool Timeout) Combine(Alert old, bool oldTimeout, Alert incoming, bool incomingTimeout)
    {
        bool overlap = (incoming.EndsAt > old.StartsAt && incoming.EndsAt < old.EndsAt)
            || (incoming.StartsAt > old.StartsAt && incoming.StartsAt < old.EndsAt);
        return overlap ? Merge(old, oldTimeout, incoming, incomingTimeout) : (incoming, incomingTimeout);
    }

    private static (Alert, bool) Merge(Alert a, bool aTimeout, Alert o, bool oTimeout)
    {
        if (o.UpdatedAt < a.UpdatedAt)
        {
            return Merge(o, oTimeout, a, aTimeout); // o is always the younger one
        }

        var start = a.StartsAt < o.StartsAt ? a.StartsAt : o.StartsAt;
        var end = o.EndsAt;
        bool timeout = oTimeout;
        var now = o.UpdatedAt;
        if (o.IsResolvedAt(now))
        {
            if (a.IsResolvedAt(now) && a.EndsAt > o.EndsAt)
            {
                end = a.EndsAt; // the latest explicit resolve time wins
                timeout = aTimeout;
            }
        }
        else if (a.EndsAt > o.EndsAt && !aTimeout)
        {
            end = a.EndsAt; // an explicit end time wins over a presumed one when it is later
            timeout = false;
        }

        return (o with { StartsAt = start, EndsAt = end }, timeout);
    }
}
