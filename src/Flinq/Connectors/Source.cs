namespace Flinq.Connectors;

/// <summary>
/// A source of records (Flink's FLIP-27 <c>Source</c>): describes the data and creates one
/// <see cref="SourceReader{T}"/> per parallel instance. Implementations must be safe to share between
/// instances; per-instance state belongs in the reader.
/// </summary>
public abstract class Source<T>
{
    /// <summary>Whether the source ends by itself. A bounded source ends its job when read completely.</summary>
    public abstract bool IsBounded { get; }

    /// <summary>
    /// The only parallelism this source supports (1 for a socket or a collection), or null when any
    /// parallelism works.
    /// </summary>
    public virtual int? MaxParallelism => null;

    /// <summary>Creates the reader of one parallel instance.</summary>
    public abstract SourceReader<T> CreateReader(SourceReaderContext context);
}
