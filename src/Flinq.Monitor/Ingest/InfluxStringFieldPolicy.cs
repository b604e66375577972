namespace Flinq.Monitor.Ingest;

/// <summary>What the Influx line protocol decoder does with string fields, which have no numeric value.</summary>
public enum InfluxStringFieldPolicy
{
    /// <summary>Drop the field and record why (the line's numeric fields are still accepted).</summary>
    Drop = 0,

    /// <summary>Turn the field into a label on the line's numeric points, as Telegraf's <c>string_as_label</c> does.</summary>
    AsLabels = 1,
}
