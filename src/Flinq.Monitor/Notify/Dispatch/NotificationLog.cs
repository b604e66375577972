using System.Globalization;
using System.Text.Json;
using Flinq.Time;

namespace Flinq.Monitor.Notify.Dispatch;

/// <summary>
/// Alertmanager's notification log (<c>nflog</c>): per (receiver integration, group key), the fingerprints of the
/// firing and resolved alerts last notified successfully and when. The dedup step consults it, so a restart
/// neither repeats a notification nor forgets one; entries older than the retention are dropped.
/// </summary>
/// <remarks>
/// Persisted as one JSON file (<c>nflog.json</c>) in the data directory, rewritten atomically (temp file +
/// rename) after each change: it holds one small entry per group and integration, so a rewrite is cheap.
/// Thread-safe.
/// </remarks>
internal sealed class NotificationLog
{
    private const string FileName = "nflog.json";
    private readonly Dictionary<(string Receiver, string GroupKey), NotificationLogEntry> _entries = [];
    private readonly string? _path;
    private readonly TimeSpan _retention;
    private readonly Lock _lock = new();

    public NotificationLog(string? directory, TimeSpan retention, Timestamp now)
    {
        _retention = retention;
        if (directory is null)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, FileName);
        if (File.Exists(_path))
        {
            Load(_path, now);
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public NotificationLogEntry? Query(string receiver, string groupKey)
    {
        lock (_lock)
        {
            return _entries.GetValueOrDefault((receiver, groupKey));
        }
    }

    public void Log(string receiver, string groupKey, IReadOnlyCollection<ulong> firing, IReadOnlyCollection<ulong> resolved, Timestamp now)
    {
        lock (_lock)
        {
            _entries[(receiver, groupKey)] = new NotificationLogEntry([.. firing], [.. resolved], now);
            Save();
        }
    }

    /// <summary>Drops entries older than the retention; returns how many.</summary>
    public int Collect(Timestamp now)
    {
        lock (_lock)
        {
            int removed = 0;
            foreach (var key in _entries.Keys.ToList())
            {
                if (_entries[key].Time < now - _retention)
                {
                    _entries.Remove(key);
                    removed++;
                }
            }

            if (removed > 0)
            {
                Save();
            }

            return removed;
        }
    }

    private void Save()
    {
        if (_path is null)
        {
            return;
        }

        var items = _entries.Select(e => new FileEntry
        {
            Receiver = e.Key.Receiver,
            GroupKey = e.Key.GroupKey,
            Firing = [.. e.Value.Firing.Select(f => f.ToString("x16", CultureInfo.InvariantCulture))],
            Resolved = [.. e.Value.Resolved.Select(f => f.ToString("x16", CultureInfo.InvariantCulture))],
            Time = e.Value.Time.Milliseconds,
        }).ToList();
        string tmp = _path + ".tmp";
        File.WriteAllBytes(tmp, JsonSerializer.SerializeToUtf8Bytes(items));
        File.Move(tmp, _path, overwrite: true);
    }

    private void Load(string path, Timestamp now)
    {
        List<FileEntry>? items;
        try
        {
            items = JsonSerializer.Deserialize<List<FileEntry>>(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"notification log {path} is corrupt ({e.Message}); move it away to start with an empty log (notifications may then repeat once)", e);
        }

        foreach (var item in items ?? [])
        {
            var time = Timestamp.FromMilliseconds(item.Time);
            if (time >= now - _retention)
            {
                _entries[(item.Receiver, item.GroupKey)] = new NotificationLogEntry(
                    [.. item.Firing.Select(ParseHex)], [.. item.Resolved.Select(ParseHex)], time);
            }
        }
    }

    private static ulong ParseHex(string text) => ulong.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    private sealed class FileEntry
    {
        public string Receiver { get; set; } = string.Empty;

        public string GroupKey { get; set; } = string.Empty;

        public List<string> Firing { get; set; } = [];

        public List<string> Resolved { get; set; } = [];

        public long Time { get; set; }
    }
}
