using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace Flinq.Connectors.Sources;

/// <summary>
/// Reads lines from a TCP server (Flink's <c>socketTextStream</c>). A background thread reads the socket into
/// a bounded queue — a full queue stops reading, so TCP pushes back on the sender — and wakes the task.
/// Ends when the server closes the connection. Non-parallel.
/// </summary>
internal sealed class SocketTextSource : Source<string>
{
    private readonly string _host;
    private readonly int _port;

    public SocketTextSource(string host, int port)
    {
        _host = host;
        _port = port;
    }

    public override bool IsBounded => false;

    public override int? MaxParallelism => 1;

    public override SourceReader<string> CreateReader(SourceReaderContext context) => new Reader(_host, _port, context);

    private sealed class Reader : SourceReader<string>
    {
        private const int BatchSize = 1024;
        private readonly string _host;
        private readonly int _port;
        private readonly SourceReaderContext _context;
        private readonly BlockingCollection<string> _lines = new(boundedCapacity: 16 * 1024);
        private readonly CancellationTokenSource _stop = new();
        private TcpClient? _client;
        private Thread? _thread;
        private volatile Exception? _error;

        public Reader(string host, int port, SourceReaderContext context)
        {
            _host = host;
            _port = port;
            _context = context;
        }

        public override void Start()
        {
            _thread = new Thread(ReadLoop) { IsBackground = true, Name = $"Flinq socket reader {_host}:{_port}" };
            _thread.Start();
        }

        public override InputStatus PollNext(SourceOutput<string> output)
        {
            for (int n = 0; n < BatchSize; n++)
            {
                if (!_lines.TryTake(out var line))
                {
                    if (_error is { } error)
                    {
                        throw new IOException($"Reading from socket {_host}:{_port} failed: {error.Message}", error);
                    }

                    return _lines.IsCompleted ? InputStatus.EndOfInput : InputStatus.NothingAvailable;
                }

                output.Collect(line);
            }

            return InputStatus.MoreAvailable;
        }

        private void ReadLoop()
        {
            try
            {
                _client = new TcpClient();
                _client.Connect(_host, _port);
                using var reader = new StreamReader(_client.GetStream(), Encoding.UTF8);
                while (reader.ReadLine() is { } line)
                {
                    _lines.Add(line, _stop.Token);
                    _context.SignalAvailable();
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                _error = e;
            }
            catch (Exception)
            {
                // Reading ends because the reader is disposed: the socket was closed under it.
            }
            finally
            {
                _lines.CompleteAdding();
                _context.SignalAvailable();
            }
        }

        protected override void Dispose(bool disposing)
        {
            _stop.Cancel();
            _client?.Dispose();
            _thread?.Join(TimeSpan.FromSeconds(5));
            _stop.Dispose();
            _lines.Dispose();
            base.Dispose(disposing);
        }
    }
}
