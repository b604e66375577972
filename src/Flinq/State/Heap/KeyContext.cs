using System.Diagnostics.CodeAnalysis;

namespace Flinq.State.Heap;

/// <summary>The key that keyed state and timers currently apply to, set by the operator per record or timer.</summary>
internal sealed class KeyContext<TKey>
    where TKey : notnull
{
    private TKey? _currentKey;
    private bool _hasKey;

    public TKey CurrentKey
    {
        get
        {
            if (!_hasKey)
            {
                ThrowNoKey();
            }

            return _currentKey!;
        }
    }

    public bool HasKey => _hasKey;

    public void SetCurrentKey(TKey key)
    {
        _currentKey = key;
        _hasKey = true;
    }

    public void ClearCurrentKey()
    {
        _currentKey = default;
        _hasKey = false;
    }

    [DoesNotReturn]
    private static void ThrowNoKey() =>
        throw new InvalidOperationException("Keyed state and timers are only available while a keyed record or timer is processed.");
}
