using System.Globalization;
using System.Text.Json;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Notify;
using Flinq.Monitor.Notify.Silences;
using Flinq.Monitor.Telemetry;
using Flinq.Time;

namespace Flinq.Server.Alertmanager;

/// <summary>Alertmanager 0.25 OpenAPI shapes: gettableAlert, postableAlert, gettableSilence, postableSilence, matchers.</summary>
internal static class ApiJson
{
    /// <summary>RFC 3339 with milliseconds in UTC; no time is Go's zero time, as Alertmanager prints it.</summary>
    public static string Time(Timestamp t) => t.HasValue
        ? t.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)
        : "0001-01-01T00:00:00.000Z";

    public static Dictionary<string, string> Labels(Labels labels)
    {
        var map = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        foreach (var l in labels.AsSpan())
        {
            map[l.Name] = l.Value;
        }

        return map;
    }

    public static object Alert(PipelineAlert a) => new
    {
        annotations = Labels(a.Alert.Annotations),
        endsAt = Time(a.Alert.EndsAt),
        fingerprint = Monitor.Alerting.Alert.FormatFingerprint(a.Alert.Fingerprint),
        receivers = a.Receivers.Select(r => new { name = r }),
        startsAt = Time(a.Alert.StartsAt),
        status = new { inhibitedBy = a.InhibitedBy, silencedBy = a.SilencedBy, state = a.State },
        updatedAt = Time(a.Alert.UpdatedAt),
        generatorURL = a.Alert.GeneratorUrl,
        labels = Labels(a.Alert.Labels),
    };

    public static object Silence(Silence s, Timestamp now) => new
    {
        id = s.Id,
        status = new { state = s.StateAt(now).ToString().ToLowerInvariant() },
        updatedAt = Time(s.UpdatedAt),
        comment = s.Comment,
        createdBy = s.CreatedBy,
        endsAt = Time(s.EndsAt),
        matchers = s.Matchers.Select(m => new
        {
            isEqual = m.Type is LabelMatchType.Equal or LabelMatchType.Regex,
            isRegex = m.Type is LabelMatchType.Regex or LabelMatchType.NotRegex,
            name = m.Name,
            value = m.Value,
        }),
        startsAt = Time(s.StartsAt),
    };

    /// <summary>A postableAlert; checks what Alertmanager's <c>Validate</c> checks.</summary>
    public static Alert ParsePostableAlert(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException("an alert must be a JSON object");
        }

        var labels = StringMap(item, "labels", "label");
        if (labels.Count == 0)
        {
            throw new BadRequestException("at least one label pair required");
        }

        var annotations = StringMap(item, "annotations", "annotation");
        var startsAt = OptionalTime(item, "startsAt");
        var endsAt = OptionalTime(item, "endsAt");
        if (startsAt.HasValue && endsAt.HasValue && endsAt < startsAt)
        {
            throw new BadRequestException("start time must be before end time");
        }

        string generator = item.TryGetProperty("generatorURL", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString()! : string.Empty;
        return new Alert { Labels = labels, Annotations = annotations, StartsAt = startsAt, EndsAt = endsAt, GeneratorUrl = generator };
    }

    /// <summary>A postableSilence.</summary>
    public static Silence ParsePostableSilence(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException("a silence must be a JSON object");
        }

        var matchers = new List<LabelMatcher>();
        if (!item.TryGetProperty("matchers", out var ms) || ms.ValueKind != JsonValueKind.Array || ms.GetArrayLength() == 0)
        {
            throw new BadRequestException("matchers: at least one matcher required");
        }

        foreach (var m in ms.EnumerateArray())
        {
            string name = RequiredString(m, "name", "matchers[].name");
            string value = RequiredString(m, "value", "matchers[].value");
            bool isRegex = m.TryGetProperty("isRegex", out var r) && r.ValueKind == JsonValueKind.True;
            bool isEqual = !m.TryGetProperty("isEqual", out var e) || e.ValueKind != JsonValueKind.False;
            var type = (isRegex, isEqual) switch
            {
                (false, true) => LabelMatchType.Equal,
                (false, false) => LabelMatchType.NotEqual,
                (true, true) => LabelMatchType.Regex,
                _ => LabelMatchType.NotRegex,
            };
            try
            {
                matchers.Add(new LabelMatcher(name, type, value));
            }
            catch (ArgumentException ex)
            {
                throw new BadRequestException(ex.Message);
            }
        }

        var startsAt = OptionalTime(item, "startsAt");
        var endsAt = OptionalTime(item, "endsAt");
        if (!startsAt.HasValue || !endsAt.HasValue)
        {
            throw new BadRequestException("startsAt and endsAt are required");
        }

        return new Silence
        {
            Id = item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty,
            Matchers = matchers,
            StartsAt = startsAt,
            EndsAt = endsAt,
            CreatedBy = RequiredString(item, "createdBy", "createdBy"),
            Comment = RequiredString(item, "comment", "comment"),
        };
    }

    private static string RequiredString(JsonElement item, string property, string path) =>
        item.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new BadRequestException($"{path} in body is required (a string)");

    private static Labels StringMap(JsonElement item, string property, string what)
    {
        var builder = new LabelsBuilder();
        if (!item.TryGetProperty(property, out var map) || map.ValueKind == JsonValueKind.Null)
        {
            return builder.Build();
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"{property} must be an object of strings");
        }

        foreach (var p in map.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String)
            {
                throw new BadRequestException($"{property}.{p.Name} must be a string");
            }

            if (what == "label" && !IsValidLabelName(p.Name))
            {
                throw new BadRequestException($"invalid label set: invalid name \"{p.Name}\"");
            }

            builder.Set(p.Name, p.Value.GetString()!); // empty values are dropped, as removeEmptyLabels does
        }

        return builder.TryBuild(out var labels, out var problem) ? labels : throw new BadRequestException($"invalid {what} set: {problem}");
    }

    private static bool IsValidLabelName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static Timestamp OptionalTime(JsonElement item, string property)
    {
        if (!item.TryGetProperty(property, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return Timestamp.None;
        }

        if (v.ValueKind != JsonValueKind.String || !DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t))
        {
            throw new BadRequestException($"{property} must be an RFC 3339 date-time, got {v.GetRawText()}");
        }

        return t.Year <= 1 ? Timestamp.None : Timestamp.FromDateTimeOffset(t);
    }
}
