namespace Flinq.Monitor.Rules;

/// <summary>
/// The rule set of a server: rules from files (read-only through the API) and rules made through the API
/// (persisted atomically in the data directory, so they survive a restart). Every change gets the next
/// <see cref="Version"/> and is published as a <see cref="RuleChange"/> to the subscribers, which is how the rule
/// jobs learn about it (feed the changes into their broadcast input).
/// </summary>
/// <remarks>
/// <para>Thread-safe: changes are serialised by one lock; each change is persisted before it is published, and
/// subscribers see changes in version order.</para>
/// <para>Versions also increase across restarts: the last version, the versions of file rules and the deletions
/// (tombstones) are persisted, so a rule file edited or removed while the server was down shows up as an update or
/// a delete with a new version when the store opens, and a subscriber that restored old state from a checkpoint
/// can tell stale changes from new ones.</para>
/// <para>File rules cannot be changed, enabled, disabled or deleted through the API (<see cref="RuleWriteStatus.Conflict"/>):
/// the file is the source of truth, and an API change would be silently undone by the next reload. Edit the file
/// and call <see cref="Reload"/>. A rule name is either a file rule or an API rule, never both.</para>
/// </remarks>
public sealed partial class RuleStore
{
    private const int MaxTombstones = 1000;

    private readonly object _lock = new();
    private readonly RuleStoreOptions _options;
    private readonly Dictionary<string, StoredRule> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tombstones = new(StringComparer.Ordinal);
    private readonly List<Action<RuleChange>> _subscribers = [];
    private long _version;

    private RuleStore(RuleStoreOptions options)
    {
        _options = options;
    }

    /// <summary>The version of the last change (0 for a store that never changed).</summary>
    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    /// <summary>Where API rules and versions are persisted: <c>DATA/rules-state.json</c>.</summary>
    public string StatePath => Path.Combine(_options.DataDirectory, "rules-state.json");

    /// <summary>The folder whose rule files are always read: <c>DATA/rules</c>.</summary>
    public string RulesDirectory => Path.Combine(_options.DataDirectory, "rules");

    /// <summary>
    /// Opens the store: reads the persisted state and the rule files, and records what changed in the files since
    /// the last run as new versions.
    /// </summary>
    /// <exception cref="RuleFileException">A rule file has errors, or a file rule has the name of another rule; nothing is loaded.</exception>
    /// <exception cref="IOException">The state cannot be read or written.</exception>
    /// <exception cref="InvalidDataException">The persisted state is damaged; the message names the file.</exception>
    public static RuleStore Open(RuleStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = new RuleStore(options);
        Directory.CreateDirectory(options.DataDirectory);
        store.LoadState();
        var errors = store.ApplyFiles();
        if (errors.Count > 0)
        {
            throw new RuleFileException(errors);
        }

        return store;
    }

    /// <summary>All rules, ordered by name.</summary>
    public IReadOnlyList<StoredRule> List()
    {
        lock (_lock)
        {
            return _rules.Values.OrderBy(r => r.Rule.Name, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The rule named <paramref name="name"/>, or null.</summary>
    public StoredRule? Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            return _rules.GetValueOrDefault(name);
        }
    }

    /// <summary>Creates or replaces an API rule (its <see cref="AlertRule.Enabled"/> is taken as given).</summary>
    /// <exception cref="IOException">The state could not be persisted; nothing changed.</exception>
    public RuleWriteResult Put(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_lock)
        {
            var existing = _rules.GetValueOrDefault(rule.Name);
            if (existing is { Source: RuleSource.File })
            {
                return FileConflict(existing);
            }

            if (existing is not null && AlertRuleComparer.Instance.Equals(existing.Rule, rule))
            {
                return new RuleWriteResult(RuleWriteStatus.Unchanged, existing, null);
            }

            var stored = new StoredRule(rule, RuleSource.Api, _version + 1, null);
            Commit([stored], []);
            return new RuleWriteResult(existing is null ? RuleWriteStatus.Created : RuleWriteStatus.Updated, stored, null);
        }
    }

    /// <summary>Deletes an API rule.</summary>
    /// <exception cref="IOException">The state could not be persisted; nothing changed.</exception>
    public RuleWriteResult Delete(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            var existing = _rules.GetValueOrDefault(name);
            if (existing is null)
            {
                return NotFound(name);
            }

            if (existing.Source == RuleSource.File)
            {
                return FileConflict(existing);
            }

            Commit([], [name]);
            return new RuleWriteResult(RuleWriteStatus.Deleted, null, null);
        }
    }

    /// <summary>Enables or disables an API rule (a new version unless it already was so).</summary>
    /// <exception cref="IOException">The state could not be persisted; nothing changed.</exception>
    public RuleWriteResult SetEnabled(string name, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_lock)
        {
            var existing = _rules.GetValueOrDefault(name);
            if (existing is null)
            {
                return NotFound(name);
            }

            if (existing.Source == RuleSource.File)
            {
                return FileConflict(existing);
            }

            return Put(existing.Rule with { Enabled = enabled });
        }
    }

    /// <summary>
    /// Reads the rule files again and applies what changed (new, changed and removed file rules). When any file has
    /// an error nothing changes and the errors are returned, as Prometheus keeps its old rules on a failed reload.
    /// </summary>
    /// <exception cref="IOException">The state could not be persisted.</exception>
    public IReadOnlyList<RuleFileError> Reload()
    {
        lock (_lock)
        {
            return ApplyFiles();
        }
    }

    /// <summary>
    /// Calls <paramref name="onChange"/> with every current rule and every remembered deletion, in version order,
    /// then with each later change, until the returned handle is disposed.
    /// </summary>
    /// <remarks>
    /// The callback runs under the store's lock, on the thread making the change: keep it short (e.g. write into a
    /// queue), do not call back into the store, and do not throw (an exception reaches the API caller after the change
    /// was persisted, and later subscribers miss the change).
    /// </remarks>
    public IDisposable Subscribe(Action<RuleChange> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_lock)
        {
            var replay = _rules.Values.Select(r => new RuleChange(r.Rule.Name, r.Rule, r.Version))
                .Concat(_tombstones.Select(t => new RuleChange(t.Key, null, t.Value)))
                .OrderBy(c => c.Version);
            foreach (var change in replay)
            {
                onChange(change);
            }

            _subscribers.Add(onChange);
        }

        return new Subscription(this, onChange);
    }

    /// <summary>Applies upserts (already carrying their new versions) and deletes in one persisted step, then publishes them.</summary>
    private void Commit(IReadOnlyList<StoredRule> upserts, IReadOnlyList<string> deletes)
    {
        var changes = new List<RuleChange>(upserts.Count + deletes.Count);
        long version = _version;
        var nextRules = new Dictionary<string, StoredRule>(_rules, StringComparer.Ordinal);
        var nextTombstones = new Dictionary<string, long>(_tombstones, StringComparer.Ordinal);
        foreach (var rule in upserts)
        {
            version++;
            var stored = rule with { Version = version };
            nextRules[rule.Rule.Name] = stored;
            nextTombstones.Remove(rule.Rule.Name);
            changes.Add(new RuleChange(rule.Rule.Name, rule.Rule, version));
        }

        foreach (var name in deletes)
        {
            version++;
            nextRules.Remove(name);
            nextTombstones[name] = version;
            changes.Add(new RuleChange(name, null, version));
        }

        foreach (var old in nextTombstones.OrderBy(t => t.Value).Take(Math.Max(0, nextTombstones.Count - MaxTombstones)).ToList())
        {
            nextTombstones.Remove(old.Key);
        }

        // Persist first: if the write fails, memory and subscribers still agree with the disk.
        SaveState(version, nextRules.Values, nextTombstones);
        _version = version;
        _rules.Clear();
        foreach (var (name, rule) in nextRules)
        {
            _rules[name] = rule;
        }

        _tombstones.Clear();
        foreach (var (name, v) in nextTombstones)
        {
            _tombstones[name] = v;
        }

        foreach (var change in changes)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber(change);
            }
        }
    }

    private static RuleWriteResult FileConflict(StoredRule existing) => new(RuleWriteStatus.Conflict, existing,
        $"rule \"{existing.Rule.Name}\" comes from the file {existing.File} and cannot be changed through the API; edit the file and reload, or delete it from the file and create it through the API");

    private static RuleWriteResult NotFound(string name) => new(RuleWriteStatus.NotFound, null, $"no rule named \"{name}\"");

    private sealed class Subscription(RuleStore store, Action<RuleChange> onChange) : IDisposable
    {
        public void Dispose()
        {
            lock (store._lock)
            {
                store._subscribers.Remove(onChange);
            }
        }
    }
}
