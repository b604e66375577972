using Flinq.State;
using Flinq.State.Heap;

namespace Flinq.Operators;

/// <summary>
/// The broadcast states of one operator instance, by descriptor name. Only the descriptors declared in
/// <c>Broadcast(...)</c> may be used; each state is created on first use.
/// </summary>
internal sealed class BroadcastStateRegistry
{
    private readonly HashSet<string> _declared;
    private readonly Dictionary<string, object> _states = new(StringComparer.Ordinal);

    public BroadcastStateRegistry(IEnumerable<StateDescriptor> declared) =>
        _declared = new HashSet<string>(declared.Select(d => d.Name), StringComparer.Ordinal);

    public HeapBroadcastState<TKey, TValue> Get<TKey, TValue>(MapStateDescriptor<TKey, TValue> descriptor)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (_states.TryGetValue(descriptor.Name, out var existing))
        {
            return existing as HeapBroadcastState<TKey, TValue>
                ?? throw new InvalidOperationException($"Broadcast state '{descriptor.Name}' is used with different key or value types.");
        }

        if (!_declared.Contains(descriptor.Name))
        {
            throw new InvalidOperationException(
                $"Broadcast state '{descriptor.Name}' was not declared: pass its descriptor to Broadcast(...) (declared: {string.Join(", ", _declared)}).");
        }

        var state = new HeapBroadcastState<TKey, TValue>();
        _states.Add(descriptor.Name, state);
        return state;
    }
}
