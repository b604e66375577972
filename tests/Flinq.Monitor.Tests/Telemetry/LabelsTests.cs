using CsCheck;
using Flinq.Monitor.Telemetry;

namespace Flinq.Monitor.Tests.Telemetry;

public sealed class LabelsTests
{
    [Fact]
    public void FromPairs_AnyOrder_SortsByNameAndDropsEmptyValues()
    {
        var labels = Labels.FromPairs(("zone", "b"), ("host", "a"), ("empty", ""), ("az", "1"));

        labels.AsSpan().ToArray().Select(l => l.Name).Should().Equal("az", "host", "zone");
        labels.Get("host").Should().Be("a");
        labels.Get("empty").Should().BeNull();
        labels.ToString().Should().Be("{az=\"1\", host=\"a\", zone=\"b\"}");
    }

    [Fact]
    public void FromPairs_DuplicateName_ThrowsWithTheName()
    {
        var act = () => Labels.FromPairs(("a", "1"), ("a", "2"));

        act.Should().Throw<ArgumentException>().WithMessage("*duplicate label name \"a\"*");
    }

    [Fact]
    public void Fingerprint_KnownSet_IsStableAcrossProcesses()
    {
        // Pinned values: the fingerprint is persisted as series id and alert fingerprint, so its definition
        // (FNV-1a 64 over length-prefixed UTF-16 pairs + fmix64) must never change silently.
        Labels.Empty.Fingerprint.Should().Be(Labels.ComputeFingerprint([]));
        var a = Labels.FromPairs(("job", "api"), ("instance", "h1:9100"));
        var b = Labels.FromPairs(("instance", "h1:9100"), ("job", "api"));

        a.Fingerprint.Should().Be(b.Fingerprint);
        // Computed independently (a Python transcription of the documented definition).
        a.Fingerprint.Should().Be(0x8bef2044dc02fb47UL, "the definition must not change; update only with a migration");
    }

    [Fact]
    public void Fingerprint_NamePairBoundaryShift_Differs()
    {
        // Length prefixes keep {"ab"="c"} apart from {"a"="bc"}.
        Labels.FromPairs(("ab", "c")).Fingerprint.Should().NotBe(Labels.FromPairs(("a", "bc")).Fingerprint);
    }

    [Fact]
    public void Fingerprint_RandomSets_EqualIffSortedSetsEqual()
    {
        var name = Gen.String[Gen.Char["abcxyz._"], 1, 3];
        var value = Gen.String[Gen.Char["01ab=\"\\"], 1, 3];
        var set = Gen.Select(name, value).Array[0, 5];
        Gen.Select(set, set).Sample((x, y) =>
        {
            var dx = x.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2);
            var dy = y.GroupBy(p => p.Item1).ToDictionary(g => g.Key, g => g.First().Item2);
            var lx = Labels.FromPairs(dx.Select(kv => (kv.Key, kv.Value)).ToArray());
            var ly = Labels.FromPairs(dy.Select(kv => (kv.Key, kv.Value)).Reverse().ToArray());
            bool setsEqual = dx.Count == dy.Count && dx.All(kv => dy.TryGetValue(kv.Key, out var v) && v == kv.Value);

            (lx.Fingerprint == ly.Fingerprint).Should().Be(setsEqual);
            lx.Equals(ly).Should().Be(setsEqual);
        }, iter: 2000);
    }

    [Fact]
    public void Builder_Set_ReplacesAndRemove_Removes()
    {
        var builder = new LabelsBuilder().Add("a", "1").Set("a", "2").Add("b", "3");
        builder.Remove("b").Should().BeTrue();

        (builder.Build() == Labels.FromPairs(("a", "2"))).Should().BeTrue();
    }

    [Fact]
    public void TryGetValue_BinarySearch_FindsEveryLabel()
    {
        var pairs = Enumerable.Range(0, 40).Select(i => ($"n{i:D2}", $"v{i}")).ToArray();
        var labels = Labels.FromPairs(pairs);

        foreach (var (n, v) in pairs)
        {
            labels.TryGetValue(n, out var found).Should().BeTrue();
            found.Should().Be(v);
        }

        labels.TryGetValue("zz", out _).Should().BeFalse();
    }
}
