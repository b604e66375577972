namespace Flinq.Connectors.Sources;

/// <summary>Emits the records of an in-memory list, in order, from one instance.</summary>
internal sealed class CollectionSource<T> : Source<T>
{
    private readonly T[] _items;

    public CollectionSource(T[] items) => _items = items;

    public override bool IsBounded => true;

    public override int? MaxParallelism => 1;

    public override SourceReader<T> CreateReader(SourceReaderContext context) => new Reader(_items);

    private sealed class Reader(T[] items) : SourceReader<T>
    {
        private const int BatchSize = 1024;
        private int _next;

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
