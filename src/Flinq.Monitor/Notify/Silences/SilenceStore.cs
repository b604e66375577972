using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Notify.Silences;

/// <summary>
/// Alertmanager's silences: create, update, expire, query, and the check the notification pipeline makes for
/// each alert (<see cref="IsSilenced"/>). Persisted as one snapshot file rewritten atomically on every change
/// and loaded by <see cref="Open"/>; expired silences are kept for <see cref="SilenceStoreOptions.Retention"/>,
/// then deleted.
/// </summary>
/// <remarks>
/// Thread-safe. Writers serialise on a lock and publish an immutable array, so readers
/// (<see cref="IsSilenced"/>, <see cref="List"/>, <see cref="Get"/>) never wait. Times come from
/// <see cref="SilenceStoreOptions.TimeProvider"/>.
/// </remarks>
public sealed partial class SilenceStore : ISilencer
{
    private readonly Lock _writeLock = new();
    private readonly SilenceStoreOptions _options;
    private volatile Silence[] _silences;
    private long _version;

    private SilenceStore(SilenceStoreOptions options, Silence[] silences)
    {
        _options = options;
        _silences = silences;
    }

    /// <summary>Increases on every change; a caller may cache what it derived from the silences per version.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>How many silences are stored (all states, until garbage-collected).</summary>
    public int Count => _silences.Length;

    /// <summary>
    /// Opens the store: loads <c>silences.json</c> from <see cref="SilenceStoreOptions.Directory"/> when it exists
    /// (creating the directory when missing) and drops silences past their retention.
    /// </summary>
    /// <exception cref="InvalidDataException">The snapshot file exists but does not parse; the message says where.</exception>
    public static SilenceStore Open(SilenceStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var silences = options.Directory is null ? [] : LoadSnapshot(options.Directory);
        var store = new SilenceStore(options, silences);
        store.CollectGarbage();
        return store;
    }

    /// <summary>
    /// Creates or updates a silence with Alertmanager's rules and returns it as stored. Without an
    /// <see cref="Silence.Id"/> it is created with a new UUID. With one, the stored silence is updated in place
    /// when Alertmanager allows it (same matchers, and: pending and the new start not in the past, or active and
    /// the same start and an end not in the past); otherwise the stored silence is expired (unless it already is)
    /// and a new one with a new id replaces it. A new silence starting in the past starts now.
    /// </summary>
    /// <exception cref="SilenceValidationException">No matchers, only matchers that match the empty string, end not after start, or end in the past.</exception>
    /// <exception cref="KeyNotFoundException">An <see cref="Silence.Id"/> the store does not hold.</exception>
    public Silence Set(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        lock (_writeLock)
        {
            var now = Now();
            Validate(silence, now);
            var silences = _silences;
            int index = -1;
            if (silence.Id.Length > 0)
            {
                index = IndexOf(silences, silence.Id);
                if (index < 0)
                {
                    throw new KeyNotFoundException($"silence {silence.Id} not found");
                }
            }

            var list = new List<Silence>(silences);
            if (index >= 0)
            {
                var previous = silences[index];
                if (CanUpdate(previous, silence, now))
                {
                    var updated = silence with { UpdatedAt = now };
                    list[index] = updated;
                    Publish(list, now);
                    return updated;
                }

                if (previous.StateAt(now) != SilenceState.Expired)
                {
                    list[index] = Expired(previous, now);
                }
            }

            var created = silence with
            {
                Id = Guid.NewGuid().ToString(),
                StartsAt = silence.StartsAt < now ? now : silence.StartsAt,
                UpdatedAt = now,
            };
            list.Add(created);
            Publish(list, now);
            return created;
        }
    }

    /// <summary>
    /// Expires a silence now, as Alertmanager does: an active one ends now, a pending one starts and ends now.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No silence with that id.</exception>
    /// <exception cref="SilenceValidationException">The silence is already expired.</exception>
    public Silence Expire(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_writeLock)
        {
            var now = Now();
            var silences = _silences;
            int index = IndexOf(silences, id);
            if (index < 0)
            {
                throw new KeyNotFoundException($"silence {id} not found");
            }

            if (silences[index].StateAt(now) == SilenceState.Expired)
            {
                throw new SilenceValidationException($"silence {id} already expired");
            }

            var list = new List<Silence>(silences);
            list[index] = Expired(silences[index], now);
            Publish(list, now);
            return list[index];
        }
    }

    /// <summary>The silence with <paramref name="id"/>, or null.</summary>
    public Silence? Get(string id)
    {
        var silences = _silences;
        int index = IndexOf(silences, id);
        return index < 0 ? null : silences[index];
    }

    /// <summary>
    /// All silences, optionally only those in <paramref name="state"/> now and those matching
    /// <paramref name="filter"/> as Alertmanager's <c>GET /api/v2/silences?filter=</c> does: each filter matcher's
    /// label name must be one of the silence's matcher names, and the filter must match that matcher's value.
    /// </summary>
    public IReadOnlyList<Silence> List(IReadOnlyList<LabelMatcher>? filter = null, SilenceState? state = null)
    {
        var silences = _silences;
        var now = Now();
        var result = new List<Silence>(silences.Length);
        foreach (var silence in silences)
        {
            if ((state is null || silence.StateAt(now) == state) && (filter is null || MatchesFilter(silence, filter)))
            {
                result.Add(silence);
            }
        }

        return result;
    }

    /// <summary>
    /// Whether an active silence at <paramref name="now"/> mutes an alert with <paramref name="labels"/>; the ids
    /// of all such silences (sorted) come back in <paramref name="silenceIds"/> (empty when none). Lock-free.
    /// </summary>
    public bool IsSilenced(Labels labels, Timestamp now, out IReadOnlyList<string> silenceIds)
    {
        ArgumentNullException.ThrowIfNull(labels);
        List<string>? ids = null;
        foreach (var silence in _silences)
        {
            if (silence.StateAt(now) == SilenceState.Active && silence.Matches(labels))
            {
                (ids ??= []).Add(silence.Id);
            }
        }

        if (ids is null)
        {
            silenceIds = [];
            return false;
        }

        ids.Sort(StringComparer.Ordinal);
        silenceIds = ids;
        return true;
    }

    /// <summary>Deletes silences that ended more than the retention ago; returns how many. Called by every change and by <see cref="Open"/>; call it periodically too.</summary>
    public int CollectGarbage()
    {
        lock (_writeLock)
        {
            var now = Now();
            var silences = _silences;
            var kept = new List<Silence>(silences.Length);
            foreach (var silence in silences)
            {
                if (!IsPastRetention(silence, now))
                {
                    kept.Add(silence);
                }
            }

            int removed = silences.Length - kept.Count;
            if (removed > 0)
            {
                Publish(kept, now);
            }

            return removed;
        }
    }

    private static bool CanUpdate(Silence previous, Silence next, Timestamp now)
    {
        if (!previous.Matchers.SequenceEqual(next.Matchers))
        {
            return false;
        }

        return previous.StateAt(now) switch
        {
            SilenceState.Active => next.StartsAt == previous.StartsAt && next.EndsAt >= now,
            SilenceState.Pending => next.StartsAt >= now,
            _ => false,
        };
    }

    private static Silence Expired(Silence silence, Timestamp now) => silence.StateAt(now) == SilenceState.Pending
        ? silence with { StartsAt = now, EndsAt = now, UpdatedAt = now }
        : silence with { EndsAt = now, UpdatedAt = now };

    private static void Validate(Silence silence, Timestamp now)
    {
        if (silence.Matchers is null || silence.Matchers.Count == 0)
        {
            throw new SilenceValidationException("at least one matcher required");
        }

        bool allMatchEmpty = true;
        foreach (var matcher in silence.Matchers)
        {
            allMatchEmpty &= matcher.Matches(string.Empty);
        }

        if (allMatchEmpty)
        {
            throw new SilenceValidationException("at least one matcher must not match the empty string (the silence would mute every alert)");
        }

        if (!silence.StartsAt.HasValue || !silence.EndsAt.HasValue)
        {
            throw new SilenceValidationException("startsAt and endsAt are required");
        }

        if (silence.EndsAt <= silence.StartsAt)
        {
            throw new SilenceValidationException("start time must be before end time");
        }

        if (silence.EndsAt < now)
        {
            throw new SilenceValidationException("end time can't be in the past");
        }
    }

    private static bool MatchesFilter(Silence silence, IReadOnlyList<LabelMatcher> filter)
    {
        foreach (var f in filter)
        {
            bool found = false;
            foreach (var m in silence.Matchers)
            {
                if (m.Name == f.Name && f.Matches(m.Value))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOf(Silence[] silences, string id)
    {
        for (int i = 0; i < silences.Length; i++)
        {
            if (silences[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private bool IsPastRetention(Silence silence, Timestamp now) => silence.EndsAt + _options.Retention < now;

    private Timestamp Now() => Timestamp.FromDateTimeOffset(_options.TimeProvider.GetUtcNow());

    /// <summary>Drops what is past retention, writes the snapshot, then publishes; the caller holds the lock.</summary>
    private void Publish(List<Silence> silences, Timestamp now)
    {
        silences.RemoveAll(s => IsPastRetention(s, now));
        var array = silences.ToArray();
        if (_options.Directory is not null)
        {
            WriteSnapshot(_options.Directory, array);
        }

        _silences = array;
        Interlocked.Increment(ref _version);
    }
}
