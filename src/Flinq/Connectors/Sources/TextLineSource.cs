using System.Text;

namespace Flinq.Connectors.Sources;

/// <summary>
/// Reads text files line by line and parses each line. A directory's files are read in name order and
/// spread over the parallel instances (file i goes to instance i mod p). Each file is a split: under a
/// watermark strategy it has its own watermark generator while it is read. A parse failure fails the job with
/// the file and line, unless bad records go to a side output.
/// </summary>
internal sealed class TextLineSource<T> : Source<T>
{
    private readonly string _path;
    private readonly Func<string, T> _parse;
    private readonly OutputTag<BadRecord>? _badRecords;

    public TextLineSource(string path, Func<string, T> parse, OutputTag<BadRecord>? badRecords)
    {
        _path = path;
        _parse = parse;
        _badRecords = badRecords;
    }

    public override bool IsBounded => true;

    public override SourceReader<T> CreateReader(SourceReaderContext context)
    {
        string[] files;
        if (Directory.Exists(_path))
        {
            files = Directory.GetFiles(_path).Order(StringComparer.Ordinal).ToArray();
        }
        else if (File.Exists(_path))
        {
            files = [_path];
        }
        else
        {
            throw new FileNotFoundException($"Input path '{_path}' does not exist.", _path);
        }

        var mine = files.Where((_, i) => i % context.Parallelism == context.SubtaskIndex).ToArray();
        return new Reader(this, mine);
    }

    private sealed class Reader(TextLineSource<T> source, string[] files) : SourceReader<T>
    {
        private const int BatchSize = 1024;
        private int _fileIndex = -1;
        private StreamReader? _reader;
        private long _line;
        private SourceOutput<T>? _split;

        public override InputStatus PollNext(SourceOutput<T> output)
        {
            for (int n = 0; n < BatchSize; n++)
            {
                if (_reader is null)
                {
                    if (!OpenNextFile())
                    {
                        return InputStatus.EndOfInput;
                    }

                    _split = output.ForSplit(files[_fileIndex]);
                }

                string? text = _reader!.ReadLine();
                if (text is null)
                {
                    _reader.Dispose();
                    _reader = null;
                    output.ReleaseSplit(files[_fileIndex]);
                    continue;
                }

                _line++;
                Emit(_split!, text);
            }

            return InputStatus.MoreAvailable;
        }

        private void Emit(SourceOutput<T> output, string text)
        {
            T value;
            try
            {
                value = source._parse(text);
            }
            catch (Exception e)
            {
                if (source._badRecords is null)
                {
                    throw new RecordParseException(files[_fileIndex], _line, text, e);
                }

                output.Output(source._badRecords, new BadRecord(files[_fileIndex], _line, text, e.Message));
                return;
            }

            output.Collect(value);
        }

        private bool OpenNextFile()
        {
            if (++_fileIndex >= files.Length)
            {
                return false;
            }

            _reader = new StreamReader(files[_fileIndex], Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            _line = 0;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            _reader?.Dispose();
            base.Dispose(disposing);
        }
    }
}
