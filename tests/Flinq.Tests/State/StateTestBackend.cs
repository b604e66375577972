using Flinq.State.Heap;
using Microsoft.Extensions.Time.Testing;

namespace Flinq.Tests.State;

/// <summary>A heap backend on a fake clock, with a settable current key, for single-threaded state tests.</summary>
internal sealed class StateTestBackend
{
    public StateTestBackend()
    {
        Clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        KeyContext = new KeyContext<string>();
        Backend = new HeapKeyedStateBackend<string>(KeyContext, Clock);
        KeyContext.SetCurrentKey("k");
    }

    public FakeTimeProvider Clock { get; }

    public KeyContext<string> KeyContext { get; }

    public HeapKeyedStateBackend<string> Backend { get; }

    public StateTestBackend Key(string key)
    {
        KeyContext.SetCurrentKey(key);
        return this;
    }

    public void Advance(long milliseconds) => Clock.Advance(TimeSpan.FromMilliseconds(milliseconds));
}
