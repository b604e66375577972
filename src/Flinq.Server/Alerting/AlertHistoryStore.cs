using System.Text.Json;
using DuckDB.NET.Data;
using Flinq.Monitor.Alerting;
using Flinq.Monitor.Telemetry;
using Flinq.Server.Storage;
using Flinq.Time;

namespace Flinq.Server.Alerting;

/// <summary>
/// The <c>alert_history</c> table in the server's DuckDB file: one row per alert state transition (re-sends of a
/// firing alert are not rows), written by <see cref="AlertHistorySink"/> when the checkpoint that covers it completes.
/// Columns: <c>seq</c> (insertion order), <c>txn</c> (the sink transaction, for idempotent commits), <c>ts</c> (ms),
/// <c>fingerprint</c> (16 hex digits), <c>rule</c>, <c>labels</c> and <c>annotations</c> (JSON), <c>from_state</c>,
/// <c>to_state</c>, <c>value</c>, <c>active_at</c>, <c>fired_at</c> (ms or null).
/// </summary>
internal sealed class AlertHistoryStore
{
    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS alert_history (seq BIGINT, txn BIGINT, ts BIGINT, fingerprint VARCHAR, rule VARCHAR, labels VARCHAR,
          annotations VARCHAR, from_state VARCHAR, to_state VARCHAR, value DOUBLE, active_at BIGINT, fired_at BIGINT);
        """;

    private readonly TelemetryStore _store;

    public AlertHistoryStore(TelemetryStore store)
    {
        _store = store;
        using var connection = store.OpenReader();
        Execute(connection, CreateSql);
    }

    /// <summary>Opens a connection for one writer (the sink); the caller disposes it.</summary>
    public DuckDBConnection OpenWriter() => _store.OpenReader();

    /// <summary>Writes the transitions of transaction <paramref name="txn"/>, replacing any earlier commit of it (idempotent).</summary>
    public static void Commit(DuckDBConnection connection, long txn, IReadOnlyList<AlertStateChange> changes)
    {
        using var transaction = connection.BeginTransaction();
        using (var delete = connection.CreateCommand())
        {
            delete.CommandText = "DELETE FROM alert_history WHERE txn = $txn";
            delete.Parameters.Add(new DuckDBParameter("txn", txn));
            delete.ExecuteNonQuery();
        }

        using (var appender = connection.CreateAppender("alert_history"))
        {
            long seq = txn * 1_000_000; // txn ids are unix ms: 1.8e18 at most, and a million rows per transaction
            foreach (var c in changes)
            {
                appender.CreateRow().AppendValue(seq++).AppendValue(txn).AppendValue(c.Time.Milliseconds).AppendValue(Alert.FormatFingerprint(c.Fingerprint))
                    .AppendValue(c.Rule).AppendValue(TelemetryStore.LabelsJson(c.Labels)).AppendValue(TelemetryStore.LabelsJson(c.Annotations))
                    .AppendValue(AlertStateChange.Name(c.From)).AppendValue(AlertStateChange.Name(c.To)).AppendValue(c.Value)
                    .AppendValue(Nullable(c.ActiveAt)).AppendValue(Nullable(c.FiredAt)).EndRow();
            }
        }

        transaction.Commit();
    }

    /// <summary>The newest transitions first, within <c>[from, to)</c> (ms), optionally of one rule.</summary>
    public List<AlertStateChange> Query(long from, long to, string? rule, int limit)
    {
        using var connection = _store.OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT ts, rule, labels, annotations, from_state, to_state, value, active_at, fired_at FROM alert_history WHERE ts >= $from AND ts < $to"
            + (rule is null ? string.Empty : " AND rule = $rule") + " ORDER BY seq DESC LIMIT $limit";
        cmd.Parameters.Add(new DuckDBParameter("from", from));
        cmd.Parameters.Add(new DuckDBParameter("to", to));
        if (rule is not null)
        {
            cmd.Parameters.Add(new DuckDBParameter("rule", rule));
        }

        cmd.Parameters.Add(new DuckDBParameter("limit", limit));
        return Read(cmd);
    }

    /// <summary>The last transition of every alert whose last transition left it pending or firing: the view after a restart.</summary>
    public List<AlertStateChange> LoadActive()
    {
        using var connection = _store.OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            SELECT ts, rule, labels, annotations, from_state, to_state, value, active_at, fired_at FROM (
              SELECT *, row_number() OVER (PARTITION BY fingerprint ORDER BY seq DESC) AS rn FROM alert_history)
            WHERE rn = 1 AND to_state IN ('pending', 'firing') ORDER BY seq
            """;
        return Read(cmd);
    }

    private static List<AlertStateChange> Read(DuckDBCommand cmd)
    {
        var result = new List<AlertStateChange>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new AlertStateChange(
                new Timestamp(reader.GetInt64(0)), reader.GetString(1), ParseLabels(reader.GetString(2)), ParseLabels(reader.GetString(3)),
                ParseState(reader.GetString(4)), ParseState(reader.GetString(5)), reader.IsDBNull(6) ? double.NaN : reader.GetDouble(6),
                reader.IsDBNull(7) ? Timestamp.None : new Timestamp(reader.GetInt64(7)), reader.IsDBNull(8) ? Timestamp.None : new Timestamp(reader.GetInt64(8))));
        }

        return result;
    }

    private static long? Nullable(Timestamp t) => t.HasValue ? t.Milliseconds : null;

    private static AlertState ParseState(string name) => name switch
    {
        "pending" => AlertState.Pending,
        "firing" => AlertState.Firing,
        "resolved" => AlertState.Resolved,
        _ => AlertState.Inactive,
    };

    private static Labels ParseLabels(string json)
    {
        using var document = JsonDocument.Parse(json);
        var builder = new LabelsBuilder();
        foreach (var p in document.RootElement.EnumerateObject())
        {
            builder.Set(p.Name, p.Value.GetString() ?? string.Empty);
        }

        return builder.Count == 0 ? Labels.Empty : builder.Build();
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
