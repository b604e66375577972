using Flinq.Operators;
using Flinq.Runtime.Tasks;
using Flinq.Time;

namespace Flinq.Tests.Windowing;

/// <summary>
/// Drives one operator on the test's thread (like Flink's operator test harnesses): push records and
/// watermarks, move processing time with a fake clock and run the timers it due, read what came out.
/// </summary>
internal sealed class OperatorHarness : IDisposable
{
    private readonly TaskServices _services;

    public OperatorHarness(TimeProvider time)
    {
        _services = new TaskServices(time, CancellationToken.None);
        Context = new OperatorContext("under test", 0, 1, 128, _services.ProcessingTime);
    }

    public OperatorContext Context { get; }

    /// <summary>Runs the timer callbacks the clock has made due (they are posted to the task's mailbox).</summary>
    public void RunMail() => _services.Mailbox.RunPending();

    public CollectingInput<T> SideOutput<T>(OutputTag<T> tag)
    {
        var input = new CollectingInput<T>();
        Context.AddSideOutput(tag, input);
        return input;
    }

    public void Dispose() => _services.Dispose();
}

/// <summary>An operator output that records everything it receives.</summary>
internal sealed class CollectingInput<T> : Input<T>
{
    public List<(T Value, Timestamp Timestamp)> Records { get; } = new();

    public List<Watermark> Watermarks { get; } = new();

    public IEnumerable<T> Values => Records.Select(r => r.Value);

    public override void ProcessElement(T value, Timestamp timestamp) => Records.Add((value, timestamp));

    public override void ProcessWatermark(Watermark watermark) => Watermarks.Add(watermark);
}
