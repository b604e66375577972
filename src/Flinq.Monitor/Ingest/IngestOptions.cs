namespace Flinq.Monitor.Ingest;

/// <summary>
/// Limits and policies shared by every decoder. The defaults suit a single server; all are per request
/// except where noted. Immutable once constructed (init-only), so one instance may be shared by decoders
/// on several threads.
/// </summary>
public sealed class IngestOptions
{
    /// <summary>The defaults.</summary>
    public static IngestOptions Default { get; } = new();

    /// <summary>Maximum labels on one series, including labels from resource attributes. Default 64.</summary>
    public int MaxLabelsPerSeries { get; init; } = 64;

    /// <summary>Maximum length of a label (or attribute) name in characters. Default 1024.</summary>
    public int MaxLabelNameLength { get; init; } = 1024;

    /// <summary>Maximum length of a metric label value in characters. Default 4096.</summary>
    public int MaxLabelValueLength { get; init; } = 4096;

    /// <summary>Maximum attributes on one log record or span, including resource and scope attributes. Default 128.</summary>
    public int MaxAttributesPerRecord { get; init; } = 128;

    /// <summary>Maximum length of a log or span attribute value in characters. Default 32768.</summary>
    public int MaxAttributeValueLength { get; init; } = 32 * 1024;

    /// <summary>Maximum length of one line of a text format (Influx, JSON lines) in bytes. Default 65536.</summary>
    public int MaxLineLength { get; init; } = 64 * 1024;

    /// <summary>Maximum size of a body after decompression, in bytes (guards against compression bombs). Default 32 MiB.</summary>
    public int MaxDecodedBodyBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>How far in the past a timestamp may lie before it is rejected. Default 7 days.</summary>
    public TimeSpan MaxPastAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How far in the future a timestamp may lie before it is rejected. Default 10 minutes.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The clock for the timestamp window and for points without a timestamp. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How many <see cref="IngestError"/> entries one result keeps (all are counted). Default 100.</summary>
    public int MaxErrorsReported { get; init; } = 100;

    /// <summary>
    /// Whether OTLP resource attributes other than <c>service.name</c> and <c>host.name</c> become metric labels
    /// (prefixed <c>resource.</c>). Default true. Logs and spans always keep them as attributes.
    /// </summary>
    public bool ResourceAttributesAsMetricLabels { get; init; } = true;

    /// <summary>What the Influx decoder does with string fields. Default <see cref="InfluxStringFieldPolicy.Drop"/>.</summary>
    public InfluxStringFieldPolicy InfluxStringFields { get; init; } = InfluxStringFieldPolicy.Drop;

    /// <summary>Throws when a limit is not positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is zero or negative.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLabelsPerSeries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLabelNameLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLabelValueLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAttributesPerRecord);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAttributeValueLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLineLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDecodedBodyBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxErrorsReported);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPastAge, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFutureSkew, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
