using BenchmarkDotNet.Attributes;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Ingest.Prometheus;
using Flinq.Monitor.Ingest.Prometheus.Proto;
using Flinq.Monitor.Telemetry;
using Google.Protobuf;
using Label = Flinq.Monitor.Ingest.Prometheus.Proto.Label;

namespace Flinq.Benchmarks.Micro;

/// <summary>
/// Decoding a decompressed remote_write <c>WriteRequest</c> of 2,000 samples, per sample: the hand-written wire reader
/// with its series cache (what the server runs) against Google.Protobuf's parse and mapping (the fallback, and what
/// the server ran before). The load generator's shape (100 series x 20 samples) and Prometheus' usual one (2,000
/// series x 1 sample); requests cycle through 8 clients' bodies, so the cache sees repeated series as in production.
/// </summary>
[MemoryDiagnoser]
public class RemoteWriteDecodeBenchmarks
{
    private const int Samples = 2000;

    private readonly List<MetricPoint> _output = new(Samples);
    private byte[][] _bodies = [];
    private RemoteWriteDecoder _decoder = null!;
    private int _next;

    [Params(20, 1)]
    public int SamplesPerSeries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _bodies = Enumerable.Range(0, 8).Select(client =>
        {
            var request = new WriteRequest();
            for (int s = 0; s < Samples / SamplesPerSeries; s++)
            {
                var series = new TimeSeries();
                series.Labels.Add(new Label { Name = "__name__", Value = "bench_metric" });
                series.Labels.Add(new Label { Name = "client", Value = "c" + client });
                series.Labels.Add(new Label { Name = "series", Value = "s" + s });
                for (int i = 0; i < SamplesPerSeries; i++)
                {
                    series.Samples.Add(new Sample { Timestamp = now - 60_000 + i * 10, Value = i });
                }

                request.Timeseries.Add(series);
            }

            return request.ToByteArray();
        }).ToArray();
        _decoder = new RemoteWriteDecoder(new IngestOptions());
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public int GoogleProtobuf()
    {
        _output.Clear();
        return _decoder.DecodeWithGoogleProtobuf(_bodies[_next++ & 7], _output).Accepted;
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public int WireReader()
    {
        _output.Clear();
        return _decoder.DecodeUncompressed(_bodies[_next++ & 7], _output).Accepted;
    }
}
