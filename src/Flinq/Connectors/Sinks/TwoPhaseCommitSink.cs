using Flinq.Serialization;
using Flinq.Time;

namespace Flinq.Connectors.Sinks;

/// <summary>
/// Base of exactly-once sinks (Flink's <c>TwoPhaseCommitSinkFunction</c>). Records go into a transaction; when a
/// checkpoint barrier reaches the sink, the transaction is pre-committed (made durable but not visible), stored in
/// the checkpoint, and a new one begins; when the checkpoint completes, its transactions are committed. After a
/// failure the job restores the newest complete checkpoint: its pre-committed transactions are committed (again —
/// <see cref="Commit"/> must be idempotent) and <see cref="AbortLingering"/> removes what later attempts left behind.
/// At the end of a bounded input everything is committed.
/// </summary>
/// <typeparam name="T">The records.</typeparam>
/// <typeparam name="TTransaction">
/// A transaction handle, stored in checkpoints with the job's serializers (a record type is stored as JSON).
/// </typeparam>
public abstract class TwoPhaseCommitSink<T, TTransaction> : Sink<T>
    where TTransaction : notnull
{
    /// <summary>Starts a transaction for instance <paramref name="context"/>.</summary>
    protected abstract TTransaction BeginTransaction(SinkContext context);

    /// <summary>Writes a record into a transaction.</summary>
    protected abstract void Write(TTransaction transaction, T value, Timestamp timestamp);

    /// <summary>Makes a transaction durable (it must survive a crash) without making it visible.</summary>
    protected abstract void PreCommit(TTransaction transaction);

    /// <summary>Makes a pre-committed transaction visible. Idempotent: after recovery it may run for a committed one.</summary>
    protected abstract void Commit(TTransaction transaction);

    /// <summary>Discards a transaction that will never be committed.</summary>
    protected abstract void Abort(TTransaction transaction);

    /// <summary>
    /// Called once when an instance starts, after the restored transactions are committed: discard whatever earlier
    /// runs of this instance — and, after rescaling, of the old instances whose index modulo the new parallelism is
    /// this instance's index — left uncommitted.
    /// </summary>
    protected virtual void AbortLingering(SinkContext context)
    {
    }

    /// <inheritdoc />
    public sealed override SinkWriter<T> CreateWriter(SinkContext context) => new TransactionalWriter(this, context);

    private sealed class TransactionalWriter : SinkWriter<T>
    {
        private readonly TwoPhaseCommitSink<T, TTransaction> _sink;
        private readonly SinkContext _context;
        private readonly TypeSerializer<TTransaction> _serializer;
        private readonly List<(long CheckpointId, TTransaction Transaction)> _pending = new();
        private TTransaction? _current;

        public TransactionalWriter(TwoPhaseCommitSink<T, TTransaction> sink, SinkContext context)
        {
            _sink = sink;
            _context = context;
            _serializer = context.Serializers.Get<TTransaction>();
            // Commit what the restored (complete) checkpoint pre-committed — for the old instances this one takes
            // over — before discarding their leftovers, so the two never race between instances.
            foreach (var item in context.RestoredState ?? [])
            {
                var reader = new StateReader(item);
                int version = (int)reader.ReadVarUInt64();
                reader.ReadVarInt64(); // the checkpoint id
                int owner = (int)reader.ReadVarUInt64();
                if (owner % context.Parallelism == context.SubtaskIndex)
                {
                    sink.Commit(_serializer.Deserialize(reader, version));
                }
            }

            sink.AbortLingering(context);
            _current = sink.BeginTransaction(context);
        }

        public override void Write(T value, Timestamp timestamp) => _sink.Write(_current!, value, timestamp);

        public override IReadOnlyList<byte[]> SnapshotState(long checkpointId)
        {
            _sink.PreCommit(_current!);
            _pending.Add((checkpointId, _current!));
            _current = _sink.BeginTransaction(_context);
            var state = new byte[_pending.Count][];
            for (int i = 0; i < _pending.Count; i++)
            {
                var writer = new StateWriter();
                writer.WriteVarUInt64((ulong)_serializer.Version);
                writer.WriteVarInt64(_pending[i].CheckpointId);
                writer.WriteVarUInt64((ulong)_context.SubtaskIndex);
                _serializer.Serialize(_pending[i].Transaction, writer);
                state[i] = writer.ToArray();
            }

            return state;
        }

        public override void NotifyCheckpointComplete(long checkpointId)
        {
            int committed = 0;
            foreach (var (id, transaction) in _pending)
            {
                if (id > checkpointId)
                {
                    break;
                }

                _sink.Commit(transaction);
                committed++;
            }

            _pending.RemoveRange(0, committed);
        }

        public override void Flush(bool endOfInput)
        {
            if (!endOfInput)
            {
                return;
            }

            // The input is complete: nothing can be replayed any more, so everything becomes visible.
            foreach (var (_, transaction) in _pending)
            {
                _sink.Commit(transaction);
            }

            _pending.Clear();
            _sink.PreCommit(_current!);
            _sink.Commit(_current!);
            _current = default;
        }

        protected override void Dispose(bool disposing)
        {
            // Failure or cancellation: the open transaction is lost; pre-committed ones stay for recovery.
            if (_current is not null)
            {
                _sink.Abort(_current);
                _current = default;
            }

            base.Dispose(disposing);
        }
    }
}
