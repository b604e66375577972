using System.Text.Json;
using Flinq.Testing;

namespace Flinq.Tests.Runtime.Graph;

public sealed class ExecutionPlanTests
{
    private static StreamExecutionEnvironment CreateEnv() =>
        StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });

    // source(1) -FORWARD, chained-> parse(1) -REBALANCE-> valid(2) -HASH-> sum(2) -FORWARD, chained-> format(2) -> sink(2)
    private static DataStream<string> BuildJob(StreamExecutionEnvironment env)
    {
        var formatted = env.FromElements(1, 2, 3, 4)
            .Map(x => x * 10).Name("parse").SetParallelism(1)
            .Filter(x => x > 0).Name("valid")
            .KeyBy(x => x % 3)
            .Sum(x => (long)x).Name("sum").Uid("sum-uid")
            .Map(r => $"{r.Key}={r.Value}").Name("format");
        return formatted;
    }

    [Fact]
    public void GetExecutionPlan_ChainsAndKeyBy_ShowsNodesStrategiesAndTasks()
    {
        var env = CreateEnv();
        BuildJob(env).Collect("sink");

        using var plan = JsonDocument.Parse(env.GetExecutionPlan("plan job"));
        var root = plan.RootElement;

        root.GetProperty("jobName").GetString().Should().Be("plan job");
        root.GetProperty("maxParallelism").GetInt32().Should().Be(128);
        var nodes = Nodes(root);
        nodes.Keys.Should().BeEquivalentTo("Elements Source", "parse", "valid", "sum", "format", "sink");
        nodes["Elements Source"].GetProperty("pact").GetString().Should().Be("Data Source");
        nodes["sink"].GetProperty("pact").GetString().Should().Be("Data Sink");
        nodes["sum"].GetProperty("pact").GetString().Should().Be("Operator");
        nodes["parse"].GetProperty("parallelism").GetInt32().Should().Be(1);
        nodes["valid"].GetProperty("parallelism").GetInt32().Should().Be(2);
        nodes["sum"].GetProperty("uid").GetString().Should().Be("sum-uid");
        nodes["format"].TryGetProperty("uid", out _).Should().BeFalse();

        Predecessor(nodes, "parse").Should().Be(("Elements Source", "FORWARD", true));
        Predecessor(nodes, "valid").Should().Be(("parse", "REBALANCE", false));
        Predecessor(nodes, "sum").Should().Be(("valid", "HASH", false));
        Predecessor(nodes, "format").Should().Be(("sum", "FORWARD", true));
        Predecessor(nodes, "sink").Should().Be(("format", "FORWARD", true));
        nodes["Elements Source"].TryGetProperty("predecessors", out _).Should().BeFalse();

        Tasks(root).Should().BeEquivalentTo<List<string>>(
            [
                ["Elements Source", "parse"],
                ["valid"],
                ["sum", "format", "sink"],
            ],
            options => options.WithStrictOrdering());
        var taskNames = root.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        taskNames.Should().Contain("sum -> format -> sink");
        var sumTask = root.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "sum -> format -> sink");
        sumTask.GetProperty("parallelism").GetInt32().Should().Be(2);
        sumTask.GetProperty("inputs").EnumerateArray().Single().GetProperty("ship_strategy").GetString().Should().Be("HASH");
        foreach (var (name, node) in nodes)
        {
            int task = node.GetProperty("task").GetInt32();
            var members = root.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == task)
                .GetProperty("operators").EnumerateArray().Select(o => o.GetInt32());
            members.Should().Contain(node.GetProperty("id").GetInt32(), $"node '{name}' names its task");
        }
    }

    [Fact]
    public void GetExecutionPlan_DisableChaining_PutsOperatorInItsOwnTask()
    {
        var env = CreateEnv();
        BuildJob(env).DisableChaining().Collect("sink");

        var tasks = Tasks(JsonDocument.Parse(env.GetExecutionPlan()).RootElement);

        tasks.Should().BeEquivalentTo<List<string>>(
            [["Elements Source", "parse"], ["valid"], ["sum"], ["format"], ["sink"]],
            options => options.WithStrictOrdering());
    }

    [Fact]
    public void GetExecutionPlan_StartNewChain_StartsAChainThatSuccessorsJoin()
    {
        var env = CreateEnv();
        BuildJob(env).StartNewChain().Collect("sink");

        using var plan = JsonDocument.Parse(env.GetExecutionPlan());
        var tasks = Tasks(plan.RootElement);

        tasks.Should().BeEquivalentTo<List<string>>(
            [["Elements Source", "parse"], ["valid"], ["sum"], ["format", "sink"]],
            options => options.WithStrictOrdering());
        Predecessor(Nodes(plan.RootElement), "format").Should().Be(("sum", "FORWARD", false));
    }

    [Fact]
    public void GetExecutionPlan_ChainingDisabledInOptions_GivesEveryOperatorATask()
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2, ChainingEnabled = false });
        BuildJob(env).Collect("sink");

        Tasks(JsonDocument.Parse(env.GetExecutionPlan()).RootElement).Should().HaveCount(6);
    }

    [Fact]
    public void GetExecutionPlan_SideOutputEdge_ShowsTheTag()
    {
        var env = CreateEnv();
        var tag = new OutputTag<BadRecordLike>("rejects");
        var main = env.FromElements(1).Map(x => x).Name("m");
        main.GetSideOutput(tag).Collect("rejects sink");
        main.Collect("main sink");

        var nodes = Nodes(JsonDocument.Parse(env.GetExecutionPlan()).RootElement);

        nodes["rejects sink"].GetProperty("predecessors")[0].GetProperty("side_output").GetString().Should().Be("rejects");
    }

    [Fact]
    public void Forward_UnequalParallelism_ThrowsClearError()
    {
        var env = CreateEnv();
        env.FromElements(1, 2, 3).Forward().Map(x => x).Name("wide map").SetParallelism(3).Collect();

        var plan = () => env.GetExecutionPlan();
        Action execute = () => _ = env.ExecuteAsync();

        plan.Should().Throw<InvalidOperationException>()
            .WithMessage("*Forward partitioning needs equal parallelism*'Elements Source' has 1*'wide map' has 3*Rebalance()*");
        execute.Should().Throw<InvalidOperationException>().WithMessage("*Forward partitioning*");
    }

    [Fact]
    public void Name_OnUnion_ThrowsBecauseAUnionIsNotAnOperator()
    {
        var env = CreateEnv();
        var union = env.FromElements(1).Union(env.FromElements(2));

        var act = () => union.Name("nope");

        act.Should().Throw<InvalidOperationException>().WithMessage("*union*");
    }

    private static Dictionary<string, JsonElement> Nodes(JsonElement root) =>
        root.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("contents").GetString()!, n => n);

    private static (string Source, string Strategy, bool Chained) Predecessor(Dictionary<string, JsonElement> nodes, string name)
    {
        var byId = nodes.ToDictionary(n => n.Value.GetProperty("id").GetInt32(), n => n.Key);
        var edge = nodes[name].GetProperty("predecessors").EnumerateArray().Single();
        return (byId[edge.GetProperty("id").GetInt32()], edge.GetProperty("ship_strategy").GetString()!, edge.GetProperty("chained").GetBoolean());
    }

    private static List<List<string>> Tasks(JsonElement root)
    {
        var names = root.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetInt32(), n => n.GetProperty("contents").GetString()!);
        return root.GetProperty("tasks").EnumerateArray()
            .Select(t => t.GetProperty("operators").EnumerateArray().Select(o => names[o.GetInt32()]).ToList())
            .ToList();
    }

    private sealed record BadRecordLike(string Text);
}
