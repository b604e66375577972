using Flinq.Examples.PageViews;

namespace Flinq.Examples.Tests.PageViews;

public class HyperLogLogTests
{
    [Fact]
    public void StandardError_Is104OverSqrtOfRegisters() =>
        HyperLogLog.StandardError.Should().BeApproximately(1.04 / 64, 1e-12);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    public void Estimate_SmallSets_IsExact(int distinct)
    {
        var sketch = new HyperLogLog();
        for (int i = 0; i < distinct * 3; i++)
        {
            sketch.Add($"user-{i % Math.Max(distinct, 1)}");
        }

        sketch.Estimate().Should().Be(distinct == 0 ? 0 : distinct);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(20_000)]
    [InlineData(200_000)]
    public void Estimate_RandomIds_WithinTheStatedError(int distinct)
    {
        // 12 independent random sets per size: each within 4 standard errors, and their root-mean-square error
        // within 2 standard errors (seeded, so the test is deterministic).
        double sumSquares = 0;
        const int Sets = 12;
        for (int seed = 0; seed < Sets; seed++)
        {
            var random = new Random(seed * 7919 + distinct);
            var exact = new HashSet<string>(StringComparer.Ordinal);
            var sketch = new HyperLogLog();
            while (exact.Count < distinct)
            {
                string id = $"{random.NextInt64():x}-{random.Next()}";
                exact.Add(id);
                sketch.Add(id);
                if (random.Next(4) == 0)
                {
                    sketch.Add(id); // repeats must not count
                }
            }

            double relative = (sketch.Estimate() - (double)exact.Count) / exact.Count;
            Math.Abs(relative).Should().BeLessThan(4 * HyperLogLog.StandardError, $"set {seed} of {distinct} ids");
            sumSquares += relative * relative;
        }

        Math.Sqrt(sumSquares / Sets).Should().BeLessThan(2 * HyperLogLog.StandardError);
    }

    [Fact]
    public void Merge_TwoHalves_EqualsOneSketchOfAll()
    {
        var all = new HyperLogLog();
        var left = new HyperLogLog();
        var right = new HyperLogLog();
        for (int i = 0; i < 50_000; i++)
        {
            string id = $"u{i}";
            all.Add(id);
            (i % 2 == 0 ? left : right).Add(id);
        }

        left.Merge(right);

        left.Registers.ToArray().Should().Equal(all.Registers.ToArray());
        left.Estimate().Should().Be(all.Estimate());
    }
}
