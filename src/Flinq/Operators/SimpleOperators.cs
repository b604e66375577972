using Flinq.Functions;
using Flinq.Time;

namespace Flinq.Operators;

/// <summary>Applies a function to every record.</summary>
internal sealed class MapOperator<TIn, TOut> : OneInputOperator<TIn, TOut>
{
    private readonly Func<TIn, TOut> _mapper;

    public MapOperator(Func<TIn, TOut> mapper) => _mapper = mapper;

    public override void ProcessElement(TIn value, Timestamp timestamp)
    {
        try
        {
            Output.ProcessElement(_mapper(value), timestamp);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }
}

/// <summary>Keeps the records for which a predicate holds.</summary>
internal sealed class FilterOperator<T> : OneInputOperator<T, T>
{
    private readonly Func<T, bool> _predicate;

    public FilterOperator(Func<T, bool> predicate) => _predicate = predicate;

    public override void ProcessElement(T value, Timestamp timestamp)
    {
        try
        {
            if (_predicate(value))
            {
                Output.ProcessElement(value, timestamp);
            }
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }
}

/// <summary>Emits zero or more records per record through a collector.</summary>
internal sealed class FlatMapOperator<TIn, TOut> : OneInputOperator<TIn, TOut>
{
    private readonly Action<TIn, ICollector<TOut>> _flatMapper;
    private TimestampedCollector<TOut> _collector = null!;

    public FlatMapOperator(Action<TIn, ICollector<TOut>> flatMapper) => _flatMapper = flatMapper;

    public override void Open() => _collector = new TimestampedCollector<TOut>(Output);

    public override void ProcessElement(TIn value, Timestamp timestamp)
    {
        _collector.Timestamp = timestamp;
        try
        {
            _flatMapper(value, _collector);
        }
        catch (Exception e) when (OperatorErrors.Tag(e, Name))
        {
            throw;
        }
    }
}
