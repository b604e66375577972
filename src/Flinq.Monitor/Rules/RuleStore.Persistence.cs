using System.Text.Json;

namespace Flinq.Monitor.Rules;

/// <summary>
/// The persisted state, <c>DATA/rules-state.json</c>: <c>{"version":N,"rules":[{"source":"api"|"file","file":...,
/// "version":N,"rule":{...}}],"deleted":[{"name":...,"version":N}]}</c>, rules in the same JSON schema as the API.
/// Written to a temporary file, flushed to disk and renamed over the old one, so a crash leaves the old or the new
/// state, never a mix.
/// </summary>
public sealed partial class RuleStore
{
    private void LoadState()
    {
        string path = StatePath;
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            _version = root.GetProperty("version").GetInt64();
            foreach (var item in root.GetProperty("rules").EnumerateArray())
            {
                var parsed = RuleParser.ParseRule(item.GetProperty("rule").GetRawText(), RuleFormat.Json);
                if (!parsed.IsValid)
                {
                    throw new InvalidDataException($"{path}: a stored rule no longer validates: {string.Join("; ", parsed.Errors)}");
                }

                var source = item.GetProperty("source").GetString() == "file" ? RuleSource.File : RuleSource.Api;
                string? file = item.TryGetProperty("file", out var f) ? f.GetString() : null;
                var rule = parsed.Rules[0];
                _rules[rule.Name] = new StoredRule(rule, source, item.GetProperty("version").GetInt64(), file);
            }

            foreach (var item in root.GetProperty("deleted").EnumerateArray())
            {
                _tombstones[item.GetProperty("name").GetString()!] = item.GetProperty("version").GetInt64();
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is damaged ({e.Message}); restore it from a backup or remove it (API-made rules are then lost)", e);
        }
    }

    private void SaveState(long version, IEnumerable<StoredRule> rules, IReadOnlyDictionary<string, long> tombstones)
    {
        string path = StatePath;
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("version", version);
                writer.WriteStartArray("rules");
                foreach (var rule in rules.OrderBy(r => r.Rule.Name, StringComparer.Ordinal))
                {
                    writer.WriteStartObject();
                    writer.WriteString("source", rule.Source == RuleSource.File ? "file" : "api");
                    if (rule.File is not null)
                    {
                        writer.WriteString("file", rule.File);
                    }

                    writer.WriteNumber("version", rule.Version);
                    writer.WritePropertyName("rule");
                    RuleWriter.WriteJson(writer, rule.Rule);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteStartArray("deleted");
                foreach (var (name, v) in tombstones.OrderBy(t => t.Value))
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", name);
                    writer.WriteNumber("version", v);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}
