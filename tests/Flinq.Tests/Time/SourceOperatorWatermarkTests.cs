using Flinq.Connectors;
using Flinq.Operators;
using Flinq.Tests.Support;
using Flinq.Time;

namespace Flinq.Tests.Time;

public sealed class SourceOperatorWatermarkTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void PeriodicEmit_TwoSplits_SourceWatermarkIsMinimumOfSplits()
    {
        using var task = new ManualTask();
        var source = new SplitScriptSource<string>(1, stayOpen: true)
            .Enqueue(0, "p0", "a", 5_000)
            .Enqueue(0, "p1", "b", 2_000)
            .Enqueue(0, "p0", "c", 9_000);
        var (op, output) = Open(task, source, WatermarkStrategy<string>.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(1)));

        Drain(op);
        task.Advance(Interval);

        output.Watermarks.Should().Equal(2_000 - 1_000 - 1);

        source.Enqueue(0, "p1", "d", 6_000);
        Drain(op);
        task.Advance(Interval);

        output.Watermarks.Should().Equal(999, 6_000 - 1_000 - 1);
    }

    [Fact]
    public void ReleaseSplit_LaggingSplitReleased_WatermarkAdvancesToRemainingSplit()
    {
        using var task = new ManualTask();
        var source = new SplitScriptSource<string>(1, stayOpen: true)
            .Enqueue(0, "p0", "a", 5_000)
            .Enqueue(0, "p1", "b", 2_000);
        var (op, output) = Open(task, source, WatermarkStrategy<string>.ForMonotonousTimestamps());
        Drain(op);
        task.Advance(Interval);

        source.Release(0, "p1");
        Drain(op);

        output.Watermarks.Should().Equal(1_999, 4_999);
    }

    [Fact]
    public void PeriodicEmit_SilentSplitWithIdleness_GoesIdleAndWatermarkAdvances()
    {
        using var task = new ManualTask();
        var source = new SplitScriptSource<string>(1, stayOpen: true)
            .Enqueue(0, "p0", "a", 1_000)
            .Enqueue(0, "p1", "b", 1_000);
        var strategy = WatermarkStrategy<string>.ForMonotonousTimestamps().WithIdleness(TimeSpan.FromSeconds(1));
        var (op, output) = Open(task, source, strategy);
        Drain(op);
        task.Advance(Interval);
        output.Watermarks.Should().Equal(999);

        // p0 keeps producing; p1 falls silent.
        for (int i = 1; i <= 10; i++)
        {
            source.Enqueue(0, "p0", "x" + i, 1_000 + (i * 1_000));
            Drain(op);
            task.Advance(Interval);
        }

        output.LastWatermark.Should().Be(10_999, "the silent split went idle after 1 s and no longer holds the watermark back");
        output.Statuses.Should().BeEmpty("one split is still active, so the source is active");
    }

    [Fact]
    public void PeriodicEmit_SilentSplitWithoutIdleness_HoldsWatermarkBack()
    {
        using var task = new ManualTask();
        var source = new SplitScriptSource<string>(1, stayOpen: true)
            .Enqueue(0, "p0", "a", 1_000)
            .Enqueue(0, "p1", "b", 1_000);
        var (op, output) = Open(task, source, WatermarkStrategy<string>.ForMonotonousTimestamps());
        Drain(op);

        for (int i = 1; i <= 10; i++)
        {
            source.Enqueue(0, "p0", "x" + i, 1_000 + (i * 1_000));
            Drain(op);
            task.Advance(Interval);
        }

        output.Watermarks.Should().Equal(999);
    }

    [Fact]
    public void PeriodicEmit_AllSplitsSilentWithIdleness_SourceGoesIdleThenActiveOnNextRecord()
    {
        using var task = new ManualTask();
        var source = new SplitScriptSource<string>(1, stayOpen: true).Enqueue(0, "p0", "a", 1_000);
        var (op, output) = Open(task, source, WatermarkStrategy<string>.ForMonotonousTimestamps().WithIdleness(TimeSpan.FromMilliseconds(500)));
        Drain(op);

        task.Advance(TimeSpan.FromSeconds(2), Interval);
        output.Statuses.Should().Equal(true);

        source.Enqueue(0, "p0", "b", 3_000);
        Drain(op);
        task.Advance(Interval);

        output.Statuses.Should().Equal(true, false);
        output.LastWatermark.Should().Be(2_999);
        op.IsIdle.Should().BeFalse();
    }

    [Fact]
    public void PeriodicEmit_InstanceWithoutRecordsWithIdleness_GoesIdle()
    {
        using var task = new ManualTask();
        var source = new SplitScriptSource<string>(1, stayOpen: true);
        var (op, output) = Open(task, source, WatermarkStrategy<string>.ForMonotonousTimestamps().WithIdleness(TimeSpan.FromMilliseconds(500)));
        Drain(op);

        task.Advance(TimeSpan.FromSeconds(2), Interval);

        output.Statuses.Should().Equal(true);
    }

    [Fact]
    public void Collect_TimestampAssigner_ReplacesReaderTimestamp()
    {
        using var task = new ManualTask();
        var source = new SplitScriptSource<(string Name, long Ms)>(1, stayOpen: true).Enqueue(0, null, ("a", 42), 7);
        var strategy = WatermarkStrategy<(string Name, long Ms)>.ForMonotonousTimestamps().WithTimestampAssigner(e => e.Ms);
        var (op, output) = Open(task, source, strategy);

        Drain(op);
        task.Advance(Interval);

        output.Records.Single().Timestamp.Should().Be(new Timestamp(42));
        output.Watermarks.Should().Equal(41);
    }

    [Fact]
    public void EndOfInput_BoundedSource_EmitsFinalWatermark()
    {
        using var task = new ManualTask();
        var source = new SplitScriptSource<string>(1, stayOpen: false).Enqueue(0, "p0", "a", 1_000);
        var (op, output) = Open(task, source, WatermarkStrategy<string>.ForMonotonousTimestamps().WithIdleness(TimeSpan.FromMilliseconds(200)));

        Drain(op).Should().Be(InputStatus.EndOfInput);
        task.Advance(TimeSpan.FromSeconds(1), Interval); // goes idle
        op.EndOfInput();

        output.LastWatermark.Should().Be(long.MaxValue);
        output.Statuses.Should().Equal(true, false);
    }

    private static (SourceOperator<T> Operator, RecordingInput<T> Output) Open<T>(ManualTask task, Source<T> source, WatermarkStrategy<T> strategy)
    {
        var output = new RecordingInput<T>();
        var context = task.CreateContext("source");
        var readerContext = new SourceReaderContext(0, 1, task.Clock, static () => { }, CancellationToken.None);
        var op = new SourceOperator<T>(source, context, output, readerContext, strategy);
        op.Open();
        return (op, output);
    }

    private static InputStatus Drain<T>(SourceOperator<T> op)
    {
        InputStatus status;
        while ((status = op.PollNext()) == InputStatus.MoreAvailable)
        {
        }

        return status;
    }
}
