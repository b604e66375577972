using Flinq.Monitor.Notify.Silences;
using Flinq.Time;

namespace Flinq.Monitor.Notify;

/// <summary>
/// The silences behind <c>/api/v2/silences</c> and the pipeline's <see cref="ISilencer"/>: Alertmanager's
/// silence semantics (an active silence's matchers cannot be changed in place: updating it expires it and
/// creates a new one; expired silences are kept for a retention time, then dropped).
/// </summary>
/// <remarks>Implementations are thread-safe and durable (they survive a restart of the server).</remarks>
public interface ISilenceStore : ISilencer
{
    /// <summary>
    /// Creates a silence (empty <see cref="Silence.Id"/>) or updates the one with that id, and returns the id
    /// under which it is now stored (a new one when an active silence's matchers or start changed).
    /// </summary>
    /// <exception cref="ArgumentException">No matchers, only matchers that match the empty string, EndsAt not after StartsAt, EndsAt in the past, or an unknown id; the message says which.</exception>
    string Upsert(Silence silence, Timestamp now);

    /// <summary>Expires the silence now. False when there is no such silence; an already expired one is an error for Alertmanager (<see cref="ArgumentException"/>).</summary>
    /// <exception cref="ArgumentException">The silence is already expired.</exception>
    bool Expire(string id, Timestamp now);

    /// <summary>The silence with that id, or null.</summary>
    Silence? Get(string id);

    /// <summary>All stored silences (active, pending and expired within retention).</summary>
    IReadOnlyList<Silence> List();
}
