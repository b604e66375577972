using Flinq.Functions;
using Flinq.State;
using Flinq.State.Heap;
using Flinq.Testing;

namespace Flinq.Tests.State;

public sealed class KeyedStateTests
{
    [Fact]
    public void AllKinds_TwoKeys_StateIsScopedPerKey()
    {
        var t = new StateTestBackend();
        var list = t.Backend.GetState(new ListStateDescriptor<int>("l"));
        var map = t.Backend.GetState(new MapStateDescriptor<string, int>("m"));
        var sum = t.Backend.GetState(new ReducingStateDescriptor<int>("r", (a, b) => a + b));
        var count = t.Backend.GetState(new AggregatingStateDescriptor<string, int, string>("a", new CountToText()));

        t.Key("a");
        list.Add(1);
        map.Put("x", 1);
        sum.Add(1);
        count.Add("1");
        t.Key("b");
        list.AddAll([2, 3]);
        map.Put("y", 2);
        sum.Add(5);
        sum.Add(6);

        list.Get().Should().Equal(2, 3);
        map.Keys().Should().Equal("y");
        sum.Get().Should().Be(11);
        count.HasValue.Should().BeFalse();
        t.Key("a");
        list.Get().Should().Equal(1);
        map.Get("x").Should().Be(1);
        map.Get("y").Should().Be(0);
        sum.Get().Should().Be(1);
        count.Get().Should().Be("count=1");
    }

    [Fact]
    public void ListState_UpdateAndClear_ReplaceAndRemove()
    {
        var t = new StateTestBackend();
        var list = t.Backend.GetState(new ListStateDescriptor<string>("l"));
        list.Add("a");

        list.Update(["x", "y"]);
        list.Get().Should().Equal("x", "y");
        list.Update([]);
        list.Get().Should().BeEmpty();
        list.Add("z");
        list.Clear();
        list.Get().Should().BeEmpty();
    }

    [Fact]
    public void MapState_RemoveAndPutAll_UpdateEntries()
    {
        var t = new StateTestBackend();
        var map = t.Backend.GetState(new MapStateDescriptor<string, int>("m"));

        map.PutAll(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 });
        map.Remove("a").Should().BeTrue();
        map.Remove("a").Should().BeFalse();
        map.Put("b", 3);

        map.Entries().Should().BeEquivalentTo(new Dictionary<string, int> { ["b"] = 3 });
        map.Values().Should().Equal(3);
        map.Remove("b");
        map.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Namespaces_SameKeyTwoNamespaces_StateIsScopedPerNamespace()
    {
        var t = new StateTestBackend();
        var list = t.Backend.GetOrCreateState<long, ListState<string>>(new ListStateDescriptor<string>("w"));
        var scoped = (IHeapKeyedState<string, long>)list;

        scoped.CurrentNamespace = 1;
        list.Add("in window 1");
        scoped.CurrentNamespace = 2;
        list.Add("in window 2");

        list.Get().Should().Equal("in window 2");
        scoped.CurrentNamespace = 1;
        list.Get().Should().Equal("in window 1");
    }

    [Fact]
    public void MergeNamespaces_ListReducingAggregating_MergeIntoTargetAndRemoveSources()
    {
        var t = new StateTestBackend();
        var list = t.Backend.GetOrCreateState<long, ListState<int>>(new ListStateDescriptor<int>("l"));
        var sum = t.Backend.GetOrCreateState<long, ReducingState<int>>(new ReducingStateDescriptor<int>("r", (a, b) => a + b));
        var count = t.Backend.GetOrCreateState<long, AggregatingState<string, string>>(new AggregatingStateDescriptor<string, int, string>("a", new CountToText()));
        foreach (long ns in new long[] { 1, 2, 3 })
        {
            ((IHeapKeyedState<string, long>)list).CurrentNamespace = ns;
            ((IHeapKeyedState<string, long>)sum).CurrentNamespace = ns;
            ((IHeapKeyedState<string, long>)count).CurrentNamespace = ns;
            list.Add((int)ns);
            sum.Add((int)ns * 10);
            count.Add("x");
        }

        ((IHeapMergingState<long>)list).MergeNamespaces(1, [2, 3]);
        ((IHeapMergingState<long>)sum).MergeNamespaces(1, [2, 3]);
        ((IHeapMergingState<long>)count).MergeNamespaces(1, [2, 3]);

        list.Get().Should().BeEmpty("namespace 3 (current) was merged away");
        ((IHeapKeyedState<string, long>)list).CurrentNamespace = 1;
        ((IHeapKeyedState<string, long>)sum).CurrentNamespace = 1;
        ((IHeapKeyedState<string, long>)count).CurrentNamespace = 1;
        list.Get().Should().Equal(1, 2, 3);
        sum.Get().Should().Be(60);
        count.Get().Should().Be("count=3");
    }

    [Fact]
    public void ApplyToAllKeys_ClearInFunction_RemovesStateOfEveryKeyAndRestoresCurrentKey()
    {
        var t = new StateTestBackend();
        var descriptor = new ValueStateDescriptor<int>("v");
        var state = t.Backend.GetState(descriptor);
        foreach (var key in new[] { "a", "b", "c" })
        {
            t.Key(key);
            state.Update(key[0]);
        }

        var seen = new List<(string, int)>();
        t.Key("c");
        t.Backend.ApplyToAllKeys(descriptor, (key, s) =>
        {
            seen.Add((key, s.Value));
            s.Clear();
        });

        seen.Should().BeEquivalentTo(new[] { ("a", 'a' + 0), ("b", 'b' + 0), ("c", 'c' + 0) });
        t.KeyContext.CurrentKey.Should().Be("c");
        t.Backend.GetOrCreateTable<VoidNamespace, int>("v").Count.Should().Be(0);
    }

    [Fact]
    public void GetState_SameNameAsAnotherKind_Throws()
    {
        var t = new StateTestBackend();
        t.Backend.GetState(new ListStateDescriptor<int>("s"));

        var act = () => t.Backend.GetState(new ValueStateDescriptor<int>("s"));

        act.Should().Throw<InvalidOperationException>().WithMessage("*'s'*");
    }

    [Fact]
    public async Task RuntimeContext_KeyedProcessFunction_EveryStateKindWorksPerKeyInAJob()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var results = env.FromElements(("a", 1), ("b", 10), ("a", 2), ("b", 20), ("a", 3))
            .KeyBy(e => e.Item1)
            .Process(new AllStates())
            .Collect();

        await env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

        results.Values.Where(v => v.StartsWith("a:", StringComparison.Ordinal)).Should().Equal(
            "a: list=[1] seen={1} sum=1 avg=count=1",
            "a: list=[1,2] seen={1,2} sum=3 avg=count=2",
            "a: list=[1,2,3] seen={1,2,3} sum=6 avg=count=3");
        results.Values.Where(v => v.StartsWith("b:", StringComparison.Ordinal)).Should().Equal(
            "b: list=[10] seen={10} sum=10 avg=count=1",
            "b: list=[10,20] seen={10,20} sum=30 avg=count=2");
    }

    private sealed class CountToText : IAggregateFunction<string, int, string>
    {
        public int CreateAccumulator() => 0;

        public int Add(string value, int accumulator) => accumulator + 1;

        public string GetResult(int accumulator) => "count=" + accumulator;

        public int Merge(int a, int b) => a + b;
    }

    private sealed class AllStates : KeyedProcessFunction<string, (string, int), string>
    {
        private ListState<int> _list = null!;
        private MapState<int, bool> _seen = null!;
        private ReducingState<int> _sum = null!;
        private AggregatingState<string, string> _count = null!;

        public override void Open()
        {
            _list = RuntimeContext.GetListState(new ListStateDescriptor<int>("list"));
            _seen = RuntimeContext.GetMapState(new MapStateDescriptor<int, bool>("seen"));
            _sum = RuntimeContext.GetReducingState(new ReducingStateDescriptor<int>("sum", (a, b) => a + b));
            _count = RuntimeContext.GetAggregatingState(new AggregatingStateDescriptor<string, int, string>("count", new CountToText()));
        }

        public override void ProcessElement((string, int) value, IKeyedProcessContext<string> context, ICollector<string> output)
        {
            _list.Add(value.Item2);
            _seen.Put(value.Item2, true);
            _sum.Add(value.Item2);
            _count.Add("x");
            var seen = string.Join(",", _seen.Keys().Order());
            output.Collect($"{context.CurrentKey}: list=[{string.Join(",", _list.Get())}] seen={{{seen}}} sum={_sum.Get()} avg={_count.Get()}");
        }
    }
}
