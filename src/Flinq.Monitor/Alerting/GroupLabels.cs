using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting;

/// <summary>Builds a group's labels from a series' labels or a log record's fields.</summary>
internal static class GroupLabels
{
    /// <summary>The labels of <paramref name="labels"/> named in <paramref name="groupBy"/> (absent ones left out); all of them when <paramref name="groupBy"/> is empty.</summary>
    public static Labels Of(Labels labels, IReadOnlyList<string> groupBy, LabelsBuilder builder)
    {
        if (groupBy.Count == 0)
        {
            return labels;
        }

        builder.Reset();
        foreach (var name in groupBy)
        {
            if (labels.TryGetValue(name, out var value) && value.Length > 0)
            {
                builder.Set(name, value);
            }
        }

        return builder.Count == 0 ? Labels.Empty : builder.Build();
    }

    /// <summary>The group of a log record: <c>service</c>, <c>host</c> and attributes named in <paramref name="groupBy"/>.</summary>
    public static Labels Of(LogRecord log, IReadOnlyList<string> groupBy, LabelsBuilder builder)
    {
        builder.Reset();
        foreach (var name in groupBy)
        {
            string value = Field(log, name);
            if (value.Length > 0)
            {
                builder.Set(name, value);
            }
        }

        return builder.Count == 0 ? Labels.Empty : builder.Build();
    }

    /// <summary>A log record's field as a label value: <c>service</c>, <c>host</c>, <c>severity</c> (text) or an attribute; empty when absent.</summary>
    public static string Field(LogRecord log, string name) => name switch
    {
        "service" => log.Service,
        "host" => log.Host,
        "severity" => Severity.TextOf(log.Level),
        _ => log.Attributes.Get(name) ?? string.Empty,
    };
}
