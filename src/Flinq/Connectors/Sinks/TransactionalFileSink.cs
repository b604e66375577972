using System.Globalization;
using System.Text;
using Flinq.Time;

namespace Flinq.Connectors.Sinks;

/// <summary>
/// An exactly-once sink writing lines into part files in a directory, as Flink's file sink does: each instance
/// writes an in-progress file (<c>.part-N-….inprogress</c>, hidden), renames it to <c>.part-N-….pending</c> when a
/// checkpoint's barrier arrives, and to the visible <c>part-N-…</c> when that checkpoint completes. Readers of the
/// directory should read only visible files (names starting with <c>part-</c>): they then see each record exactly
/// once, whatever failures and restarts happened. Each sink needs a directory of its own: on start it deletes the
/// uncommitted files it finds there.
/// </summary>
public sealed class TransactionalFileSink<T> : TwoPhaseCommitSink<T, TransactionalFileSink<T>.PartFile>
{
    private readonly string _directory;
    private readonly Func<T, string> _format;

    /// <summary>Creates a sink writing <paramref name="format"/>(record) (default <c>ToString()</c>) per line.</summary>
    public TransactionalFileSink(string directory, Func<T, string>? format = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        _format = format ?? (value => value?.ToString() ?? "");
    }

    /// <summary>The visible (committed) part files, in name order.</summary>
    public static IReadOnlyList<string> CommittedFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "part-*").Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <inheritdoc />
    protected override PartFile BeginTransaction(SinkContext context)
    {
        Directory.CreateDirectory(_directory);
        string name = string.Create(CultureInfo.InvariantCulture, $"part-{context.SubtaskIndex}-{Guid.NewGuid():N}");
        var part = new PartFile(name, context.SubtaskIndex);
        _open[part.Name] = new StreamWriter(Path.Combine(_directory, part.InProgressName), append: false, new UTF8Encoding(false), 1 << 16);
        return part;
    }

    /// <inheritdoc />
    protected override void Write(PartFile transaction, T value, Timestamp timestamp) => _open[transaction.Name].WriteLine(_format(value));

    /// <inheritdoc />
    protected override void PreCommit(PartFile transaction)
    {
        if (_open.Remove(transaction.Name, out var writer))
        {
            writer.Flush();
            ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
            writer.Dispose();
            File.Move(Path.Combine(_directory, transaction.InProgressName), Path.Combine(_directory, transaction.PendingName), overwrite: true);
        }
    }

    /// <inheritdoc />
    protected override void Commit(PartFile transaction)
    {
        string pending = Path.Combine(_directory, transaction.PendingName);
        string final = Path.Combine(_directory, transaction.Name);
        if (File.Exists(pending))
        {
            File.Move(pending, final, overwrite: true);
        }
        else if (!File.Exists(final))
        {
            throw new IOException($"Cannot commit part file '{transaction.Name}': neither its pending nor its committed file exists in '{_directory}'.");
        }
    }

    /// <inheritdoc />
    protected override void Abort(PartFile transaction)
    {
        if (_open.Remove(transaction.Name, out var writer))
        {
            writer.Dispose();
        }

        File.Delete(Path.Combine(_directory, transaction.InProgressName));
        File.Delete(Path.Combine(_directory, transaction.PendingName));
    }

    /// <inheritdoc />
    protected override void AbortLingering(SinkContext context)
    {
        if (!Directory.Exists(_directory))
        {
            return;
        }

        // Uncommitted files of this instance's earlier runs, and of old instances it took over after rescaling.
        foreach (string path in Directory.GetFiles(_directory, ".part-*"))
        {
            string name = Path.GetFileName(path);
            if ((name.EndsWith(".inprogress", StringComparison.Ordinal) || name.EndsWith(".pending", StringComparison.Ordinal))
                && PartFile.OwnerOf(name) is { } owner && owner % context.Parallelism == context.SubtaskIndex)
            {
                File.Delete(path);
            }
        }
    }

    // Open writers per part file; sink writers of one job share this sink object, each touching only its own files.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StreamWriter> _open = new();

    /// <summary>A part file: the transaction of <see cref="TransactionalFileSink{T}"/>.</summary>
    /// <param name="Name">The committed file name, <c>part-{subtask}-{id}</c>.</param>
    /// <param name="Subtask">The instance that wrote it.</param>
    public sealed record PartFile(string Name, int Subtask)
    {
        internal string InProgressName => "." + Name + ".inprogress";

        internal string PendingName => "." + Name + ".pending";

        internal static int? OwnerOf(string hiddenName)
        {
            // ".part-{subtask}-{id}.{state}"
            var parts = hiddenName.Split('-');
            return parts.Length >= 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int owner) ? owner : null;
        }
    }
}
