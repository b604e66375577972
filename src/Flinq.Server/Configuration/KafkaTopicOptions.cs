using System.Globalization;
using Flinq.Monitor.Ingest.Influx;

namespace Flinq.Server.Configuration;

/// <summary>
/// One Kafka topic to ingest: its name, the signal it carries and its payload format. Written
/// <c>topic=signal:format[:precision]</c> in flags and environment variables, e.g. <c>telegraf=metrics:influx:s</c>.
/// </summary>
public sealed class KafkaTopicOptions
{
    /// <summary>The topic name.</summary>
    public required string Topic { get; init; }

    /// <summary><c>metrics</c>, <c>logs</c> or <c>traces</c>.</summary>
    public required string Signal { get; init; }

    /// <summary>The payload format of every record.</summary>
    public required KafkaPayloadFormat Format { get; init; }

    /// <summary>The timestamp unit of Influx payloads (default nanoseconds); ignored by other formats.</summary>
    public InfluxPrecision Precision { get; init; } = InfluxPrecision.Nanoseconds;

    /// <summary>Parses <c>topic=signal:format[:precision]</c>.</summary>
    /// <exception cref="FormatException">The text does not have that form, or names an unknown signal, format or precision, or a format the signal cannot have.</exception>
    public static KafkaTopicOptions Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.LastIndexOf('=');
        var parts = eq > 0 ? text[(eq + 1)..].Split(':') : [];
        if (eq <= 0 || parts.Length is < 2 or > 3)
        {
            throw new FormatException($"Kafka topic \"{text}\" is not topic=signal:format[:precision], e.g. telegraf=metrics:influx:s or app-logs=logs:json");
        }

        var signal = parts[0];
        var format = parts[1] switch
        {
            "json" => KafkaPayloadFormat.JsonLines,
            "influx" => KafkaPayloadFormat.Influx,
            "otlp" => KafkaPayloadFormat.OtlpProtobuf,
            "otlp-json" => KafkaPayloadFormat.OtlpJson,
            "remote-write" => KafkaPayloadFormat.RemoteWrite,
            _ => throw new FormatException($"Kafka topic \"{text}\": format \"{parts[1]}\" is not one of json, influx, otlp, otlp-json, remote-write"),
        };
        var allowed = signal switch
        {
            "metrics" => new[] { KafkaPayloadFormat.JsonLines, KafkaPayloadFormat.Influx, KafkaPayloadFormat.OtlpProtobuf, KafkaPayloadFormat.OtlpJson, KafkaPayloadFormat.RemoteWrite },
            "logs" => [KafkaPayloadFormat.JsonLines, KafkaPayloadFormat.OtlpProtobuf, KafkaPayloadFormat.OtlpJson],
            "traces" => [KafkaPayloadFormat.OtlpProtobuf, KafkaPayloadFormat.OtlpJson],
            _ => throw new FormatException($"Kafka topic \"{text}\": signal \"{signal}\" is not one of metrics, logs, traces"),
        };
        if (Array.IndexOf(allowed, format) < 0)
        {
            throw new FormatException($"Kafka topic \"{text}\": {signal} cannot come as {parts[1]}; {signal} take {string.Join(", ", allowed.Select(Name))}");
        }

        var precision = InfluxPrecision.Nanoseconds;
        if (parts.Length == 3 && (format != KafkaPayloadFormat.Influx || !InfluxPrecisionParser.TryParse(parts[2], out precision)))
        {
            throw new FormatException($"Kafka topic \"{text}\": \"{parts[2]}\" is not a precision (ns, us, ms, s) of an influx topic");
        }

        return new KafkaTopicOptions { Topic = text[..eq], Signal = signal, Format = format, Precision = precision };
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Topic}={Signal}:{Name(Format)}") + (Format == KafkaPayloadFormat.Influx ? ":" + Precision switch
    {
        InfluxPrecision.Microseconds => "us",
        InfluxPrecision.Milliseconds => "ms",
        InfluxPrecision.Seconds => "s",
        InfluxPrecision.Minutes => "m",
        InfluxPrecision.Hours => "h",
        _ => "ns",
    } : string.Empty);

    private static string Name(KafkaPayloadFormat format) => format switch
    {
        KafkaPayloadFormat.JsonLines => "json",
        KafkaPayloadFormat.Influx => "influx",
        KafkaPayloadFormat.OtlpProtobuf => "otlp",
        KafkaPayloadFormat.OtlpJson => "otlp-json",
        _ => "remote-write",
    };
}
