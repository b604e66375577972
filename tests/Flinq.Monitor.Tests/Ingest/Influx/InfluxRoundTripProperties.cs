using System.Globalization;
using System.Text;
using CsCheck;
using Flinq.Monitor.Ingest.Influx;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Ingest.Influx;

public sealed class InfluxRoundTripProperties
{
    // Characters that need escaping somewhere, plus ordinary and non-ASCII ones. No newlines: line protocol has none in values.
    private const string Alphabet = "ab_, =\"\\'#é中x1";

    [Fact]
    public void EncodeDecode_RandomNamesTagsAndValues_RoundTrips()
    {
        var text = Gen.String[Gen.Char[Alphabet], 1, 6];
        var measurement = text.Where(s => !s.StartsWith('#') && s.Trim().Length == s.Length);
        var tags = Gen.Select(text, text).Array[0, 4];
        var numbers = Gen.Select(text, Gen.Double[-1e12, 1e12], Gen.Long, Gen.Int[0, 3]).Array[1, 4];
        var stringField = Gen.Select(text, text).Array[0, 2];

        Gen.Select(measurement, tags, numbers, stringField).Sample((m, tagPairs, fieldTuples, strings) =>
        {
            var uniqueTags = tagPairs.GroupBy(t => t.Item1).Select(g => g.First()).ToArray();
            var fields = new List<(string Key, string Encoded, double Expected)>();
            var used = new HashSet<string>();
            foreach (var (key, d, l, type) in fieldTuples)
            {
                if (!used.Add(key))
                {
                    continue;
                }

                fields.Add(type switch
                {
                    0 => (key, d.ToString("R", CultureInfo.InvariantCulture), d),
                    1 => (key, l.ToString(CultureInfo.InvariantCulture) + "i", l),
                    2 => (key, ((ulong)Math.Abs(l % 1_000_000)).ToString(CultureInfo.InvariantCulture) + "u", Math.Abs(l % 1_000_000)),
                    _ => (key, d > 0 ? "true" : "F", d > 0 ? 1 : 0),
                });
            }

            var encodedFields = fields.Select(f => (f.Key, f.Encoded)).ToList();
            foreach (var (key, value) in strings)
            {
                if (used.Add(key))
                {
                    encodedFields.Add((key, InfluxLineEncoder.StringValue(value)));
                }
            }

            long ts = TestClock.NowMs * 1_000_000L;
            string line = InfluxLineEncoder.Line(m, uniqueTags, encodedFields, ts);
            var points = new List<MetricPoint>();

            var result = new InfluxLineProtocolDecoder(TestClock.Options).Decode(Encoding.UTF8.GetBytes(line), InfluxPrecision.Nanoseconds, points);

            result.Rejected.Should().Be(0, $"line {line} gave {string.Join("; ", result.Errors)}");
            points.Should().HaveCount(fields.Count, line);
            var expectedLabels = Labels.FromPairs(uniqueTags.Select(t => (t.Item1, t.Item2)).ToArray());
            for (int i = 0; i < fields.Count; i++)
            {
                string expectedName = fields[i].Key == "value" ? m : m == "prometheus" ? fields[i].Key : m + "_" + fields[i].Key;
                points[i].Name.Should().Be(expectedName, line);
                points[i].Value.Should().Be(fields[i].Expected, line);
                (points[i].Labels == expectedLabels).Should().BeTrue($"{line}: {points[i].Labels} vs {expectedLabels}");
            }
        }, iter: 1000);
    }
}
