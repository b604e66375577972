using Flinq.Functions;
using Flinq.State;
using Flinq.State.Heap;

namespace Flinq.Tests.State;

public sealed class StateTtlTests
{
    private static StateTtlConfig Ttl(TtlUpdateType update = TtlUpdateType.OnCreateAndWrite, int cleanup = 0) =>
        new(TimeSpan.FromSeconds(1)) { UpdateType = update, IncrementalCleanupSize = cleanup };

    [Fact]
    public void ValueState_OnCreateAndWrite_ExpiresTtlAfterWriteDespiteReads()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new ValueStateDescriptor<int>("v"), Ttl()));

        state.Update(7);
        t.Advance(999);
        state.Value.Should().Be(7);
        t.Advance(1);

        state.HasValue.Should().BeFalse("written 1000 ms ago with a 1 s TTL: expired (t + ttl <= now)");
        state.Value.Should().Be(0);
    }

    [Fact]
    public void ValueState_OnReadAndWrite_ReadExtendsLifetime()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new ValueStateDescriptor<int>("v"), Ttl(TtlUpdateType.OnReadAndWrite)));

        state.Update(7);
        t.Advance(900);
        state.Value.Should().Be(7);
        t.Advance(900);
        state.Value.Should().Be(7, "the read at 900 ms restarted the TTL");
        t.Advance(1_000);

        state.HasValue.Should().BeFalse();
    }

    [Fact]
    public void ValueState_ReturnExpiredIfNotCleanedUp_ReturnsExpiredUntilSwept()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new ValueStateDescriptor<int>("v"), new StateTtlConfig(TimeSpan.FromSeconds(1))
        {
            Visibility = TtlStateVisibility.ReturnExpiredIfNotCleanedUp,
            IncrementalCleanupSize = 0,
        }));
        state.Update(7);
        t.Advance(5_000);

        state.Value.Should().Be(7);
        t.Backend.RemoveExpiredState().Should().Be(1);
        state.HasValue.Should().BeFalse();
    }

    [Fact]
    public void ListState_PerElementTtl_ElementsExpireOneByOne()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new ListStateDescriptor<string>("l"), Ttl()));

        state.Add("a");
        t.Advance(500);
        state.Add("b");
        t.Advance(500);
        state.Get().Should().Equal("b");
        t.Advance(500);

        state.Get().Should().BeEmpty();
        t.Backend.GetOrCreateTable<VoidNamespace, List<TtlValue<string>>>("l").Count.Should().Be(0, "an emptied list is removed");
    }

    [Fact]
    public void ListState_OnReadAndWrite_ReadRefreshesReturnedElements()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new ListStateDescriptor<string>("l"), Ttl(TtlUpdateType.OnReadAndWrite)));
        state.Add("a");
        t.Advance(900);
        state.Add("b");
        t.Advance(50);

        state.Get().Should().Equal("a", "b");
        t.Advance(900);

        state.Get().Should().Equal("a", "b");
    }

    [Fact]
    public void MapState_PerEntryTtl_EntriesExpireOneByOne()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new MapStateDescriptor<string, int>("m"), Ttl()));

        state.Put("x", 1);
        t.Advance(600);
        state.Put("y", 2);
        t.Advance(400);

        state.Contains("x").Should().BeFalse();
        state.Get("y").Should().Be(2);
        state.Entries().Should().BeEquivalentTo(new Dictionary<string, int> { ["y"] = 2 });
        t.Advance(600);
        state.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void MapState_OnReadAndWrite_GetRefreshesOnlyThatEntry()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new MapStateDescriptor<string, int>("m"), Ttl(TtlUpdateType.OnReadAndWrite)));
        state.Put("x", 1);
        state.Put("y", 2);
        t.Advance(900);

        state.Get("x").Should().Be(1);
        t.Advance(200);

        state.Keys().Should().Equal("x");
    }

    [Fact]
    public void ReducingState_Expired_AddStartsFromScratch()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new ReducingStateDescriptor<int>("r", (a, b) => a + b), Ttl()));

        state.Add(1);
        state.Add(2);
        state.Get().Should().Be(3);
        t.Advance(1_000);
        state.HasValue.Should().BeFalse();
        state.Add(10);

        state.Get().Should().Be(10);
    }

    [Fact]
    public void ReducingState_OnCreateAndWrite_AddRefreshesButGetDoesNot()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new ReducingStateDescriptor<int>("r", (a, b) => a + b), Ttl()));
        state.Add(1);
        t.Advance(900);
        state.Add(2); // a write: TTL restarts
        t.Advance(900);
        state.Get().Should().Be(3);
        t.Advance(100);

        state.HasValue.Should().BeFalse("the read at 1800 ms did not refresh");
    }

    [Fact]
    public void AggregatingState_OnReadAndWrite_ReadKeepsAccumulatorAlive()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new AggregatingStateDescriptor<int, (long Sum, long Count), double>("avg", new Average()), Ttl(TtlUpdateType.OnReadAndWrite)));
        state.Add(2);
        state.Add(4);
        t.Advance(900);
        state.Get().Should().Be(3.0);
        t.Advance(900);

        state.Get().Should().Be(3.0);
        t.Advance(1_000);
        state.HasValue.Should().BeFalse();
    }

    [Fact]
    public void AggregatingState_OnCreateAndWrite_ExpiresAndRestarts()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new AggregatingStateDescriptor<int, (long Sum, long Count), double>("avg", new Average()), Ttl()));
        state.Add(2);
        t.Advance(500);
        state.Get().Should().Be(2.0);
        t.Advance(500);

        state.Get().Should().Be(0.0, "expired: reads as absent (default)");
        state.Add(10);
        state.Get().Should().Be(10.0);
    }

    [Fact]
    public void IncrementalCleanup_EachAccess_RemovesUpToCleanupSizeExpiredEntriesOfOtherKeys()
    {
        var t = new StateTestBackend();
        var state = t.Backend.GetState(WithTtl(new ValueStateDescriptor<int>("v"), Ttl(cleanup: 3)));
        for (int i = 0; i < 10; i++)
        {
            t.Key("k" + i);
            state.Update(i);
        }

        var table = t.Backend.GetOrCreateTable<VoidNamespace, TtlValue<int>>("v");
        t.Advance(2_000);
        t.Key("other");

        _ = state.HasValue;
        table.Count.Should().Be(7);
        _ = state.HasValue;
        table.Count.Should().Be(4);
        _ = state.HasValue;
        _ = state.HasValue;
        table.Count.Should().Be(0);
    }

    [Fact]
    public void RemoveExpiredState_FullSweep_RemovesOnlyExpiredEntriesOfAllStates()
    {
        var t = new StateTestBackend();
        var value = t.Backend.GetState(WithTtl(new ValueStateDescriptor<int>("v"), Ttl()));
        var list = t.Backend.GetState(WithTtl(new ListStateDescriptor<int>("l"), Ttl()));
        value.Update(1);
        list.Add(1);
        t.Advance(600);
        t.Key("young");
        value.Update(2);
        list.Add(2);
        t.Advance(600);

        t.Backend.RemoveExpiredState().Should().Be(2);

        value.Value.Should().Be(2);
        t.Key("k");
        list.Get().Should().BeEmpty();
    }

    [Fact]
    public void StateTtlConfig_NonPositiveTtl_Throws()
    {
        var act = () => new StateTtlConfig(TimeSpan.Zero);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static TDescriptor WithTtl<TDescriptor>(TDescriptor descriptor, StateTtlConfig ttl)
        where TDescriptor : StateDescriptor
    {
        descriptor.EnableTimeToLive(ttl);
        return descriptor;
    }

    private sealed class Average : IAggregateFunction<int, (long Sum, long Count), double>
    {
        public (long Sum, long Count) CreateAccumulator() => (0, 0);

        public (long Sum, long Count) Add(int value, (long Sum, long Count) accumulator) => (accumulator.Sum + value, accumulator.Count + 1);

        public double GetResult((long Sum, long Count) accumulator) => accumulator.Count == 0 ? 0 : (double)accumulator.Sum / accumulator.Count;

        public (long Sum, long Count) Merge((long Sum, long Count) a, (long Sum, long Count) b) => (a.Sum + b.Sum, a.Count + b.Count);
    }
}
