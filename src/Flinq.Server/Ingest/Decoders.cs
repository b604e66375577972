using Flinq.Monitor.Ingest;
using Flinq.Monitor.Ingest.Influx;
using Flinq.Monitor.Ingest.JsonLines;
using Flinq.Monitor.Ingest.Otlp;
using Flinq.Monitor.Ingest.Prometheus;

namespace Flinq.Server.Ingest;

/// <summary>
/// One set of decoders per thread (decoders reuse buffers and are not thread-safe). A request decodes
/// synchronously on one thread after its body was read, so a thread-static set is never shared.
/// </summary>
internal sealed class Decoders
{
    [ThreadStatic]
    private static Decoders? t_current;

    private readonly IngestOptions _options;

    private Decoders(IngestOptions options)
    {
        _options = options;
        OtlpMetrics = new OtlpMetricsDecoder(options);
        OtlpLogs = new OtlpLogsDecoder(options);
        OtlpTraces = new OtlpTracesDecoder(options);
        RemoteWrite = new RemoteWriteDecoder(options);
        Influx = new InfluxLineProtocolDecoder(options);
        JsonLines = new JsonLinesDecoder(options);
    }

    public OtlpMetricsDecoder OtlpMetrics { get; }

    public OtlpLogsDecoder OtlpLogs { get; }

    public OtlpTracesDecoder OtlpTraces { get; }

    public RemoteWriteDecoder RemoteWrite { get; }

    public InfluxLineProtocolDecoder Influx { get; }

    public JsonLinesDecoder JsonLines { get; }

    public static Decoders For(IngestOptions options)
    {
        var current = t_current;
        if (current is null || !ReferenceEquals(current._options, options))
        {
            current = t_current = new Decoders(options);
        }

        return current;
    }
}
