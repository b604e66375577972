using System.Text.RegularExpressions;
using CsCheck;
using Flinq.Monitor.Notify.Silences;
using Flinq.Monitor.Telemetry;
using Flinq.Time;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Monitor.Tests.Notify.Silences;

public sealed class SilenceStoreProperties
{
    private static readonly string[] s_names = ["alertname", "job", "instance", "a.b", "x_1"];

    private static readonly Gen<LabelMatcher> s_matcher =
        Gen.Select(Gen.Int[0, 4].Select(i => s_names[i]), Gen.String[Gen.Char.AlphaNumeric, 1, 8], Gen.String[0, 12], Gen.Int[0, 3],
            (name, plain, any, type) => type switch
            {
                0 => new LabelMatcher(name, LabelMatchType.Equal, plain + any),
                1 => new LabelMatcher(name, LabelMatchType.Regex, Regex.Escape(any) + "|" + plain),
                2 => new LabelMatcher(name, LabelMatchType.NotEqual, any),
                _ => new LabelMatcher(name, LabelMatchType.NotRegex, Regex.Escape(any)),
            });

    [Fact]
    public void Open_AnySilencesWritten_ReadsBackTheSame()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
        var now = Timestamp.FromDateTimeOffset(clock.GetUtcNow());
        var gen = Gen.Select(s_matcher.List[1, 4], Gen.Int[0, 3600], Gen.Int[1, 86_400], Gen.String[0, 20], (matchers, start, length, comment) => new Silence
        {
            Matchers = [new LabelMatcher("alertname", LabelMatchType.Equal, "A"), .. matchers],
            StartsAt = now + TimeSpan.FromSeconds(start),
            EndsAt = now + TimeSpan.FromSeconds(start + length),
            CreatedBy = comment,
            Comment = "\"" + comment + "\\\n",
        }).List[1, 8];

        gen.Sample(silences =>
        {
            string dir = Directory.CreateTempSubdirectory("flinq-silence-prop-").FullName;
            try
            {
                var options = new SilenceStoreOptions { Directory = dir, TimeProvider = clock };
                var store = SilenceStore.Open(options);
                foreach (var s in silences)
                {
                    store.Set(s);
                }

                var reopened = SilenceStore.Open(options).List();
                var written = store.List();
                reopened.Should().HaveCount(written.Count);
                for (int i = 0; i < written.Count; i++)
                {
                    reopened[i].Should().Be(written[i] with { Matchers = reopened[i].Matchers });
                    reopened[i].Matchers.Should().Equal(written[i].Matchers);
                }
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }, iter: 100);
    }
}
