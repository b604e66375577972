using CsCheck;
using Flinq.Cep.Operators;
using Flinq.Serialization;

namespace Flinq.Cep.Tests.Operators;

public class EventQueueTests
{
    [Fact]
    public void Add_OutOfOrder_TakesByTimestampThenArrival()
    {
        var queue = new EventQueue<string>();
        queue.Add(5, "e5").Should().BeTrue();
        queue.Add(3, "c3").Should().BeTrue();
        queue.Add(5, "f5").Should().BeFalse("timestamp 5 already has an event (and a timer)");
        queue.Add(1, "a1").Should().BeTrue();
        var taken = new List<string>();

        queue.TryTakeEarliest(0, taken, out _).Should().BeFalse();
        queue.TryTakeEarliest(4, taken, out long first).Should().BeTrue();
        queue.TryTakeEarliest(4, taken, out long second).Should().BeTrue();
        queue.TryTakeEarliest(4, taken, out _).Should().BeFalse();
        queue.TryTakeEarliest(10, taken, out long third).Should().BeTrue();

        (first, second, third).Should().Be((1L, 3L, 5L));
        taken.Should().Equal("a1", "c3", "e5", "f5");
        queue.Count.Should().Be(0);
    }

    [Fact]
    public void AddAndTake_RandomTimestamps_SameOrderAsAStableSort() =>
        Gen.Long[0, 50].Array[0, 200].Sample(timestamps =>
        {
            var queue = new EventQueue<int>();
            for (int i = 0; i < timestamps.Length; i++)
            {
                queue.Add(timestamps[i], i);
            }

            var taken = new List<int>();
            while (queue.TryTakeEarliest(long.MaxValue, taken, out _))
            {
            }

            var expected = timestamps.Select((t, i) => (t, i)).OrderBy(x => x.t).Select(x => x.i).ToList();
            taken.Should().Equal(expected);
        });

    [Fact]
    public void Serializer_RoundTrip_KeepsOrderAndEvents()
    {
        var queue = new EventQueue<string>();
        queue.Add(7, "x");
        queue.Add(2, "y");
        queue.Add(7, "z");
        var serializer = new EventQueue<string>.Serializer(new SerializerRegistry().Get<string>());
        var writer = new StateWriter();
        serializer.Serialize(queue, writer);

        var restored = serializer.Deserialize(new StateReader(writer.ToArray()));

        var taken = new List<string>();
        while (restored.TryTakeEarliest(long.MaxValue, taken, out _))
        {
        }

        taken.Should().Equal("y", "x", "z");
    }
}
