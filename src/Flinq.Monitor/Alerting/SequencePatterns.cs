using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Flinq.Cep.Dynamic;
using Flinq.Monitor.Rules;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Alerting;

/// <summary>
/// The JSON both sides of the sequence evaluator agree on: the pattern of a rule (<see cref="PatternDefinition"/>) and the
/// events the router emits: <c>{"key", "rule", "kff" (keep_firing_for ms), "group": {labels}, "value"?, "s": {"s0": true, ...}}</c>.
/// </summary>
internal static class SequencePatterns
{
    public const string KeyField = "key";

    /// <summary>The pattern update for a rule change: upsert for an enabled sequence rule, remove otherwise.</summary>
    public static PatternRule ToPatternRule(RuleChange change)
    {
        if (change.Rule is not { Kind: RuleKind.Sequence, Sequence: { } spec, Enabled: true } rule)
        {
            return PatternRule.Remove(change.Name);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Name);
            json.WriteNumber("withinMs", (long)spec.Within.TotalMilliseconds);
            json.WriteString("skip", "skipPastLastEvent");
            json.WriteStartArray("elements");
            for (int i = 0; i < spec.Steps.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("name", spec.Steps[i].Name);
                if (i > 0)
                {
                    json.WriteString("contiguity", spec.Strict ? "next" : "followedBy");
                }

                json.WriteStartObject("condition");
                json.WriteStartArray("and");
                WriteCondition(json, "rule", rule.Name);
                json.WriteStartObject();
                json.WriteString("field", "s." + StepFlag(i));
                json.WriteString("op", "eq");
                json.WriteBoolean("value", true);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
                if (spec.Steps[i].Times > 1)
                {
                    json.WriteNumber("times", spec.Steps[i].Times);
                    if (spec.Strict)
                    {
                        json.WriteString("inner", "consecutive");
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return new PatternRule(rule.Name, System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The router's event for a group of a rule; <paramref name="matched"/> says which steps the telemetry satisfies.</summary>
    public static JsonElement Event(AlertRule rule, Labels group, double value, ReadOnlySpan<bool> matched, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(KeyField, AlertLifecycle.Key(rule.Name, group));
            json.WriteString("rule", rule.Name);
            json.WriteNumber("kff", (long)rule.KeepFiringFor.TotalMilliseconds);
            json.WriteStartObject("group");
            foreach (var label in group.AsSpan())
            {
                json.WriteString(label.Name, label.Value);
            }

            json.WriteEndObject();
            if (double.IsFinite(value))
            {
                json.WriteNumber("value", value);
            }

            json.WriteStartObject("s");
            for (int i = 0; i < matched.Length; i++)
            {
                if (matched[i])
                {
                    json.WriteBoolean(StepFlag(i), true);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Reads back the group labels of a router event.</summary>
    public static Labels GroupOf(JsonElement e)
    {
        var builder = new LabelsBuilder();
        foreach (var p in e.GetProperty("group").EnumerateObject())
        {
            builder.Set(p.Name, p.Value.GetString() ?? string.Empty);
        }

        return builder.Count == 0 ? Labels.Empty : builder.Build();
    }

    private static string StepFlag(int index) => "s" + index.ToString(CultureInfo.InvariantCulture);

    private static void WriteCondition(Utf8JsonWriter json, string field, string value)
    {
        json.WriteStartObject();
        json.WriteString("field", field);
        json.WriteString("op", "eq");
        json.WriteString("value", value);
        json.WriteEndObject();
    }
}
