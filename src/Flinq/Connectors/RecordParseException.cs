namespace Flinq.Connectors;

/// <summary>A source record could not be parsed and the job has no side output for bad records.</summary>
public sealed class RecordParseException : Exception
{
    public RecordParseException(string source, long line, string text, Exception innerException)
        : base($"Cannot parse line {line} of {source}: {innerException.Message} (text: {Truncate(text)})", innerException)
    {
        Source = source;
        Line = line;
        Text = text;
    }

    /// <summary>Where the record came from: a file path, or host:port.</summary>
    public new string Source { get; }

    /// <summary>The 1-based line number.</summary>
    public long Line { get; }

    /// <summary>The raw text of the record.</summary>
    public string Text { get; }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
