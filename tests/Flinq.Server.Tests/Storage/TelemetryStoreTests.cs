using System.Runtime.InteropServices;
using CsCheck;
using Flinq.Monitor.Telemetry;
using Flinq.Server.Ingest;
using Flinq.Server.Storage;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Server.Tests.Storage;

/// <summary>
/// The storage write loop takes shortcuts for consecutive points of one series (id, known-ness, rollup entry); these
/// check that a commit still stores every sample once, every series once, and partial rollups equal to folding the
/// samples one by one in order, for points in random order across series, minutes and batches.
/// </summary>
public sealed class TelemetryStoreTests
{
    private static readonly long s_minute = 29_000_000L * 60_000;

    [Fact]
    public void Write_RandomRunsOfSeries_SamplesSeriesAndRollupsAsAPerSampleFold() => Gen.Int.Sample(seed =>
    {
        var random = new Random(seed);
        var series = new[]
        {
            ("up", Labels.FromPairs(("job", "api"))),
            ("up", Labels.FromPairs(("job", "db"))),
            ("latency", Labels.FromPairs(("job", "api"))),
        };
        var batches = new List<TelemetryBatch> { new() };
        int points = random.Next(1, 200);
        for (int i = 0; i < points;)
        {
            var (name, labels) = series[random.Next(series.Length)];
            if (random.Next(4) == 0)
            {
                labels = Labels.FromPairs([.. labels.AsSpan().ToArray().Select(l => (l.Name, l.Value))]); // equal, another instance
            }

            for (int run = random.Next(1, 6); run > 0 && i < points; run--, i++)
            {
                long ts = s_minute + random.Next(-90_000, 90_000);
                double value = random.Next(10) switch { 0 => double.NaN, 1 => -0.0, _ => random.Next(-5, 5) * 0.1 };
                batches[^1].Metrics.Add(new MetricPoint(name, labels, new Timestamp(ts), value, MetricKind.Gauge));
            }

            if (random.Next(20) == 0)
            {
                batches.Add(new TelemetryBatch());
            }
        }

        var expected = new Dictionary<(long, long), PartialRollup>();
        foreach (var point in batches.SelectMany(b => b.Metrics))
        {
            long minute = (long)Math.Floor(point.Timestamp.Milliseconds / 60_000.0);
            ref var rollup = ref CollectionsMarshal.GetValueRefOrAddDefault(expected, (unchecked((long)point.SeriesFingerprint), minute), out bool exists);
            rollup.Add(point.Timestamp.Milliseconds, point.Value, exists);
        }

        string directory = Path.Combine(Path.GetTempPath(), "flinq-store-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = new TelemetryStore(directory, TimeSpan.FromDays(7), new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddMinutes(29_000_000)));
            store.Write(batches);

            using var reader = store.OpenReader();
            Scalar(reader, "SELECT count(*) FROM samples").Should().Be(points);
            Scalar(reader, "SELECT count(*) FROM series").Should().Be(batches.SelectMany(b => b.Metrics).Select(p => p.SeriesFingerprint).Distinct().Count());
            var actual = new Dictionary<(long, long), PartialRollup>();
            using var cmd = reader.CreateCommand();
            cmd.CommandText = "SELECT series_id, minute, count, sum, min, max, last, first FROM samples_1m";
            using var rows = cmd.ExecuteReader();
            while (rows.Read())
            {
                actual.Add((rows.GetInt64(0), rows.GetInt64(1)), new PartialRollup
                {
                    Count = rows.GetInt64(2), Sum = rows.GetDouble(3), Min = rows.GetDouble(4), Max = rows.GetDouble(5), Last = rows.GetDouble(6), First = rows.GetDouble(7),
                });
            }

            actual.Keys.Should().BeEquivalentTo(expected.Keys);
            foreach (var (key, e) in expected)
            {
                var a = actual[key];
                (a.Count, a.Sum, a.Min, a.Max, a.Last, a.First).Should().Be((e.Count, e.Sum, e.Min, e.Max, e.Last, e.First), "rollup {0}", key);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }, iter: 25, threads: 1);

    private static long Scalar(DuckDB.NET.Data.DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
