using Flinq.Examples.Common;
using Flinq.Examples.PromotionSales;
using Flinq.Testing;

namespace Flinq.Examples.Tests.PromotionSales;

public class PromotionSalesJobTests
{
    private const long T = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    // Bound 5 s, allowed lateness 1 min. Watermark after each line: largest ts so far − 5001 ms.
    private static readonly string[] s_lines =
    [
        Order("o1", "pA", "c1", "10.00", 1, T + 1_000),
        Order("o2", "pB", "c1", "20.00", 2, T + 30_000),
        Order("o3", "pC", "c2", "10.00", 1, T + 20_000),  // out of order, within the bound
        Order("o4", "pA", "c1", "5.50", 1, T + 61_000),
        Order("o5", "pB", "c1", "1.00", 1, T + 70_000),   // wm T+64999: minute 0 fires
        Order("o6", "pC", "c2", "15.00", 1, T + 50_000),  // late but within lateness: updates minute 0
        Order("o7", "pA", "c1", "1.00", 1, T + 200_000),  // wm T+194999: minutes 1 fires, minute 0 is cleaned up
        Order("o8", "pB", "c1", "3.00", 1, T + 40_000),   // too late: after minute 0's lateness
    ];

    [Fact]
    public async Task Build_LateOrderWithinLateness_UpdatesItsMinuteAndTopN()
    {
        var (sales, top, tooLate) = await RunAsync(s_lines, topN: 2, TimeSpan.FromMinutes(1));

        // MinuteEnd (not written to the output) is left out of the comparison.
        sales.Select(s => s with { MinuteEnd = 0 }).Should().Equal(
            new ProductMinuteSales("2026-01-01T00:00:00Z", "pA", "c1", 10.00m, 1, 1, false),
            new ProductMinuteSales("2026-01-01T00:00:00Z", "pB", "c1", 20.00m, 2, 1, false),
            new ProductMinuteSales("2026-01-01T00:00:00Z", "pC", "c2", 10.00m, 1, 1, false),
            new ProductMinuteSales("2026-01-01T00:00:00Z", "pC", "c2", 25.00m, 2, 2, true),
            new ProductMinuteSales("2026-01-01T00:01:00Z", "pA", "c1", 5.50m, 1, 1, false),
            new ProductMinuteSales("2026-01-01T00:01:00Z", "pB", "c1", 1.00m, 1, 1, false),
            new ProductMinuteSales("2026-01-01T00:03:00Z", "pA", "c1", 1.00m, 1, 1, false));
        top.Select(Describe).Should().Equal(
            "00:00:00 pB=20.00 pA=10.00",         // pA and pC tie at 10.00: pA wins by product id
            "00:00:00 pC=25.00 pB=20.00 (update)",
            "00:01:00 pA=5.50 pB=1.00",
            "00:03:00 pA=1.00");
        tooLate.Select(o => o.OrderId).Should().Equal("o8");
    }

    [Fact]
    public async Task Build_ZeroLateness_LateOrderGoesToTooLate()
    {
        var (sales, top, tooLate) = await RunAsync(s_lines, topN: 10, TimeSpan.Zero);

        sales.Should().NotContain(s => s.Update);
        top.Should().NotContain(t => t.Update);
        tooLate.Select(o => o.OrderId).Should().Equal("o6", "o8");
        top.Select(Describe).First().Should().Be("00:00:00 pB=20.00 pA=10.00 pC=10.00");
    }

    [Fact]
    public async Task Build_ManyTies_RanksByAmountThenProductId()
    {
        string[] lines =
        [
            Order("1", "p3", "c", "7", 1, T + 1), Order("2", "p1", "c", "7", 1, T + 2), Order("3", "p2", "c", "9", 1, T + 3),
            Order("4", "p10", "c", "7", 1, T + 4), Order("5", "p0", "c", "3", 1, T + 5), Order("6", "p1", "c", "0.00", 1, T + 6),
        ];

        var (_, top, _) = await RunAsync(lines, topN: 4, TimeSpan.Zero);

        top.Should().ContainSingle();
        top[0].Top.Should().Equal(
            new RankedProduct(1, "p2", "c", 9m, 1),
            new RankedProduct(2, "p1", "c", 7m, 2),
            new RankedProduct(3, "p10", "c", 7m, 1),
            new RankedProduct(4, "p3", "c", 7m, 1));
    }

    private static string Describe(TopProducts t) =>
        $"{t.Minute[11..19]} {string.Join(' ', t.Top.Select(p => $"{p.ProductId}={p.Amount:0.00}"))}{(t.Update ? " (update)" : "")}";

    private static string Order(string id, string product, string category, string amount, int quantity, long ts) =>
        $$"""{"orderId":"{{id}}","productId":"{{product}}","category":"{{category}}","amount":{{amount}},"quantity":{{quantity}},"ts":{{ts}}}""";

    private static async Task<(IReadOnlyList<ProductMinuteSales> Sales, IReadOnlyList<TopProducts> Top, IReadOnlyList<Order> TooLate)> RunAsync(IEnumerable<string> lines, int topN, TimeSpan lateness)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var input = ExampleInput.FromLines(env, lines, Flinq.Examples.PromotionSales.Order.Parse, o => o.Ts, TimeSpan.FromSeconds(5));
        var streams = PromotionSalesJob.Build(input.Events, topN, lateness);
        var sales = streams.Sales.Collect();
        var top = streams.Top.Collect();
        var tooLate = streams.TooLate.Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));
        return (sales.Values, top.Values, tooLate.Values);
    }
}
