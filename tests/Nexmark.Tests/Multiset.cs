namespace Flinq.Nexmark.Tests;

/// <summary>Order-insensitive comparison of large result sets in linear time (structural equivalency is quadratic).</summary>
internal static class Multiset
{
    public static void ShouldEqual<T>(IReadOnlyCollection<T> actual, IReadOnlyCollection<T> expected)
        where T : notnull
    {
        var remaining = new Dictionary<T, int>();
        foreach (var item in expected)
        {
            remaining[item] = remaining.GetValueOrDefault(item) + 1;
        }

        var unexpected = new List<T>();
        foreach (var item in actual)
        {
            if (remaining.TryGetValue(item, out int count) && count > 0)
            {
                remaining[item] = count - 1;
            }
            else
            {
                unexpected.Add(item);
            }
        }

        var missing = remaining.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToList();
        unexpected.Take(5).Should().BeEmpty("the query emitted no result the reference lacks");
        missing.Take(5).Should().BeEmpty("the query emitted every result of the reference");
        actual.Should().HaveCount(expected.Count);
    }
}
