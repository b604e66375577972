using System.Globalization;
using System.Text.Json;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Notify.Dispatch;

/// <summary>
/// The pipeline's alerts on disk (<c>alerts.jsonl</c> next to the notification log), so a restarted pipeline holds
/// what the crashed one held: each accepted alert (as stored, after merging) is appended as one JSON line, and each
/// alert a group is done with (resolved and notified) as a <c>done</c> line with the group key. Replaying the file
/// rebuilds the alerts and their group memberships; the notification log then decides what still needs notifying.
/// </summary>
/// <remarks>
/// <para>Why: Flinq's rule jobs hand an alert to the pipeline when it fires, resolves or is re-sent (every minute), and
/// restore their own state from a checkpoint, which is older than the crash. Without the journal a crash loses every
/// alert waiting in a group: an alert notified firing whose job restored to "not firing yet" would never be notified
/// resolved, and a group notified as {a, b, c} that hears only "a resolved" after the restart would tell the receiver
/// "all resolved" and later "b, c firing" again. With it, such an alert resolves at its <see cref="Alert.EndsAt"/> unless
/// its raiser sends it again, exactly as in a pipeline that never stopped.</para>
/// <para>Appends are written through to the operating system (no fsync: a killed process loses nothing, a power cut
/// may lose the last lines). A torn last line is ignored. The file is compacted at open and by
/// <see cref="Compact"/>. Not thread-safe: the pipeline calls it under its lock.</para>
/// </remarks>
internal sealed class AlertJournal : IDisposable
{
    private const string FileName = "alerts.jsonl";
    private readonly string? _path;
    private readonly MemoryStream _buffer = new();
    private FileStream? _stream;

    public AlertJournal(string? directory)
    {
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
            _path = Path.Combine(directory, FileName);
        }
    }

    /// <summary>The alerts of the file, each with the group keys it is done with; empty without a file.</summary>
    /// <exception cref="InvalidDataException">A line other than the last does not parse.</exception>
    public List<(Alert Alert, bool Timeout, HashSet<string> DoneGroups)> Load()
    {
        var alerts = new Dictionary<ulong, (Alert Alert, bool Timeout, HashSet<string> DoneGroups)>();
        if (_path is null || !File.Exists(_path))
        {
            return [];
        }

        string[] lines = File.ReadAllLines(_path);
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(lines[i]);
                var root = doc.RootElement;
                if (root.TryGetProperty("done", out var done))
                {
                    ulong fp = ulong.Parse(done.GetString()!, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    if (alerts.TryGetValue(fp, out var entry))
                    {
                        entry.DoneGroups.Add(root.GetProperty("group").GetString()!);
                    }
                }
                else
                {
                    var alert = ReadAlert(root);
                    alerts[alert.Fingerprint] = (alert, root.GetProperty("timeout").GetBoolean(), new HashSet<string>(StringComparer.Ordinal));
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException or ArgumentException)
            {
                if (i == lines.Length - 1)
                {
                    break; // torn by a crash in the middle of an append
                }

                throw new InvalidDataException($"alert journal {_path} line {i + 1} is corrupt ({e.Message}); move the file away to start without the alerts it holds (their raisers send them again)", e);
            }
        }

        return [.. alerts.Values];
    }

    /// <summary>
    /// Adds an alert as the pipeline now stores it (a later line for the same fingerprint replaces it and its done
    /// groups); written by the next <see cref="Flush"/>, so one post of many alerts is one write.
    /// </summary>
    public void Append(Alert alert, bool timeout)
    {
        if (_path is not null)
        {
            WriteAlert(_buffer, alert, timeout);
        }
    }

    /// <summary>Writes what <see cref="Append"/> added through to the operating system.</summary>
    public void Flush()
    {
        if (_path is not null && _buffer.Length > 0)
        {
            Write();
        }
    }

    /// <summary>Records that <paramref name="groupKey"/> is done with the alert (notified resolved, left the group).</summary>
    public void Done(string groupKey, ulong fingerprint)
    {
        if (_path is null)
        {
            return;
        }

        WriteDone(_buffer, groupKey, fingerprint);
        Write();
    }

    /// <summary>Rewrites the file atomically with <paramref name="alerts"/> only (temp file + rename).</summary>
    public void Compact(IEnumerable<(Alert Alert, bool Timeout, IEnumerable<string> DoneGroups)> alerts)
    {
        if (_path is null)
        {
            return;
        }

        _stream?.Dispose();
        _stream = null;
        string tmp = _path + ".tmp";
        using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var (alert, timeout, doneGroups) in alerts)
            {
                WriteAlert(file, alert, timeout);
                foreach (var group in doneGroups)
                {
                    WriteDone(file, group, alert.Fingerprint);
                }
            }
        }

        File.Move(tmp, _path, overwrite: true);
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }

    private void Write()
    {
        _stream ??= new FileStream(_path!, FileMode.Append, FileAccess.Write, FileShare.Read);
        _buffer.WriteTo(_stream);
        _buffer.SetLength(0);
        _stream.Flush();
    }

    private static void WriteAlert(Stream stream, Alert alert, bool timeout)
    {
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            WriteLabels(w, "labels", alert.Labels);
            WriteLabels(w, "annotations", alert.Annotations);
            w.WriteNumber("startsAt", alert.StartsAt.Milliseconds);
            w.WriteNumber("endsAt", alert.EndsAt.Milliseconds);
            w.WriteNumber("updatedAt", alert.UpdatedAt.Milliseconds);
            w.WriteString("generatorURL", alert.GeneratorUrl);
            w.WriteBoolean("timeout", timeout);
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void WriteDone(Stream stream, string groupKey, ulong fingerprint)
    {
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("done", Alert.FormatFingerprint(fingerprint));
            w.WriteString("group", groupKey);
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static void WriteLabels(Utf8JsonWriter w, string name, Labels labels)
    {
        w.WriteStartObject(name);
        foreach (var label in labels.AsSpan())
        {
            w.WriteString(label.Name, label.Value);
        }

        w.WriteEndObject();
    }

    private static Alert ReadAlert(JsonElement root) => new()
    {
        Labels = ReadLabels(root.GetProperty("labels")),
        Annotations = ReadLabels(root.GetProperty("annotations")),
        StartsAt = Timestamp.FromMilliseconds(root.GetProperty("startsAt").GetInt64()),
        EndsAt = Timestamp.FromMilliseconds(root.GetProperty("endsAt").GetInt64()),
        UpdatedAt = Timestamp.FromMilliseconds(root.GetProperty("updatedAt").GetInt64()),
        GeneratorUrl = root.GetProperty("generatorURL").GetString() ?? string.Empty,
    };

    private static Labels ReadLabels(JsonElement element)
    {
        var builder = new LabelsBuilder();
        foreach (var property in element.EnumerateObject())
        {
            builder.Set(property.Name, property.Value.GetString() ?? string.Empty);
        }

        return builder.Build();
    }
}
