namespace Flinq.Monitor.Ingest;

/// <summary>What happened to the item an <see cref="IngestError"/> describes.</summary>
public enum IngestOutcome
{
    /// <summary>The item was invalid and is counted in <see cref="IngestResult.Rejected"/>.</summary>
    Rejected = 0,

    /// <summary>A value was valid but discarded by policy and is counted in <see cref="IngestResult.Dropped"/>.</summary>
    Dropped = 1,
}
