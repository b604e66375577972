using Flinq.Serialization;

namespace Flinq.Connectors.Sources;

/// <summary>Emits the records of an in-memory list, in order, from one instance.</summary>
internal sealed class CollectionSource<T> : Source<T>
{
    private readonly T[] _items;

    public CollectionSource(T[] items) => _items = items;

    public override bool IsBounded => true;

    public override int? MaxParallelism => 1;

    public override SourceReader<T> CreateReader(SourceReaderContext context)
    {
        var reader = new Reader(_items);
        if (context.RestoredSplits is { } splits)
        {
            // One split: the index of the next item. No split means the items were all emitted.
            reader.Next = splits.Count == 0 ? _items.Length : (int)new StateReader(splits[0]).ReadVarUInt64();
        }

        return reader;
    }

    private sealed class Reader(T[] items) : SourceReader<T>
    {
        private const int BatchSize = 1024;
        private int _next;

        public int Next
        {
            set => _next = value;
        }

        public override IReadOnlyList<byte[]> SnapshotState(long checkpointId)
        {
            var writer = new StateWriter(8);
            writer.WriteVarUInt64((ulong)_next);
            return [writer.ToArray()];
        }

        public override InputStatus PollNext(SourceOutput<T> output)
        {
            int end = Math.Min(items.Length, _next + BatchSize);
            for (; _next < end; _next++)
            {
                output.Collect(items[_next]);
            }

            return _next < items.Length ? InputStatus.MoreAvailable : InputStatus.EndOfInput;
        }
    }
}
