namespace Flinq.Examples.PromotionSales;

/// <summary>
/// Deterministic orders for runs without input: order <c>n</c> depends only on <c>n</c> and the seed. Orders are
/// 20 ms apart in event time from 2026-01-01T00:00:02Z, jittered up to 2 s earlier (inside the default 5-s
/// watermark bound); 200 products in 10 categories; amounts 1.00–500.00 per item, 1–3 items.
/// </summary>
public static class OrderGenerator
{
    /// <summary>2026-01-01T00:00:00Z in epoch milliseconds.</summary>
    public const long Start = 1_767_225_600_000;

    /// <summary>Order number <paramref name="n"/> of the sequence seeded with <paramref name="seed"/>.</summary>
    public static Order Generate(long n, int seed)
    {
        ulong h = Mix((ulong)n ^ ((ulong)(uint)seed << 32));
        int product = (int)(h % 200);
        int quantity = 1 + (int)((h >> 8) % 3);
        decimal price = (1 + (long)((h >> 16) % 50_000)) / 100m;
        long jitter = (long)((h >> 40) % 2_000);
        return new Order($"o{n}", $"p{product:D3}", $"c{product % 10}", price * quantity, quantity, Start + 2_000 + (n * 20) - jitter);
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
