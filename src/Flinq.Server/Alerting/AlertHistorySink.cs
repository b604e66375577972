using DuckDB.NET.Data;
using Flinq.Connectors;
using Flinq.Connectors.Sinks;
using Flinq.Monitor.Alerting;
using Flinq.Serialization;
using Flinq.Time;

namespace Flinq.Server.Alerting;

/// <summary>
/// The sink of the lifecycle's state changes: updates the in-memory <see cref="AlertStateView"/> at once, and appends the
/// transitions to <c>alert_history</c> exactly once — the changes of one checkpoint interval are one transaction, stored
/// in the checkpoint and committed (idempotently, by transaction id) when it completes. So the history never holds a
/// transition that the restored lifecycle state would make again after a crash. Re-sends (<c>From == To</c>) update the
/// view only.
/// </summary>
internal sealed class AlertHistorySink : TwoPhaseCommitSink<AlertStateChange, AlertHistoryTransaction>
{
    private readonly AlertHistoryStore _store;
    private readonly AlertStateView _view;
    private readonly TimeProvider _time;
    private DuckDBConnection? _connection;
    private long _lastId;

    public AlertHistorySink(AlertHistoryStore store, AlertStateView view, TimeProvider time)
    {
        _store = store;
        _view = view;
        _time = time;
    }

    protected override AlertHistoryTransaction BeginTransaction(SinkContext context)
    {
        _lastId = Math.Max(_lastId + 1, _time.GetUtcNow().ToUnixTimeMilliseconds());
        return new AlertHistoryTransaction(_lastId, []);
    }

    protected override void Write(AlertHistoryTransaction transaction, AlertStateChange value, Timestamp timestamp)
    {
        _view.Apply(value);
        if (!value.IsUpdate)
        {
            transaction.Changes.Add(value);
        }
    }

    protected override void PreCommit(AlertHistoryTransaction transaction)
    {
        // Durable through the checkpoint, which stores the transaction's changes.
    }

    protected override void Commit(AlertHistoryTransaction transaction)
    {
        if (transaction.Changes.Count == 0)
        {
            return;
        }

        _connection ??= _store.OpenWriter();
        AlertHistoryStore.Commit(_connection, transaction.Id, transaction.Changes);
    }

    protected override void Abort(AlertHistoryTransaction transaction)
    {
    }
}

/// <summary>The history rows of one checkpoint interval.</summary>
internal sealed record AlertHistoryTransaction(long Id, List<AlertStateChange> Changes);

/// <summary>Checkpoint format of <see cref="AlertHistoryTransaction"/> (its changes with their binary serializer).</summary>
internal sealed class AlertHistoryTransactionSerializer(TypeSerializer<AlertStateChange> changes) : TypeSerializer<AlertHistoryTransaction>
{
    public override void Serialize(AlertHistoryTransaction value, StateWriter writer)
    {
        writer.WriteVarInt64(value.Id);
        writer.WriteVarUInt64((ulong)value.Changes.Count);
        foreach (var change in value.Changes)
        {
            changes.Serialize(change, writer);
        }
    }

    public override AlertHistoryTransaction Deserialize(StateReader reader)
    {
        long id = reader.ReadVarInt64();
        int count = reader.ReadLength("history changes");
        var list = new List<AlertStateChange>(count);
        for (int i = 0; i < count; i++)
        {
            list.Add(changes.Deserialize(reader));
        }

        return new AlertHistoryTransaction(id, list);
    }
}
