using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;
using Flinq.Serialization;

namespace Flinq.Monitor.Alerting;

/// <summary>The binary pieces the alerting serializers share (lifecycle, absence, sequence and evaluator state): labels, matchers, selectors, durations, specs.</summary>
internal static class StateFormat
{
    public static void WriteLabels(StateWriter w, Labels labels)
    {
        w.WriteVarUInt64((ulong)labels.Count);
        foreach (var label in labels.AsSpan())
        {
            w.WriteString(label.Name);
            w.WriteString(label.Value);
        }
    }

    public static Labels ReadLabels(StateReader r)
    {
        int count = r.ReadLength("labels");
        if (count == 0)
        {
            return Labels.Empty;
        }

        var builder = new LabelsBuilder();
        for (int i = 0; i < count; i++)
        {
            builder.Add(r.ReadString()!, r.ReadString()!);
        }

        return builder.Build();
    }

    public static void WriteDuration(StateWriter w, TimeSpan duration) => w.WriteVarInt64(duration.Ticks);

    public static TimeSpan ReadDuration(StateReader r) => TimeSpan.FromTicks(r.ReadVarInt64());

    public static void WriteStrings(StateWriter w, IReadOnlyList<string> items)
    {
        w.WriteVarUInt64((ulong)items.Count);
        foreach (var item in items)
        {
            w.WriteString(item);
        }
    }

    public static string[] ReadStrings(StateReader r)
    {
        var items = new string[r.ReadLength("strings")];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = r.ReadString()!;
        }

        return items;
    }

    public static void WriteMap(StateWriter w, IReadOnlyDictionary<string, string> map)
    {
        w.WriteVarUInt64((ulong)map.Count);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(key);
            w.WriteString(value);
        }
    }

    public static Dictionary<string, string> ReadMap(StateReader r)
    {
        int count = r.ReadLength("map");
        var map = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            map[r.ReadString()!] = r.ReadString()!;
        }

        return map;
    }

    public static void WriteMatchers(StateWriter w, IReadOnlyList<LabelMatcher> matchers)
    {
        w.WriteVarUInt64((ulong)matchers.Count);
        foreach (var m in matchers)
        {
            w.WriteString(m.Name);
            w.WriteByte((byte)m.Type);
            w.WriteString(m.Value);
        }
    }

    public static LabelMatcher[] ReadMatchers(StateReader r)
    {
        var matchers = new LabelMatcher[r.ReadLength("matchers")];
        for (int i = 0; i < matchers.Length; i++)
        {
            string name = r.ReadString()!;
            var type = (LabelMatchType)r.ReadByte();
            matchers[i] = new LabelMatcher(name, type, r.ReadString()!);
        }

        return matchers;
    }

    public static void WriteSelector(StateWriter w, MetricSelector? selector)
    {
        w.WriteBoolean(selector is not null);
        if (selector is not null)
        {
            w.WriteString(selector.MetricName);
            WriteMatchers(w, selector.Matchers);
        }
    }

    public static MetricSelector? ReadSelector(StateReader r) =>
        r.ReadBoolean() ? new MetricSelector(r.ReadString(), ReadMatchers(r)) : null;

    public static void WriteLogSpec(StateWriter w, LogSpec? spec)
    {
        w.WriteBoolean(spec is not null);
        if (spec is null)
        {
            return;
        }

        w.WriteVarInt64((long)spec.MinSeverity);
        w.WriteString(spec.Contains);
        w.WriteString(spec.Pattern);
        WriteMatchers(w, spec.Matchers);
        WriteDuration(w, spec.Window);
        w.WriteBoolean(spec.Slide is not null);
        if (spec.Slide is { } slide)
        {
            WriteDuration(w, slide);
        }

        WriteStrings(w, spec.GroupBy);
        w.WriteVarInt64(spec.MinCount);
    }

    public static LogSpec? ReadLogSpec(StateReader r)
    {
        if (!r.ReadBoolean())
        {
            return null;
        }

        var minSeverity = (SeverityLevel)r.ReadVarInt64();
        string? contains = r.ReadString();
        string? pattern = r.ReadString();
        var matchers = ReadMatchers(r);
        var window = ReadDuration(r);
        TimeSpan? slide = r.ReadBoolean() ? ReadDuration(r) : null;
        return new LogSpec
        {
            MinSeverity = minSeverity, Contains = contains, Pattern = pattern, Matchers = matchers, Window = window, Slide = slide,
            GroupBy = ReadStrings(r), MinCount = r.ReadVarInt64(),
        };
    }
}
