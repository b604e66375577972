using CsCheck;
using Flinq.State;
using Flinq.State.Heap;

namespace Flinq.Tests.State.Heap;

public sealed class StateTableTests
{
    [Fact]
    public void GetValueRefOrAddDefault_KeyOnlyState_OneSlotPerKey()
    {
        Gen.Long[-50, 50].Array[0, 300].Sample(keys =>
        {
            var table = new StateTable<long, VoidNamespace, long>();
            foreach (long key in keys)
            {
                table.GetValueRefOrAddDefault(key, VoidNamespace.Instance, out _)++;
            }

            var expected = keys.GroupBy(k => k).ToDictionary(g => g.Key, g => (long)g.Count());
            table.Count.Should().Be(expected.Count);
            foreach (var (key, count) in expected)
            {
                table.TryGetValue(key, VoidNamespace.Instance, out long value).Should().BeTrue();
                value.Should().Be(count);
            }
        });
    }

    [Fact]
    public void GetValueRefOrAddDefault_SameKeyInTwoNamespaces_SeparateSlots()
    {
        var table = new StateTable<string, long, int>();

        table.GetValueRefOrAddDefault("k", 1, out bool existedFirst) = 10;
        table.GetValueRefOrAddDefault("k", 2, out bool existedSecond) = 20;

        existedFirst.Should().BeFalse();
        existedSecond.Should().BeFalse();
        table.TryGetValue("k", 1, out int first).Should().BeTrue();
        table.TryGetValue("k", 2, out int second).Should().BeTrue();
        (first, second).Should().Be((10, 20));
    }
}
