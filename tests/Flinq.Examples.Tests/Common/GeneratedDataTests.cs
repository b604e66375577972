using Flinq.Examples.Common;
using Flinq.Examples.PageViews;
using Flinq.Examples.PromotionSales;
using Flinq.Testing;

namespace Flinq.Examples.Tests.Common;

public class GeneratedDataTests
{
    [Fact]
    public void Generators_SameSeed_SameEvents_OtherSeed_OtherEvents()
    {
        Enumerable.Range(0, 100).Select(n => OrderGenerator.Generate(n, 1)).Should().Equal(Enumerable.Range(0, 100).Select(n => OrderGenerator.Generate(n, 1)));
        Enumerable.Range(0, 100).Select(n => OrderGenerator.Generate(n, 2)).Should().NotEqual(Enumerable.Range(0, 100).Select(n => OrderGenerator.Generate(n, 1)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task GeneratedRun_SameSeed_SameOutputAtAnyParallelism(int parallelism)
    {
        // The whole pipeline on generated data, at parallelism 1 and 2, gives the same final PV/UV as a reference
        // computed directly from the generator.
        var options = new ExampleOptions { Count = 3_000, Seed = 7, Parallelism = parallelism };
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });
        var input = ExampleInput.Open(env, options, PageView.Parse, n => PageViewsGenerator.Generate(n, 7), 0, v => v.Ts);
        var counts = PageViewsJob.Build(input.Events, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), approximate: false).Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(60));

        var expected = Enumerable.Range(0, 3_000).Select(n => PageViewsGenerator.Generate(n, 7))
            .GroupBy(v => v.PageId)
            .Select(g => (g.Key, Pv: (long)g.Count(), Uv: (long)g.Select(v => v.UserId).Distinct().Count()))
            .OrderBy(x => x.Key, StringComparer.Ordinal);
        counts.Values.Where(c => c.Final).Select(c => (c.PageId, c.Pv, c.Uv)).OrderBy(x => x.PageId, StringComparer.Ordinal)
            .Should().Equal(expected);
        counts.Values.Where(c => c.Final).Should().OnlyContain(c => c.Day == "2026-01-01");
    }
}
