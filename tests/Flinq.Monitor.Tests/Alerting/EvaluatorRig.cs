using Flinq.Connectors.Sinks;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Rules;
using Flinq.Testing;

namespace Flinq.Monitor.Tests.Alerting;

/// <summary>
/// Runs one evaluator job with a fed rule stream and a fed data stream: a rule change is sent and awaited until every
/// operator instance has it (the evaluators' meter counts them), then data and watermarks follow, so tests are exact.
/// </summary>
internal sealed class EvaluatorRig<T> : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly int _instancesPerChange;

    private EvaluatorRig(QueueSource<RuleChange> rules, QueueSource<T> data, CollectSink<RuleEvaluation> output, JobClient job, int instancesPerChange, CancellationTokenSource cancel)
    {
        _cancel = cancel;
        Rules = rules;
        Data = data;
        Output = output;
        Job = job;
        _instancesPerChange = instancesPerChange;
    }

    public QueueSource<RuleChange> Rules { get; }

    public QueueSource<T> Data { get; }

    public CollectSink<RuleEvaluation> Output { get; }

    public JobClient Job { get; }

    /// <summary>Starts a job: <paramref name="build"/> wires the evaluator; <paramref name="instancesPerChange"/> is how many operator instances receive each change (2 per evaluator at parallelism 1).</summary>
    public static EvaluatorRig<T> Start(
        Func<DataStream<T>, DataStream<RuleChange>, DataStream<RuleEvaluation>> build,
        int instancesPerChange = 2,
        Action<StreamExecutionOptions>? configure = null)
    {
        RuleChangeCounter.EnsureListening();
        var options = new StreamExecutionOptions { Parallelism = 1, BufferTimeout = TimeSpan.FromMilliseconds(5), AutoWatermarkInterval = TimeSpan.FromMilliseconds(20) };
        configure?.Invoke(options);
        var env = StreamExecutionEnvironment.Create(options);
        var rules = new QueueSource<RuleChange>();
        var data = new QueueSource<T>();
        var output = build(env.FromSource(data, "Data").Uid("data"), env.FromSource(rules, "Rules").Uid("rules")).Collect();
        var cancel = new CancellationTokenSource();
        return new EvaluatorRig<T>(rules, data, output, env.Start("evaluator-test", cancel.Token), instancesPerChange, cancel);
    }

    /// <summary>Sends <paramref name="changes"/> and waits until every operator instance received them.</summary>
    public async Task ApplyAsync(params RuleChange[] changes)
    {
        var expected = changes.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => RuleChangeCounter.Applied(g.Key) + (g.Count() * _instancesPerChange));
        foreach (var change in changes)
        {
            Rules.Add(change, 0);
        }

        await WaitAsync(() => expected.All(e => RuleChangeCounter.Applied(e.Key) >= e.Value), "the rule changes to reach every evaluator operator");
    }

    public async Task WaitUntilAsync(Func<bool> condition) => await WaitAsync(condition, "the expected evaluations");

    public async Task WaitForAsync(int evaluations) =>
        await WaitAsync(() => Output.Count >= evaluations, $"{evaluations} evaluations (have {Output.Count})");

    /// <summary>Ends both inputs (the final watermark fires every window) and returns all evaluations.</summary>
    public async Task<IReadOnlyList<RuleEvaluation>> FinishAsync()
    {
        Data.Complete();
        Rules.Complete();
        try
        {
            await Job.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException("the job did not end within 60 s after both inputs ended; evaluations so far: " + string.Join("; ", Output.Values.Select(R.Format)), e);
        }

        return Output.Values;
    }

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        await Job.Completion.ContinueWith(_ => { }, TaskScheduler.Default);
        _cancel.Dispose();
    }

    private async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (Job.Completion.IsCompleted)
            {
                await Job.Completion; // surfaces the job's failure
                throw new InvalidOperationException($"the job ended while waiting for {what}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after 60 s waiting for {what}");
            }

            await Task.Delay(5);
        }
    }
}
