using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Tests.Support;

/// <summary>
/// A source whose reader plays (split, value, timestamp) steps through per-split outputs, one step per poll,
/// then either ends or stays open with nothing available. Steps can be appended while it runs
/// (<see cref="Enqueue"/>), which lets job tests feed a running source. One instance per parallel subtask:
/// <c>steps[subtask]</c>.
/// </summary>
internal sealed class SplitScriptSource<T> : Source<T>
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<Step>[] _steps;
    private readonly bool _stayOpen;
    private readonly SourceReaderContext?[] _contexts;

    public SplitScriptSource(int parallelism, bool stayOpen)
    {
        _steps = Enumerable.Range(0, parallelism).Select(_ => new System.Collections.Concurrent.ConcurrentQueue<Step>()).ToArray();
        _contexts = new SourceReaderContext?[parallelism];
        _stayOpen = stayOpen;
    }

    public override bool IsBounded => !_stayOpen;

    public override int? MaxParallelism => _steps.Length;

    public SplitScriptSource<T> Enqueue(int subtask, string? split, T value, long timestampMs)
    {
        _steps[subtask].Enqueue(new Step(split, value, timestampMs, Release: false));
        _contexts[subtask]?.SignalAvailable();
        return this;
    }

    public SplitScriptSource<T> Release(int subtask, string split)
    {
        _steps[subtask].Enqueue(new Step(split, default, 0, Release: true));
        _contexts[subtask]?.SignalAvailable();
        return this;
    }

    public override SourceReader<T> CreateReader(SourceReaderContext context)
    {
        _contexts[context.SubtaskIndex] = context;
        return new Reader(_steps[context.SubtaskIndex], _stayOpen);
    }

    private readonly record struct Step(string? Split, T? Value, long TimestampMs, bool Release);

    private sealed class Reader(System.Collections.Concurrent.ConcurrentQueue<Step> steps, bool stayOpen) : SourceReader<T>
    {
        public override InputStatus PollNext(SourceOutput<T> output)
        {
            if (!steps.TryDequeue(out var step))
            {
                return stayOpen ? InputStatus.NothingAvailable : InputStatus.EndOfInput;
            }

            if (step.Release)
            {
                output.ReleaseSplit(step.Split!);
            }
            else
            {
                var target = step.Split is null ? output : output.ForSplit(step.Split);
                target.Collect(step.Value!, new Timestamp(step.TimestampMs));
            }

            return InputStatus.MoreAvailable;
        }
    }
}
