using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Ingest;

/// <summary>Checks a label set under construction against the options' limits before it is built.</summary>
internal static class LabelLimits
{
    /// <summary>Null when the metric labels in <paramref name="builder"/> fit the limits, else the reason.</summary>
    public static string? CheckSeries(LabelsBuilder builder, IngestOptions options) =>
        Check(builder, options.MaxLabelsPerSeries, options.MaxLabelNameLength, options.MaxLabelValueLength, "labels", "label");

    /// <summary>Null when the attributes in <paramref name="builder"/> fit the limits, else the reason.</summary>
    public static string? CheckAttributes(LabelsBuilder builder, IngestOptions options) =>
        Check(builder, options.MaxAttributesPerRecord, options.MaxLabelNameLength, options.MaxAttributeValueLength, "attributes", "attribute");

    private static string? Check(LabelsBuilder builder, int maxCount, int maxName, int maxValue, string plural, string singular)
    {
        var items = builder.Items;
        int count = 0;
        foreach (var label in items)
        {
            if (label.Value.Length == 0)
            {
                continue;
            }

            count++;
            if (label.Name.Length == 0)
            {
                return $"a {singular} name is empty";
            }

            if (label.Name.Length > maxName)
            {
                return $"{singular} name \"{Truncate(label.Name)}\" is {label.Name.Length} characters long; the limit is {maxName}";
            }

            if (label.Value.Length > maxValue)
            {
                return $"value of {singular} \"{Truncate(label.Name)}\" is {label.Value.Length} characters long; the limit is {maxValue}";
            }
        }

        if (count > maxCount)
        {
            return $"{count} {plural} exceed the limit of {maxCount}";
        }

        return null;
    }

    internal static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}
