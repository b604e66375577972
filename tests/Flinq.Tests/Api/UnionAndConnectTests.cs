using Flinq.Functions;
using Flinq.State;
using Flinq.Testing;

namespace Flinq.Tests.Api;

public sealed class UnionAndConnectTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Union_ThreeInputsWithDifferentParallelisms_DeliversEveryRecord()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var first = env.FromElements(1L, 2L, 3L);
        var second = env.FromGenerator(n => 100 + n, 30).SetParallelism(3);
        var third = env.FromGenerator(n => 1_000 + n, 20).SetParallelism(1).Map(n => n).SetParallelism(4);
        var sink = first.Union(second, third).Map(n => n).Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        var expected = new[] { 1L, 2L, 3L }
            .Concat(Enumerable.Range(0, 30).Select(n => 100L + n))
            .Concat(Enumerable.Range(0, 20).Select(n => 1_000L + n));
        sink.Values.Should().BeEquivalentTo(expected);
        sink.Records.Select(r => r.Subtask).Distinct().Should().BeSubsetOf([0, 1]);
    }

    [Fact]
    public async Task Union_AtParallelism1_KeepsTheOrderOfEachInput()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var letters = env.FromCollection(Enumerable.Range(0, 3_000).Select(i => $"L{i}"));
        var digits = env.FromCollection(Enumerable.Range(0, 3_000).Select(i => $"D{i}"));
        var sink = letters.Union(digits).Map(s => s).Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Values.Where(v => v[0] == 'L').Should().Equal(Enumerable.Range(0, 3_000).Select(i => $"L{i}"));
        sink.Values.Where(v => v[0] == 'D').Should().Equal(Enumerable.Range(0, 3_000).Select(i => $"D{i}"));
    }

    [Fact]
    public async Task Union_WithItself_DeliversEveryRecordTwice()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var numbers = env.FromGenerator(n => n, 10);
        var sink = numbers.Union(numbers).Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Values.Should().BeEquivalentTo(Enumerable.Range(0, 10).SelectMany(n => new[] { (long)n, n }));
    }

    [Fact]
    public async Task Connect_CoProcessFunction_SeesBothInputs()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        var words = env.FromElements("a", "bb");
        var numbers = env.FromElements(1, 22, 333);
        var sink = words.Connect(numbers).Process(new Describe()).Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Values.Should().BeEquivalentTo("word a (1)", "word bb (2)", "number 1", "number 22", "number 333");
    }

    [Fact]
    public async Task Connect_StreamWithItself_SeesEveryRecordOnBothInputs()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var numbers = env.FromGenerator(n => (int)n, 5);
        var sink = numbers.Connect(numbers).Map(n => $"first {n}", n => $"second {n}").Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Values.Should().BeEquivalentTo(Enumerable.Range(0, 5).SelectMany(n => new[] { $"first {n}", $"second {n}" }));
    }

    [Fact]
    public async Task ConnectedStreamsMap_MapsEachInputWithItsFunction()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var sink = env.FromElements("x", "yy")
            .Connect(env.FromElements(5, 6))
            .Map(s => s.Length * 100, n => n)
            .Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        sink.Values.Should().BeEquivalentTo([100, 200, 5, 6]);
    }

    [Fact]
    public async Task Connect_KeyedCoProcessFunction_SharesKeyedStateBetweenInputs()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var deposits = env.FromCollection(Enumerable.Range(0, 40).Select(i => (Account: $"acc-{i % 4}", Amount: 10L)));
        var bonuses = env.FromGenerator(n => (Account: $"acc-{n % 4}", Points: (int)n + 1), 8);
        var sink = deposits.Connect(bonuses)
            .KeyBy(d => d.Account, b => b.Account)
            .Process(new Balance())
            .Collect();

        await env.ExecuteWithTimeoutAsync(s_timeout);

        // Per account: 10 deposits of 10, plus bonus points n + 1 for n = k and n = k + 4.
        var finals = sink.Values.GroupBy(v => v.Account).ToDictionary(g => g.Key, g => g.Max(v => v.Balance));
        finals.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["acc-0"] = 100 + 1 + 5,
            ["acc-1"] = 100 + 2 + 6,
            ["acc-2"] = 100 + 3 + 7,
            ["acc-3"] = 100 + 4 + 8,
        });
        sink.Count.Should().Be(48);
        sink.Records.GroupBy(r => r.Value.Account).Should().AllSatisfy(g => g.Select(r => r.Subtask).Distinct().Should().ContainSingle());
    }

    [Fact]
    public void Process_KeyedCoProcessFunctionOnUnkeyedInputs_ThrowsClearError()
    {
        var env = StreamExecutionEnvironment.Create();
        var connected = env.FromElements(("a", 1L)).Connect(env.FromElements(("a", 1)));

        var act = () => connected.Process(new Balance());

        act.Should().Throw<InvalidOperationException>().WithMessage("*KeyBy*");
    }

    private sealed class Describe : CoProcessFunction<string, int, string>
    {
        public override void ProcessElement1(string value, IProcessContext context, ICollector<string> output) =>
            output.Collect($"word {value} ({value.Length})");

        public override void ProcessElement2(int value, IProcessContext context, ICollector<string> output) =>
            output.Collect($"number {value}");
    }

    private sealed class Balance : KeyedCoProcessFunction<string, (string Account, long Amount), (string Account, int Points), (string Account, long Balance)>
    {
        private ValueState<long> _balance = null!;

        public override void Open() => _balance = RuntimeContext.GetState(new ValueStateDescriptor<long>("balance"));

        public override void ProcessElement1((string Account, long Amount) value, IKeyedProcessContext<string> context, ICollector<(string Account, long Balance)> output) =>
            Add(context.CurrentKey, value.Amount, output);

        public override void ProcessElement2((string Account, int Points) value, IKeyedProcessContext<string> context, ICollector<(string Account, long Balance)> output) =>
            Add(context.CurrentKey, value.Points, output);

        private void Add(string account, long amount, ICollector<(string Account, long Balance)> output)
        {
            long balance = _balance.Value + amount;
            _balance.Update(balance);
            output.Collect((account, balance));
        }
    }
}
