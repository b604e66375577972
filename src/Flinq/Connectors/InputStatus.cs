namespace Flinq.Connectors;

/// <summary>Whether a source reader has more records now, later, or never.</summary>
public enum InputStatus
{
    /// <summary>Call <see cref="SourceReader{T}.PollNext"/> again right away.</summary>
    MoreAvailable,

    /// <summary>Nothing now: the reader calls <see cref="SourceReaderContext.SignalAvailable"/> when there is.</summary>
    NothingAvailable,

    /// <summary>The input has ended for good.</summary>
    EndOfInput,
}
