using System.Collections.Concurrent;
using Flinq.Connectors;

namespace Flinq.Examples.Common;

/// <summary>
/// Reads lines from a <see cref="TextReader"/> (a file or standard input) and parses each one. A background
/// thread reads into a bounded queue and wakes the task, so a slow stdin never blocks the task thread; the
/// task parses. A line that fails to parse goes to the bad-record side output with its 1-based line number,
/// and blank lines are skipped. Ends at the end of the text, or — with <c>stayOpen</c> — idles until the job
/// is cancelled (for jobs whose results come from processing-time timers). Non-parallel; not replayable.
/// </summary>
public sealed class TextReaderSource<T> : Source<T>
{
    private readonly Func<TextReader> _open;
    private readonly string _name;
    private readonly Func<string, T> _parse;
    private readonly OutputTag<BadRecord> _badRecords;
    private readonly bool _stayOpen;

    /// <summary>Creates a source reading the text <paramref name="open"/> returns, named <paramref name="name"/> in bad records.</summary>
    public TextReaderSource(Func<TextReader> open, string name, Func<string, T> parse, OutputTag<BadRecord> badRecords, bool stayOpen = false)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(badRecords);
        _open = open;
        _name = name;
        _parse = parse;
        _badRecords = badRecords;
        _stayOpen = stayOpen;
    }

    /// <inheritdoc />
    public override bool IsBounded => !_stayOpen;

    /// <inheritdoc />
    public override int? MaxParallelism => 1;

    /// <inheritdoc />
    public override SourceReader<T> CreateReader(SourceReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Reader(this, context);
    }

    private sealed class Reader(TextReaderSource<T> source, SourceReaderContext context) : SourceReader<T>
    {
        private const int BatchSize = 1024;
        private readonly BlockingCollection<string> _lines = new(boundedCapacity: 16 * 1024);
        private readonly CancellationTokenSource _stop = new();
        private Thread? _thread;
        private volatile Exception? _error;
        private long _lineNumber;

        public override void Start()
        {
            _thread = new Thread(ReadLoop) { IsBackground = true, Name = $"Flinq example reader {source._name}" };
            _thread.Start();
        }

        public override InputStatus PollNext(SourceOutput<T> output)
        {
            for (int n = 0; n < BatchSize; n++)
            {
                if (!_lines.TryTake(out var line))
                {
                    if (_error is { } error)
                    {
                        throw new IOException($"Reading {source._name} failed: {error.Message}", error);
                    }

                    return _lines.IsCompleted && !source._stayOpen ? InputStatus.EndOfInput : InputStatus.NothingAvailable;
                }

                _lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                T value;
                try
                {
                    value = source._parse(line);
                }
                catch (Exception e) when (e is FormatException or ArgumentException)
                {
                    output.Output(source._badRecords, new BadRecord(source._name, _lineNumber, line, e.Message));
                    continue;
                }

                output.Collect(value);
            }

            return InputStatus.MoreAvailable;
        }

        private void ReadLoop()
        {
            try
            {
                using var reader = source._open();
                while (reader.ReadLine() is { } line)
                {
                    _lines.Add(line, _stop.Token);
                    context.SignalAvailable();
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                _error = e;
            }
            finally
            {
                _lines.CompleteAdding();
                context.SignalAvailable();
            }
        }

        protected override void Dispose(bool disposing)
        {
            _stop.Cancel();
            // A thread blocked in Console.In.ReadLine cannot be interrupted; it is a background thread.
            _thread?.Join(TimeSpan.FromSeconds(1));
            _stop.Dispose();
            base.Dispose(disposing);
        }
    }
}
