using Flinq.Connectors;
using Flinq.Time;

namespace Flinq.Monitor.Tests.Alerting;

/// <summary>
/// A test source played in stages: each stage waits for its gate (a condition on the job's outputs), emitting a probe
/// record every 20 ms while it waits (so the test can see when the job is ready), then emits its records. Ends after
/// the last stage unless <c>stayOpen</c>. This orders records of two sources (rules before evaluations) without sleeps.
/// </summary>
internal sealed class GatedSource<T>(IReadOnlyList<GatedSource<T>.Stage> stages, bool stayOpen = false) : Source<T>
{
    public override bool IsBounded => !stayOpen;

    public override int? MaxParallelism => 1;

    public override SourceReader<T> CreateReader(SourceReaderContext context) => new Reader(stages, stayOpen, context);

    /// <summary>One stage: the gate (null: none), the records with their timestamps, and the probe emitted while gated.</summary>
    public sealed record Stage(Func<bool>? Gate, IReadOnlyList<(T Value, Timestamp Time)> Items, Func<long, T>? Probe = null);

    private sealed class Reader(IReadOnlyList<Stage> stages, bool stayOpen, SourceReaderContext context) : SourceReader<T>
    {
        private int _stage;
        private int _item;
        private bool _open;
        private long _probes;
        private long _lastProbe;

        public override InputStatus PollNext(SourceOutput<T> output)
        {
            while (_stage < stages.Count)
            {
                var stage = stages[_stage];
                if (!_open)
                {
                    if (stage.Gate is not null && !stage.Gate())
                    {
                        long now = Environment.TickCount64;
                        if (stage.Probe is not null && now - _lastProbe >= 20)
                        {
                            _lastProbe = now;
                            output.Collect(stage.Probe(_probes++));
                        }

                        _ = Task.Delay(5).ContinueWith(_ => context.SignalAvailable(), TaskScheduler.Default);
                        return InputStatus.NothingAvailable;
                    }

                    _open = true;
                }

                if (_item < stage.Items.Count)
                {
                    var (value, time) = stage.Items[_item++];
                    output.Collect(value, time);
                    return InputStatus.MoreAvailable;
                }

                _stage++;
                _item = 0;
                _open = false;
            }

            return stayOpen ? InputStatus.NothingAvailable : InputStatus.EndOfInput;
        }
    }
}
