using Flinq.State;
using Flinq.State.Heap;
using Flinq.Time;
using Flinq.Windowing.Triggers;

namespace Flinq.Operators.Windowing;

internal sealed partial class WindowOperator<TKey, TIn, TAcc, TOut, TWindow, TContents>
{
    /// <summary>The trigger's view of the operator, scoped to the current key and <see cref="Window"/>.</summary>
    private sealed class TriggerContext : IOnMergeContext
    {
        private const string StatePrefix = "trigger/";
        private readonly WindowOperator<TKey, TIn, TAcc, TOut, TWindow, TContents> _operator;
        private readonly Dictionary<string, object> _states = new(StringComparer.Ordinal);

        public TriggerContext(WindowOperator<TKey, TIn, TAcc, TOut, TWindow, TContents> op) => _operator = op;

        public TWindow Window { get; set; } = default!;

        public IReadOnlyList<TWindow> MergedWindows { get; set; } = [];

        public Timestamp CurrentProcessingTime => _operator.CurrentProcessingTime;

        public Watermark CurrentWatermark => _operator._timers.CurrentWatermark;

        public void RegisterEventTimeTimer(Timestamp time) => _operator._timers.RegisterEventTimeTimer(Window, time.Milliseconds);

        public void RegisterProcessingTimeTimer(Timestamp time) => _operator._timers.RegisterProcessingTimeTimer(Window, time.Milliseconds);

        public void DeleteEventTimeTimer(Timestamp time) => _operator._timers.DeleteEventTimeTimer(Window, time.Milliseconds);

        public void DeleteProcessingTimeTimer(Timestamp time) => _operator._timers.DeleteProcessingTimeTimer(Window, time.Milliseconds);

        public ValueState<T> GetPartitionedState<T>(ValueStateDescriptor<T> descriptor)
        {
            ArgumentNullException.ThrowIfNull(descriptor);
            if (!_states.TryGetValue(descriptor.Name, out var existing))
            {
                existing = new HeapValueState<TKey, TWindow, T>(_operator._keyContext, Table<T>(descriptor));
                _states.Add(descriptor.Name, existing);
            }

            var state = existing as HeapValueState<TKey, TWindow, T>
                ?? throw new InvalidOperationException($"Trigger state '{descriptor.Name}' was registered with another type.");
            state.CurrentNamespace = Window;
            return state;
        }

        public void MergePartitionedState<T>(ValueStateDescriptor<T> descriptor, Func<T, T, T> merge)
        {
            ArgumentNullException.ThrowIfNull(descriptor);
            ArgumentNullException.ThrowIfNull(merge);
            var table = Table<T>(descriptor);
            var key = _operator._keyContext.CurrentKey;
            bool hasMerged = false;
            T merged = default!;
            foreach (var source in MergedWindows)
            {
                if (table.TryGetValue(key, source, out var value))
                {
                    table.Remove(key, source);
                    merged = hasMerged ? merge(merged, value) : value;
                    hasMerged = true;
                }
            }

            if (hasMerged)
            {
                table.Set(key, Window, table.TryGetValue(key, Window, out var existing) ? merge(existing, merged) : merged);
            }
        }

        private StateTable<TKey, TWindow, T> Table<T>(ValueStateDescriptor<T> descriptor) =>
            _operator.KeyedState.GetOrCreateTable<TWindow, T>(StatePrefix + descriptor.Name);
    }

    /// <summary>The window function's and evictor's view of the operator.</summary>
    private sealed class ProcessContext : WindowProcessContext<TWindow>
    {
        private const string StatePrefix = "window-state/";
        private readonly WindowOperator<TKey, TIn, TAcc, TOut, TWindow, TContents> _operator;
        private readonly Dictionary<string, object> _windowStates = new(StringComparer.Ordinal);

        public ProcessContext(WindowOperator<TKey, TIn, TAcc, TOut, TWindow, TContents> op) => _operator = op;

        public override Watermark CurrentWatermark => _operator._timers.CurrentWatermark;

        public override Timestamp CurrentProcessingTime => _operator.CurrentProcessingTime;

        public override ValueState<T> WindowState<T>(ValueStateDescriptor<T> descriptor)
        {
            ArgumentNullException.ThrowIfNull(descriptor);
            if (!_windowStates.TryGetValue(descriptor.Name, out var existing))
            {
                var table = _operator.KeyedState.GetOrCreateTable<TWindow, T>(StatePrefix + descriptor.Name);
                existing = new HeapValueState<TKey, TWindow, T>(_operator._keyContext, table);
                _windowStates.Add(descriptor.Name, existing);
            }

            var state = existing as HeapValueState<TKey, TWindow, T>
                ?? throw new InvalidOperationException($"Window state '{descriptor.Name}' was registered with another type.");
            state.CurrentNamespace = Window;
            return state;
        }

        public override ValueState<T> GlobalState<T>(ValueStateDescriptor<T> descriptor)
        {
            ArgumentNullException.ThrowIfNull(descriptor);
            return _operator.KeyedState.GetValueState(descriptor);
        }

        public override void Output<TSide>(OutputTag<TSide> tag, TSide value)
        {
            ArgumentNullException.ThrowIfNull(tag);
            _operator.Context.GetSideOutput(tag)?.ProcessElement(value, Window.MaxTimestamp);
        }
    }
}
