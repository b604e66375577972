using Flinq.Monitor.Notify.Silences;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Notify;

/// <summary>Decides whether an alert is silenced: the notification pipeline's view of the silence store.</summary>
/// <remarks>Implementations are thread-safe; calls are cheap enough to make per alert per flush.</remarks>
public interface ISilencer
{
    /// <summary>
    /// Whether an active silence (<see cref="Silence.StartsAt"/> &lt;= <paramref name="now"/> &lt; <see cref="Silence.EndsAt"/>)
    /// matches every one of its matchers against <paramref name="labels"/>.
    /// </summary>
    /// <param name="labels">The alert's labels.</param>
    /// <param name="now">The time to evaluate at.</param>
    /// <param name="silenceIds">The ids of the matching active silences (empty when not silenced).</param>
    bool IsSilenced(Labels labels, Timestamp now, out IReadOnlyList<string> silenceIds);
}
