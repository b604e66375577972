using Flinq.Serialization;

namespace Flinq.Connectors.Sources;

/// <summary>
/// Reads text files line by line and parses each line. A directory's files (not those whose name starts with '.'
/// or '_') are read in name order and spread
/// over the parallel instances (file i goes to instance i mod p). Each file is a split whose position is a byte
/// offset and a line number, so reading resumes exactly where a checkpoint left it; under a watermark strategy
/// it has its own watermark generator while it is read. A parse failure fails the job with the file and line,
/// unless bad records go to a side output.
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
        if (context.RestoredSplits is { } restored)
        {
            return new Reader(this, restored.Select(FileSplit.Decode).ToList());
        }

        string[] files;
        if (Directory.Exists(_path))
        {
            // Hidden and in-progress files ('.' or '_' first, as Flink's file source skips them) are not input.
            files = Directory.GetFiles(_path)
                .Where(f => Path.GetFileName(f) is var name && !name.StartsWith('.') && !name.StartsWith('_'))
                .Order(StringComparer.Ordinal)
                .ToArray();
        }
        else if (File.Exists(_path))
        {
            files = [_path];
        }
        else
        {
            throw new FileNotFoundException($"Input path '{_path}' does not exist.", _path);
        }

        var mine = files.Where((_, i) => i % context.Parallelism == context.SubtaskIndex).Select(f => new FileSplit(f, 0, 0)).ToList();
        return new Reader(this, mine);
    }

    /// <summary>A file and how far it has been read: the byte offset of the next line and the number of lines read.</summary>
    private sealed record FileSplit(string Path, long Offset, long Line)
    {
        public static FileSplit Decode(byte[] bytes)
        {
            var reader = new StateReader(bytes);
            return new FileSplit(reader.ReadString()!, reader.ReadVarInt64(), reader.ReadVarInt64());
        }

        public byte[] Encode()
        {
            var writer = new StateWriter();
            writer.WriteString(Path);
            writer.WriteVarInt64(Offset);
            writer.WriteVarInt64(Line);
            return writer.ToArray();
        }
    }

    private sealed class Reader(TextLineSource<T> source, List<FileSplit> splits) : SourceReader<T>
    {
        private const int BatchSize = 1024;
        private Utf8LineReader? _reader;
        private string _file = "";
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

                    _split = output.ForSplit(_file);
                }

                string? text = _reader!.ReadLine();
                if (text is null)
                {
                    _reader.Dispose();
                    _reader = null;
                    splits.RemoveAt(0);
                    output.ReleaseSplit(_file);
                    continue;
                }

                _line++;
                Emit(_split!, text);
            }

            return InputStatus.MoreAvailable;
        }

        public override IReadOnlyList<byte[]> SnapshotState(long checkpointId)
        {
            var state = new List<byte[]>(splits.Count);
            for (int i = 0; i < splits.Count; i++)
            {
                var split = i == 0 && _reader is not null ? splits[0] with { Offset = _reader.Offset, Line = _line } : splits[i];
                state.Add(split.Encode());
            }

            return state;
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
                    throw new RecordParseException(_file, _line, text, e);
                }

                output.Output(source._badRecords, new BadRecord(_file, _line, text, e.Message));
                return;
            }

            output.Collect(value);
        }

        private bool OpenNextFile()
        {
            if (splits.Count == 0)
            {
                return false;
            }

            var split = splits[0];
            if (!File.Exists(split.Path))
            {
                throw new FileNotFoundException($"Input file '{split.Path}' does not exist (any more).", split.Path);
            }

            _reader = new Utf8LineReader(split.Path, split.Offset);
            _file = split.Path;
            _line = split.Line;
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            _reader?.Dispose();
            base.Dispose(disposing);
        }
    }
}
