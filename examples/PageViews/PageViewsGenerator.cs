namespace Flinq.Examples.PageViews;

/// <summary>
/// Deterministic page views for runs without input: view <c>n</c> depends only on <c>n</c> and the seed. Views
/// are 100 ms apart in event time from 2026-01-01 00:00:03 Asia/Shanghai (2025-12-31T16:00:03Z), jittered up to 3 s
/// earlier (out of order, inside the default 5-s watermark bound); 20 pages, 10,000 users.
/// </summary>
public static class PageViewsGenerator
{
    /// <summary>2026-01-01T00:00:00+08:00 in epoch milliseconds.</summary>
    public const long Start = 1_767_196_800_000;

    /// <summary>View number <paramref name="n"/> of the sequence seeded with <paramref name="seed"/>.</summary>
    public static PageView Generate(long n, int seed)
    {
        ulong h = Mix((ulong)n ^ ((ulong)(uint)seed << 32));
        int page = (int)(h % 20);
        int user = (int)((h >> 8) % 10_000);
        long jitter = (long)((h >> 24) % 3_000);
        return new PageView($"u{user}", $"p{page}", $"/page/{page}", Start + 3_000 + (n * 100) - jitter);
    }

    /// <summary>SplitMix64's finalizer: a fixed, well-mixed hash of a 64-bit number.</summary>
    internal static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
