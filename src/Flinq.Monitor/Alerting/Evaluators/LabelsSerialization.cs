using Flinq.Monitor.Telemetry;
using Flinq.Serialization;

namespace Flinq.Monitor.Alerting.Evaluators;

/// <summary>Label sets inside the evaluators' state serializers: a count, then name/value string pairs in order.</summary>
internal static class LabelsSerialization
{
    public static void Write(Labels labels, StateWriter writer)
    {
        writer.WriteVarUInt64((ulong)labels.Count);
        foreach (var label in labels)
        {
            writer.WriteString(label.Name);
            writer.WriteString(label.Value);
        }
    }

    public static Labels Read(StateReader reader)
    {
        int count = reader.ReadLength("label count");
        if (count == 0)
        {
            return Labels.Empty;
        }

        var pairs = new Label[count];
        for (int i = 0; i < count; i++)
        {
            pairs[i] = new Label(reader.ReadString() ?? string.Empty, reader.ReadString() ?? string.Empty);
        }

        return new Labels(pairs);
    }
}
