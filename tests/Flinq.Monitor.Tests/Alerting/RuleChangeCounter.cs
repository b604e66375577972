using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Flinq.Monitor.Tests.Alerting;

/// <summary>Listens to the evaluators' meter: how many operator instances received a change of each rule, and late samples per rule.</summary>
internal static class RuleChangeCounter
{
    private static readonly ConcurrentDictionary<string, long> s_applied = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, long> s_late = new(StringComparer.Ordinal);
    private static readonly MeterListener s_listener = Create();

    public static long Applied(string rule) => s_applied.GetValueOrDefault(rule);

    public static long Late(string rule) => s_late.GetValueOrDefault(rule);

    public static void EnsureListening() => GC.KeepAlive(s_listener);

    private static MeterListener Create()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Flinq.Monitor.Alerting")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string rule = string.Empty;
            foreach (var tag in tags)
            {
                if (tag.Key == "rule")
                {
                    rule = (string)tag.Value!;
                }
            }

            var target = instrument.Name switch
            {
                "flinq.alerting.rule_changes.applied" => s_applied,
                "flinq.alerting.samples.late" => s_late,
                _ => null,
            };
            target?.AddOrUpdate(rule, value, (_, old) => old + value);
        });
        listener.Start();
        return listener;
    }
}
