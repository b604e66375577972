using System.Text.Json;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Monitor.Notify.Silences;

/// <content>
/// The snapshot file: <c>silences.json</c>,
/// <c>{"version":1,"silences":[{"id","matchers":[{"name","type":"=|!=|=~|!~","value"}],"startsAt","endsAt","updatedAt","createdBy","comment"}]}</c>
/// with times in epoch milliseconds. Written to a temporary file, flushed to disk, then renamed over the old
/// one, so a crash leaves either the old or the new snapshot, never half of one.
/// </content>
public sealed partial class SilenceStore
{
    private const string FileName = "silences.json";

    private static Silence[] LoadSnapshot(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            int version = root.GetProperty("version").GetInt32();
            if (version != 1)
            {
                throw new InvalidDataException($"silence snapshot {path}: unknown version {version} (this Flinq reads version 1)");
            }

            var result = new List<Silence>();
            int i = 0;
            foreach (var s in root.GetProperty("silences").EnumerateArray())
            {
                try
                {
                    var matchers = new List<LabelMatcher>();
                    foreach (var m in s.GetProperty("matchers").EnumerateArray())
                    {
                        matchers.Add(new LabelMatcher(m.GetProperty("name").GetString()!, ParseType(m.GetProperty("type").GetString()), m.GetProperty("value").GetString()!));
                    }

                    result.Add(new Silence
                    {
                        Id = s.GetProperty("id").GetString()!,
                        Matchers = matchers,
                        StartsAt = Timestamp.FromMilliseconds(s.GetProperty("startsAt").GetInt64()),
                        EndsAt = Timestamp.FromMilliseconds(s.GetProperty("endsAt").GetInt64()),
                        UpdatedAt = Timestamp.FromMilliseconds(s.GetProperty("updatedAt").GetInt64()),
                        CreatedBy = s.GetProperty("createdBy").GetString() ?? string.Empty,
                        Comment = s.GetProperty("comment").GetString() ?? string.Empty,
                    });
                }
                catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
                {
                    throw new InvalidDataException($"silence snapshot {path}: silences[{i}] is invalid: {e.Message}", e);
                }

                i++;
            }

            return result.ToArray();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"silence snapshot {path} does not parse ({e.Message}); move it away to start without silences", e);
        }
    }

    private static void WriteSnapshot(string directory, Silence[] silences)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("version", 1);
                w.WriteStartArray("silences");
                foreach (var s in silences)
                {
                    w.WriteStartObject();
                    w.WriteString("id", s.Id);
                    w.WriteStartArray("matchers");
                    foreach (var m in s.Matchers)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", m.Name);
                        w.WriteString("type", LabelMatcher.OperatorText(m.Type));
                        w.WriteString("value", m.Value);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteNumber("startsAt", s.StartsAt.Milliseconds);
                    w.WriteNumber("endsAt", s.EndsAt.Milliseconds);
                    w.WriteNumber("updatedAt", s.UpdatedAt.Milliseconds);
                    w.WriteString("createdBy", s.CreatedBy);
                    w.WriteString("comment", s.Comment);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static LabelMatchType ParseType(string? text) => text switch
    {
        "=" => LabelMatchType.Equal,
        "!=" => LabelMatchType.NotEqual,
        "=~" => LabelMatchType.Regex,
        "!~" => LabelMatchType.NotRegex,
        _ => throw new FormatException($"unknown matcher type \"{text}\""),
    };
}
