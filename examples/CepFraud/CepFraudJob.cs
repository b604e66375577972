using Flinq.Cep;
using Flinq.Cep.Patterns;
using Flinq.Functions;
using Flinq.Time;

namespace Flinq.Examples.CepFraud;

/// <summary>
/// Per user: three transactions under 10 in a row, then (relaxed: other transactions may come in between) one over
/// 5,000, all within 5 minutes of the first → FRAUD. A partial match that already has its three small transactions
/// when the 5 minutes pass → SUSPICIOUS (on a side output, merged into the alert stream). Event time, with up to 10 s
/// of out-of-orderness; skip past the last event, so one burst raises one alert.
/// </summary>
internal static class CepFraudJob
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public static Pattern<Transaction> Pattern() =>
        Pattern<Transaction>.Begin("small", AfterMatchSkipStrategy.SkipPastLastEvent()).Where(t => t.Amount < 10m).Times(3).Consecutive()
            .FollowedBy("large").Where(t => t.Amount > 5_000m)
            .Within(Window);

    public static DataStream<Alert> Build(StreamExecutionEnvironment env, IReadOnlyList<Transaction> transactions)
    {
        var suspicious = new OutputTag<Alert>("suspicious");
        var keyed = env.FromCollection(transactions)
            .AssignTimestampsAndWatermarks(WatermarkStrategy<Transaction>.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(10)).WithTimestampAssigner(t => t.Ts))
            .KeyBy(t => t.User);
        var fraud = CEP.Pattern(keyed, Pattern()).Process(new AlertFunction(suspicious));
        return fraud.Union(fraud.GetSideOutput(suspicious));
    }

    /// <summary>A sample: alice commits fraud, bob's small payments time out, carol is ordinary (out of order too).</summary>
    public static IReadOnlyList<Transaction> SampleInput { get; } =
    [
        new("alice", 1.00m, 1_000), new("bob", 2.00m, 1_500), new("alice", 2.50m, 2_000), new("carol", 120m, 2_500),
        new("bob", 3.00m, 3_000), new("alice", 0.99m, 3_000), new("bob", 4.00m, 4_000), new("carol", 6_000m, 5_000),
        new("alice", 45m, 60_000), new("alice", 7_500m, 120_000), new("bob", 60m, 200_000), new("carol", 5m, 250_000),
        new("bob", 9_000m, 400_000), new("alice", 10m, 500_000),
    ];

    private sealed class AlertFunction(OutputTag<Alert> suspicious) : PatternProcessFunction<Transaction, Alert>, ITimedOutPartialMatchHandler<Transaction>
    {
        public override void ProcessMatch(IReadOnlyDictionary<string, IReadOnlyList<Transaction>> match, IPatternProcessContext context, ICollector<Alert> output) =>
            output.Collect(ToAlert("FRAUD", match, context.Timestamp));

        public void ProcessTimedOutMatch(IReadOnlyDictionary<string, IReadOnlyList<Transaction>> match, IPatternProcessContext context)
        {
            if (match.TryGetValue("small", out var small) && small.Count == 3)
            {
                context.Output(suspicious, ToAlert("SUSPICIOUS", match, context.Timestamp));
            }
        }

        private static Alert ToAlert(string kind, IReadOnlyDictionary<string, IReadOnlyList<Transaction>> match, long ts) =>
            new(kind, match.Values.First()[0].User, ts, match.Values.SelectMany(v => v).Select(t => t.Amount).ToArray());
    }
}
