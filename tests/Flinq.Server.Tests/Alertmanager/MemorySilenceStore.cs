using Flinq.Monitor.Notify;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Server.Tests.Alertmanager;

/// <summary>
/// A plain in-memory <see cref="ISilenceStore"/> so the silence endpoints can be tested before the receivers part's
/// durable store is merged (that store is the one the server uses; this one is not shipped).
/// </summary>
internal sealed class MemorySilenceStore : ISilenceStore
{
    private readonly Dictionary<string, Silence> _silences = [];
    private readonly Lock _lock = new();

    public bool IsSilenced(Labels labels, Timestamp now, out IReadOnlyList<string> silenceIds)
    {
        lock (_lock)
        {
            silenceIds = [.. _silences.Values.Where(s => s.StateAt(now) == SilenceState.Active && LabelMatcher.MatchesAll(s.Matchers, labels)).Select(s => s.Id)];
        }

        return silenceIds.Count > 0;
    }

    public string Upsert(Silence silence, Timestamp now)
    {
        if (silence.EndsAt <= silence.StartsAt)
        {
            throw new ArgumentException("end time must not be before start time");
        }

        lock (_lock)
        {
            string id = silence.Id.Length > 0 ? silence.Id : Guid.NewGuid().ToString();
            _silences[id] = silence with { Id = id, UpdatedAt = now };
            return id;
        }
    }

    public bool Expire(string id, Timestamp now)
    {
        lock (_lock)
        {
            if (!_silences.TryGetValue(id, out var s))
            {
                return false;
            }

            _silences[id] = s with { EndsAt = now, UpdatedAt = now };
            return true;
        }
    }

    public Silence? Get(string id)
    {
        lock (_lock)
        {
            return _silences.GetValueOrDefault(id);
        }
    }

    public IReadOnlyList<Silence> List()
    {
        lock (_lock)
        {
            return [.. _silences.Values];
        }
    }
}
