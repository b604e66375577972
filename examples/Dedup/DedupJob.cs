using Flinq.Functions;
using Flinq.State;

namespace Flinq.Examples.Dedup;

/// <summary>Drops records whose id was already seen within a time-to-live, with keyed state TTL.</summary>
public static class DedupJob
{
    /// <summary>
    /// Builds the job on <paramref name="records"/>: per id, the first record passes and any record with the
    /// same id within <paramref name="ttl"/> of processing time after it is dropped. The "seen" flag is a
    /// <see cref="ValueState{T}"/> with <see cref="StateTtlConfig"/> (<see cref="TtlUpdateType.OnCreateAndWrite"/>,
    /// never returning expired values): it is written only by the first record, so the window is measured from
    /// the first occurrence — a duplicate does not extend it — and after it expires the id passes again, once.
    /// Expired flags are removed when touched, by incremental cleanup, and at snapshots.
    /// </summary>
    public static DataStream<KeyedRecord> Build(DataStream<KeyedRecord> records, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        return records
            .KeyBy(r => r.Id)
            .Process(new FirstWithinTtl(ttl))
            .Name("Dedup");
    }

    private sealed class FirstWithinTtl(TimeSpan ttl) : KeyedProcessFunction<string, KeyedRecord, KeyedRecord>
    {
        private ValueState<bool> _seen = null!;

        public override void Open()
        {
            var descriptor = new ValueStateDescriptor<bool>("seen");
            descriptor.EnableTimeToLive(new StateTtlConfig(ttl)
            {
                UpdateType = TtlUpdateType.OnCreateAndWrite,
                Visibility = TtlStateVisibility.NeverReturnExpired,
            });
            _seen = RuntimeContext.GetState(descriptor);
        }

        public override void ProcessElement(KeyedRecord value, IKeyedProcessContext<string> context, ICollector<KeyedRecord> output)
        {
            ArgumentNullException.ThrowIfNull(output);
            if (_seen.HasValue)
            {
                return;
            }

            _seen.Update(true);
            output.Collect(value);
        }
    }
}
