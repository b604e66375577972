using System.Text;

namespace Flinq.Connectors.Sources;

/// <summary>
/// Reads UTF-8 lines from a file and knows the byte offset of the next line, so a reader can resume at a line
/// boundary. Lines end at '\n'; a trailing '\r' is dropped; a UTF-8 byte order mark at the start is skipped.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private readonly FileStream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    public Utf8LineReader(string path, long offset)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        _stream.Seek(offset, SeekOrigin.Begin);
        Offset = offset;
        if (offset == 0)
        {
            Fill();
            if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF)
            {
                _start += 3;
                Offset = 3;
            }
        }
    }

    /// <summary>The byte offset of the next line.</summary>
    public long Offset { get; private set; }

    public string? ReadLine()
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                string line = Decode(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                Offset += newline + 1;
                return line;
            }

            if (_eof)
            {
                if (_end == _start)
                {
                    return null;
                }

                string last = Decode(_buffer.AsSpan(_start, _end - _start));
                Offset += _end - _start;
                _start = _end;
                return last;
            }

            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2); // a line longer than the buffer
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
