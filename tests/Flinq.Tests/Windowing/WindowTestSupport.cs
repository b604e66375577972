using Flinq.Testing;

namespace Flinq.Tests.Windowing;

/// <summary>An event of the hand-checked tables: a key, an event time in seconds, a value.</summary>
internal sealed record Ev(string Key, long Sec, int Value = 1)
{
    public long Ms => Sec * 1000;
}

internal static class WindowTestSupport
{
    public static ScriptStep<Ev> E(string key, long sec, int value = 1) => ScriptStep<Ev>.Record(new Ev(key, sec, value), sec * 1000);

    public static ScriptStep<Ev> Wm(long sec) => ScriptStep<Ev>.Watermark(sec * 1000);

    public static ScriptStep<Ev> WmMs(long ms) => ScriptStep<Ev>.Watermark(ms);

    public static StreamExecutionEnvironment Env(int parallelism = 1) =>
        StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });

    public static Task RunAsync(this StreamExecutionEnvironment env) => env.ExecuteWithTimeoutAsync(TimeSpan.FromSeconds(30));

    /// <summary>Sums values per key and window; emits "key@[startSec,endSec)=sum".</summary>
    public static string Describe(string key, Flinq.Windowing.Windows.TimeWindow window, long sum) =>
        $"{key}@[{window.Start.Milliseconds / 1000},{window.End.Milliseconds / 1000})={sum}";
}
