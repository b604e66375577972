using CsCheck;
using Flinq.Runtime.KeyGroups;

namespace Flinq.Tests.Runtime.KeyGroups;

public sealed class KeyGroupRangeAssignmentTests
{
    // Expected values computed by hand (outside .NET) from the algorithm: FNV-1a over the UTF-16 code units
    // (offset 2166136261, prime 16777619), then Flink's MathUtils.murmurHash, then mod maxParallelism.
    // "flinq": FNV-1a = 0x33E1D93F = 870439231, murmur = 1054310140, 1054310140 % 128 = 124.
    [Theory]
    [InlineData("flinq", 870439231, 124)]
    [InlineData("user-42", 39875499, 73)]
    [InlineData("", -2128831035, 6)]
    public void AssignToKeyGroup_FixedString_MapsToFixedKeyGroup(string key, int expectedHash, int expectedKeyGroup)
    {
        StableHash.OfString(key).Should().Be(expectedHash);
        KeyGroupRangeAssignment.AssignToKeyGroup(key, 128).Should().Be(expectedKeyGroup);
    }

    [Theory]
    [InlineData(0, 94)]
    [InlineData(1, 86)]
    [InlineData(42, 29)]
    public void AssignToKeyGroup_IntKey_HashesTheValueItself(int key, int expectedKeyGroup) =>
        KeyGroupRangeAssignment.AssignToKeyGroup(key, 128).Should().Be(expectedKeyGroup);

    [Fact]
    public void AssignKeyToParallelOperator_FixedString_GoesToTheOwnerOfItsKeyGroup() =>
        // key group 124 of 128 at parallelism 4: 124 * 4 / 128 = 3.
        KeyGroupRangeAssignment.AssignKeyToParallelOperator("flinq", 128, 4).Should().Be(3);

    [Fact]
    public void StableHash_TupleWithString_IsStableAcrossCalls()
    {
        int first = StableHash.Of(("a", 1));
        first.Should().Be(StableHash.Of(("a", 1)));
        // 17 * 31 + fnv("a"), then * 31 + 1 — fixed, unlike string.GetHashCode().
        int expected = unchecked((((17 * 31) + StableHash.OfString("a")) * 31) + 1);
        first.Should().Be(expected);
    }

    [Fact]
    public void KeyGroups_AnyParallelism_EachOperatorOwnsOneContiguousRangeCoveringAll()
    {
        var gen = Gen.Int[1, 1024].SelectMany(max => Gen.Int[1, max].Select(p => (max, p)));
        gen.Sample((max, parallelism) =>
        {
            KeyGroupRangeAssignment.StartKeyGroup(0, max, parallelism).Should().Be(0);
            KeyGroupRangeAssignment.EndKeyGroup(parallelism - 1, max, parallelism).Should().Be(max - 1);
            for (int op = 0; op < parallelism; op++)
            {
                int start = KeyGroupRangeAssignment.StartKeyGroup(op, max, parallelism);
                int end = KeyGroupRangeAssignment.EndKeyGroup(op, max, parallelism);
                end.Should().BeGreaterThanOrEqualTo(start, "every instance owns at least one key group when parallelism <= max");
                if (op + 1 < parallelism)
                {
                    KeyGroupRangeAssignment.StartKeyGroup(op + 1, max, parallelism).Should().Be(end + 1);
                }

                for (int keyGroup = start; keyGroup <= end; keyGroup++)
                {
                    KeyGroupRangeAssignment.OperatorIndexForKeyGroup(keyGroup, max, parallelism).Should().Be(op);
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void AssignToKeyGroup_AnyKey_IsWithinRange()
    {
        Gen.Select(Gen.String, Gen.Int, Gen.Int[1, 32768]).Sample((text, number, max) =>
        {
            KeyGroupRangeAssignment.AssignToKeyGroup(text, max).Should().BeInRange(0, max - 1);
            KeyGroupRangeAssignment.AssignToKeyGroup(number, max).Should().BeInRange(0, max - 1);
            KeyGroupRangeAssignment.AssignToKeyGroup((long)number << 20, max).Should().BeInRange(0, max - 1);
        }, iter: 2_000);
    }
}
