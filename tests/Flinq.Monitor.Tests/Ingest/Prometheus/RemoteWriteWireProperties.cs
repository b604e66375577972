using CsCheck;
using Flinq.Monitor.Ingest;
using Flinq.Monitor.Ingest.Prometheus;
using Flinq.Monitor.Ingest.Prometheus.Proto;
using Flinq.Monitor.Telemetry;
using Google.Protobuf;
using ProtoLabel = Flinq.Monitor.Ingest.Prometheus.Proto.Label;

namespace Flinq.Monitor.Tests.Ingest.Prometheus;

/// <summary>
/// The hand-written remote_write reader against Google.Protobuf's parse of the same bytes: random requests (with
/// unknown fields, fields out of the usual order, repeated scalars) must give the same points, counts and errors on
/// the fast path, cold and with the series cache warm; mutated bytes must give the same answer as Google.Protobuf.
/// </summary>
public sealed class RemoteWriteWireProperties
{
    private static readonly IngestOptions s_tight = new() { TimeProvider = TestClock.Provider, MaxLabelsPerSeries = 3, MaxLabelValueLength = 12 };

    private static readonly string[] s_names = ["__name__", "__name__", "job", "instance", "le", "a", "b", "", "ünï", "quantile"];
    private static readonly string[] s_values = ["", "up", "api", "1", "ü€", "a\"b\\c", "http_requests_total", "latency_bucket", "x😀y", new('v', 20)];
    private static readonly string[] s_families = ["up", "http_requests", "latency", "", "x"];

    // Unknown fields valid at every level (field numbers no message here declares): LD, varint, fixed32, fixed64, a
    // two-byte tag.
    private static readonly byte[][] s_unknown =
    [
        [0x32, 0x02, 0x08, 0x01], [0x3A, 0x00], [0x48, 0x96, 0x01], [0x55, 1, 2, 3, 4], [0x59, 1, 2, 3, 4, 5, 6, 7, 8], [0xA0, 0x01, 0x05],
    ];

    // TimeSeries only: exemplars (3) and native histograms (4), which Flinq skips, and field 1 with the wrong wire type.
    private static readonly byte[][] s_seriesUnknown =
    [
        [0x1A, 0x0F, 0x0A, 0x04, 0x0A, 0x00, 0x12, 0x00, 0x11, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F], [0x22, 0x03, 0x08, 0x96, 0x01], [0x08, 0x05],
    ];

    [Fact]
    public void WellFormedRequests_WireReaderMatchesGoogleProtobuf() => Gen.Int.Sample(seed =>
    {
        var bytes = RandomRequest(new Random(seed));
        foreach (var options in new[] { TestClock.Options, s_tight })
        {
            var expected = Slow(options, bytes);
            var decoder = new RemoteWriteDecoder(options);
            for (int pass = 0; pass < 2; pass++)
            {
                // The second pass finds the series in the cache.
                var points = new List<MetricPoint>();
                decoder.TryDecodeWire(bytes, points, out var result).Should().BeTrue("the request is well-formed and uses no groups");
                ShouldMatch(result, points, expected);
            }
        }
    }, iter: 2000);

    [Fact]
    public void MutatedRequests_DecodeMatchesGoogleProtobuf() => Gen.Select(Gen.Int, Gen.Int[0, 3], Gen.Byte.Array[1, 4], Gen.Int).Sample((seed, how, bytes, at) =>
    {
        var valid = RandomRequest(new Random(seed));
        var mutated = Mutate(valid, how, bytes, at);
        var decoder = new RemoteWriteDecoder(TestClock.Options);
        decoder.DecodeUncompressed(valid, []);
        var points = new List<MetricPoint>();
        var result = decoder.DecodeUncompressed(mutated, points);
        ShouldMatch(result, points, Slow(TestClock.Options, mutated));
    }, iter: 3000);

    [Fact]
    public void Decode_SameSeriesAgain_ReusesTheLabelsInstance()
    {
        var decoder = new RemoteWriteDecoder(TestClock.Options);
        var bytes = Request(Series(("__name__", "up"), ("job", "api")), Series(("job", "api"), ("__name__", "up")));
        var first = new List<MetricPoint>();
        var second = new List<MetricPoint>();

        decoder.DecodeUncompressed(bytes, first);
        decoder.DecodeUncompressed(bytes, second);

        second.Should().Equal(first);
        second[0].Labels.Should().BeSameAs(first[0].Labels);
        second[1].Labels.Should().BeSameAs(first[1].Labels, "the same label bytes in another order are a separate cache entry");
        (first[1].Labels == first[0].Labels).Should().BeTrue();
    }

    [Fact]
    public void Decode_MalformedLaterSeries_BodyErrorAndNothingOutput()
    {
        var good = Series(("__name__", "up"));
        var bytes = Request(good, good);
        var truncated = bytes[..^2];
        var points = new List<MetricPoint>();

        var result = new RemoteWriteDecoder(TestClock.Options).DecodeUncompressed(truncated, points);

        points.Should().BeEmpty();
        result.BodyError.Should().NotBeNull();
        result.BodyError.Should().Be(Slow(TestClock.Options, truncated).Result.BodyError);
    }

    [Fact]
    public void Decode_InvalidUtf8InMetadataHelp_IsBodyError()
    {
        var request = new WriteRequest();
        request.Metadata.Add(new MetricMetadata { MetricFamilyName = "up", Help = "ok" });
        var bytes = request.ToByteArray();
        bytes[^2] = 0xC3;
        bytes[^1] = 0x28;
        var decoder = new RemoteWriteDecoder(TestClock.Options);

        decoder.TryDecodeWire(bytes, [], out _).Should().BeFalse();
        decoder.DecodeUncompressed(bytes, []).BodyError!.Reason.Should().Contain("UTF-8");
    }

    [Fact]
    public void Decode_GroupInASeries_LeftToGoogleProtobuf()
    {
        // Field 5 as a start group / end group pair: legal protobuf, skipped as unknown by Google.Protobuf.
        var series = Series(("__name__", "up")).Concat(new byte[] { 0x2B, 0x2C }).ToArray();
        var bytes = Field(0x0A, series);
        var decoder = new RemoteWriteDecoder(TestClock.Options);
        var points = new List<MetricPoint>();

        decoder.TryDecodeWire(bytes, points, out _).Should().BeFalse();
        var result = decoder.DecodeUncompressed(bytes, points);

        ShouldMatch(result, points, Slow(TestClock.Options, bytes));
        points.Should().ContainSingle().Which.Name.Should().Be("up");
    }

    private static (IngestResult Result, List<MetricPoint> Points) Slow(IngestOptions options, byte[] bytes)
    {
        var points = new List<MetricPoint>();
        return (new RemoteWriteDecoder(options).DecodeWithGoogleProtobuf(bytes, points), points);
    }

    private static void ShouldMatch(IngestResult actual, List<MetricPoint> points, (IngestResult Result, List<MetricPoint> Points) expected)
    {
        actual.BodyError.Should().Be(expected.Result.BodyError);
        actual.Accepted.Should().Be(expected.Result.Accepted);
        actual.Rejected.Should().Be(expected.Result.Rejected);
        actual.Dropped.Should().Be(expected.Result.Dropped);
        actual.Errors.Should().Equal(expected.Result.Errors);
        points.Should().Equal(expected.Points);
    }

    private static byte[] Mutate(byte[] valid, int how, byte[] bytes, int at)
    {
        if (valid.Length == 0)
        {
            return bytes;
        }

        at = (int)((uint)at % (uint)valid.Length);
        switch (how)
        {
            case 0:
                var copy = (byte[])valid.Clone();
                for (int i = 0; i < bytes.Length && at + i < copy.Length; i++)
                {
                    copy[at + i] = bytes[i];
                }

                return copy;
            case 1:
                return valid[..at];
            case 2:
                return [.. valid[..at], .. bytes, .. valid[at..]];
            default:
                return [.. valid, .. bytes];
        }
    }

    /// <summary>A random request, encoded field by field: parts in random order, unknown fields, repeated scalars.</summary>
    private static byte[] RandomRequest(Random random)
    {
        long now = TestClock.NowMs;
        var parts = new List<byte[]>();
        for (int s = random.Next(0, 5); s > 0; s--)
        {
            var series = new List<byte[]>();
            for (int l = random.Next(0, 5); l > 0; l--)
            {
                var label = new ProtoLabel { Name = Pick(random, s_names), Value = Pick(random, s_values) }.ToByteArray();
                if (random.Next(8) == 0)
                {
                    label = [.. label, .. Field(0x12, System.Text.Encoding.UTF8.GetBytes(Pick(random, s_values)))]; // a second value: the last wins
                }

                series.Add(Field(0x0A, WithUnknown(random, label, s_unknown)));
            }

            for (int n = random.Next(0, 5); n > 0; n--)
            {
                var sample = new Sample { Value = RandomValue(random), Timestamp = RandomTimestamp(random, now) }.ToByteArray();
                if (random.Next(8) == 0)
                {
                    sample = [.. sample, 0x08, 0x01]; // field 1 with the wrong wire type: unknown, the value stays
                }

                series.Add(Field(0x12, WithUnknown(random, sample, s_unknown)));
            }

            if (random.Next(3) == 0)
            {
                series.Add(Pick(random, s_seriesUnknown));
            }

            if (random.Next(4) == 0)
            {
                random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(series));
            }

            parts.Add(Field(0x0A, series.SelectMany(p => p).ToArray()));
        }

        for (int m = random.Next(0, 3); m > 0; m--)
        {
            var metadata = new MetricMetadata { MetricFamilyName = Pick(random, s_families), Type = (MetricMetadata.Types.MetricType)random.Next(0, 9), Help = Pick(random, s_values) };
            parts.Insert(random.Next(parts.Count + 1), Field(0x1A, WithUnknown(random, metadata.ToByteArray(), s_unknown)));
        }

        if (random.Next(4) == 0)
        {
            parts.Add(Pick(random, s_unknown));
        }

        return parts.SelectMany(p => p).ToArray();
    }

    private static byte[] WithUnknown(Random random, byte[] message, byte[][] pool) =>
        random.Next(6) == 0 ? [.. Pick(random, pool), .. message] : message;

    private static double RandomValue(Random random) => random.Next(8) switch
    {
        0 => double.NaN,
        1 => BitConverter.UInt64BitsToDouble(RemoteWriteDecoder.StaleNaNBits),
        2 => double.PositiveInfinity,
        3 => -0.0,
        _ => BitConverter.Int64BitsToDouble(random.NextInt64()),
    };

    private static long RandomTimestamp(Random random, long now) => random.Next(8) switch
    {
        0 => now + (long)TimeSpan.FromHours(2).TotalMilliseconds,
        1 => now - (long)TimeSpan.FromDays(9).TotalMilliseconds,
        2 => random.Next(2) == 0 ? long.MinValue : -1,
        _ => now - random.NextInt64(0, 3_600_000),
    };

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static byte[] Series(params (string Name, string Value)[] labels)
    {
        var series = new TimeSeries();
        foreach (var (name, value) in labels)
        {
            series.Labels.Add(new ProtoLabel { Name = name, Value = value });
        }

        series.Samples.Add(new Sample { Value = 1, Timestamp = TestClock.NowMs });
        return series.ToByteArray();
    }

    private static byte[] Request(params byte[][] series) => series.SelectMany(s => Field(0x0A, s)).ToArray();

    private static byte[] Field(byte tag, byte[] payload)
    {
        var bytes = new List<byte> { tag };
        uint length = (uint)payload.Length;
        while (length >= 0x80)
        {
            bytes.Add((byte)(length | 0x80));
            length >>= 7;
        }

        bytes.Add((byte)length);
        bytes.AddRange(payload);
        return [.. bytes];
    }
}
