namespace Flinq.Monitor.Ingest;

/// <summary>Accumulates counts and the first errors while a decoder runs. One per decode call.</summary>
internal sealed class IngestResultBuilder
{
    private readonly int _maxErrors;
    private List<IngestError>? _errors;

    public IngestResultBuilder(int maxErrors) => _maxErrors = maxErrors;

    public int Accepted { get; private set; }

    public int Rejected { get; private set; }

    public int Dropped { get; private set; }

    public void Accept(int count = 1) => Accepted += count;

    public void Reject(IngestError error, int count = 1)
    {
        Rejected += count;
        Record(error);
    }

    public void Drop(IngestError error, int count = 1)
    {
        Dropped += count;
        Record(error with { Outcome = IngestOutcome.Dropped });
    }

    /// <summary>Counts a drop without a message (e.g. staleness markers, which are routine).</summary>
    public void DropSilently(int count = 1) => Dropped += count;

    private void Record(IngestError error)
    {
        _errors ??= [];
        if (_errors.Count < _maxErrors)
        {
            _errors.Add(error);
        }
    }

    public IngestResult Build() => new(Accepted, Rejected, Dropped, (IReadOnlyList<IngestError>?)_errors ?? [], null);

    public static IngestResult BodyFailure(IngestError error) => new(0, 0, 0, [error], error);
}
