using Flinq.Cep.Nfa;
using Flinq.Cep.Patterns;

namespace Flinq.Cep.Tests.Nfa;

/// <summary>Feeds named events ("a", "b1", ...; timestamp = position unless given) through a compiled NFA, on one key.</summary>
internal sealed class NfaRunner : NfaProcessor<string>.ICollector
{
    private readonly NfaProcessor<string> _processor;
    private readonly NfaKeyState<string> _state;
    private readonly TimeoutCollector _timeouts = new();

    private readonly bool _named;

    public NfaRunner(Pattern<string> pattern, bool named = false)
    {
        _named = named;
        _processor = new NfaProcessor<string>(NfaCompiler<string>.Compile(pattern));
        _state = _processor.CreateInitialState();
    }

    public List<string> Matches { get; } = new();

    public List<string> TimedOut => _timeouts.Items;

    public NfaKeyState<string> State => _state;

    /// <summary>Runs the events and returns every match as its events joined by spaces, in pattern order.</summary>
    public static List<string> Run(Pattern<string> pattern, string events) => Run(pattern, events, named: false);

    /// <summary>As <see cref="Run(Pattern{string}, string)"/>; with <paramref name="named"/>, each event is printed as element=event.</summary>
    public static List<string> Run(Pattern<string> pattern, string events, bool named)
    {
        var runner = new NfaRunner(pattern, named);
        long t = 0;
        foreach (var e in events.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            runner.Feed(e, t++);
        }

        return runner.Matches;
    }

    public void Feed(string value, long timestamp) => _processor.Process(_state, value, timestamp, this, _timeouts);

    public void AdvanceTime(long timestamp) => _processor.AdvanceTime(_state, timestamp, this, _timeouts);

    public void Collect(IReadOnlyDictionary<string, IReadOnlyList<string>> match, long timestamp) =>
        Matches.Add(_named
            ? string.Join(' ', match.SelectMany(kv => kv.Value.Select(e => kv.Key + "=" + e)))
            : string.Join(' ', match.Values.SelectMany(v => v)));

    /// <summary>Condition: the event's name starts with <paramref name="letter"/>.</summary>
    public static Func<string, bool> Is(char letter) => e => e[0] == letter;

    private sealed class TimeoutCollector : NfaProcessor<string>.ICollector
    {
        public List<string> Items { get; } = new();

        public void Collect(IReadOnlyDictionary<string, IReadOnlyList<string>> match, long timestamp) =>
            Items.Add(string.Join(' ', match.Values.SelectMany(v => v)) + "@" + timestamp);
    }
}
