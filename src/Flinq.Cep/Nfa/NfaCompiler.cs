using Flinq.Cep.Patterns;

namespace Flinq.Cep.Nfa;

/// <summary>
/// Compiles a <see cref="Pattern{T}"/> sequence into NFA states, back to front, as Flink's <c>NFACompiler</c> does:
/// a singleton state per single element, a chain of singleton copies for times(n, m) (the copies past n optional),
/// copies plus a looping state for oneOrMore/timesOrMore, an ignore edge per relaxed contiguity (condition: not the
/// take condition) or non-deterministic contiguity (condition: true), and stop states for negative elements.
/// </summary>
internal sealed partial class NfaCompiler<T>
{
    private readonly List<NfaState<T>> _states = new();
    private readonly Dictionary<string, NfaState<T>> _stopStates = new(StringComparer.Ordinal);
    private List<Pattern<T>> _patterns;
    private int _current;
    private ConsumingStrategy? _groupHeadConsuming; // inside a group: how its head connects to what comes before

    private NfaCompiler(List<Pattern<T>> patterns) => _patterns = patterns;

    private Pattern<T> Current => _patterns[_current];

    private Pattern<T>? Following => _current + 1 < _patterns.Count ? _patterns[_current + 1] : null;

    public static CompiledNfa<T> Compile(Pattern<T> pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var patterns = pattern.ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var positive = new List<string>();
        CheckNames(patterns, names, positive);

        if (pattern.Quantifier.Consuming == ConsumingStrategy.NotFollow && pattern.WindowTime is null)
        {
            throw new NotSupportedException($"A pattern sequence can end with notFollowedBy ('{pattern.Name}') only with within(...): a match is complete when the window passes without such an event.");
        }

        var compiler = new NfaCompiler<T>(patterns);
        var start = compiler.CompileAll();
        long window = pattern.WindowTime is { } w ? (long)w.TotalMilliseconds : 0;
        return new CompiledNfa<T>(compiler._states.ToArray(), start, window, pattern.SkipStrategy, positive.ToArray());
    }

    /// <summary>Names are unique over the elements, the groups' elements included; groups themselves key no events.</summary>
    private static void CheckNames(List<Pattern<T>> patterns, HashSet<string> names, List<string> positive)
    {
        for (int i = 0; i < patterns.Count; i++)
        {
            var p = patterns[i];
            if (p.Group is { } group)
            {
                bool negativeNeighbour = NotFollowedByBefore(patterns, i)
                    || (i + 1 < patterns.Count && patterns[i + 1].Quantifier.Consuming == ConsumingStrategy.NotFollow);
                if (negativeNeighbour)
                {
                    throw new NotSupportedException($"notFollowedBy right before (or before only optional elements before) or right after a group pattern ('{p.Name}') is not supported; put it inside the group.");
                }

                if ((p.Quantifier.Looping || p.Quantifier.IsTimes) && CanMatchNothing(group))
                {
                    // A copy that takes no event would make every number of copies the same match (and a loop endless).
                    throw new NotSupportedException($"Group pattern '{p.Name}' is quantified but can match without taking an event (all its elements are optional); make one of its elements mandatory, or quantify the elements instead.");
                }

                CheckNames(group.ToList(), names, positive);
                continue;
            }

            if (!names.Add(p.Name))
            {
                throw new ArgumentException($"Pattern name '{p.Name}' is used twice; names must be unique within a pattern sequence.", nameof(patterns));
            }

            if (p.Quantifier.Consuming is not (ConsumingStrategy.NotFollow or ConsumingStrategy.NotNext))
            {
                positive.Add(p.Name);
            }
        }
    }

    private NfaState<T> CompileAll()
    {
        var start = CompileAll(NewState("$end$", StateKind.Final));
        start.Kind = StateKind.Start;
        return start;
    }

    /// <summary>The current sequence's states in front of <paramref name="sink"/>, back to front; returns the first element's first state.</summary>
    private NfaState<T> CompileAll(NfaState<T> sink)
    {
        for (_current = _patterns.Count - 1; _current >= 1; _current--)
        {
            switch (Current.Quantifier.Consuming)
            {
                case ConsumingStrategy.NotFollow when sink.IsFinal:
                    sink = CreatePendingNotFollow(); // a trailing notFollowedBy (Flink ≥ 1.16, with within)
                    break;
                case ConsumingStrategy.NotFollow:
                    break; // becomes stop edges of the next positive element's states
                case ConsumingStrategy.NotNext:
                    sink = CreateNotNext(sink);
                    break;
                default:
                    sink = ConvertPattern(sink);
                    break;
            }
        }

        _current = 0;
        return ConvertPattern(sink);
    }

    /// <summary>
    /// A trailing notFollowedBy: a pending state that ignores other events and stops on the negative one; a partial
    /// match still there when the window expires is complete (Flink's <c>State.StateType.Pending</c>).
    /// </summary>
    private NfaState<T> CreatePendingNotFollow()
    {
        var pending = NewState(Current.Name, StateKind.Pending);
        var take = Current.Condition;
        pending.AddProceed(GetStopState(take, Current.Name), take);
        pending.AddIgnore(Conditions.Not(take));
        return pending;
    }

    private NfaState<T> CreateNotNext(NfaState<T> sink)
    {
        var notNext = NewState(Current.Name, StateKind.Normal);
        var take = Current.Condition;
        var stop = GetStopState(take, Current.Name);
        if (sink.IsFinal)
        {
            notNext.AddIgnore(sink, Conditions.Not(take)); // an ignore, so the match completes only once the next event is seen
        }
        else
        {
            notNext.AddProceed(sink, Conditions.Not(take));
        }

        notNext.AddProceed(stop, take);
        return notNext;
    }

    private NfaState<T> ConvertPattern(NfaState<T> sink)
    {
        var q = Current.Quantifier;
        NfaState<T> first;
        if (Current.Group is not null)
        {
            first = ConvertGroup(sink);
        }
        else if (q.Looping)
        {
            var looping = CreateLooping(CopyWithoutTransitiveNots(sink));
            first = CreateTimes(looping, sink, q.From, q.From);
        }
        else if (q.IsTimes)
        {
            first = CreateTimes(sink, sink, q.From, q.To);
        }
        else
        {
            first = CreateSingleton(sink, sink, Current.Condition, OuterIgnore(), q.Optional);
        }

        AddStopStates(first);
        return first;
    }

    private NfaState<T> CreateTimes(NfaState<T> sink, NfaState<T> proceed, int from, int to)
    {
        var take = TakeWithUntil();
        var inner = InnerIgnoreWithUntil();
        var last = sink;
        for (int i = from; i < to; i++)
        {
            last = CreateSingleton(last, proceed, take, inner, optional: true);
            AddStopStateToLooping(last);
        }

        for (int i = 1; i < from; i++)
        {
            last = CreateSingleton(last, null, take, inner, optional: false);
            AddStopStateToLooping(last);
        }

        return CreateSingleton(last, proceed, take, OuterIgnore(), Current.Quantifier.Optional);
    }

    private NfaState<T> CreateSingleton(NfaState<T> sink, NfaState<T>? proceed, Func<T, IPatternContext<T>, bool>? take, IgnoreEdge ignore, bool optional)
    {
        var state = NewState(Current.Name, StateKind.Normal);
        var target = CopyWithoutTransitiveNots(sink);
        state.AddTake(target, take);
        if (optional && proceed is not null)
        {
            state.AddProceed(proceed, Current.Quantifier.Greedy ? Conditions.Not(take) : null);
        }

        if (ignore.Exists)
        {
            NfaState<T> ignoreState = state;
            if (optional)
            {
                // Once an event was ignored here the element is committed: the ignore state cannot skip it any more.
                ignoreState = NewState(Current.Name, StateKind.Normal);
                ignoreState.AddTake(target, take);
                ignoreState.AddIgnore(ignore.Condition);
                AddStopStates(ignoreState);
            }

            state.AddIgnore(ignoreState, ignore.Condition);
        }

        return state;
    }

    private NfaState<T> CreateLooping(NfaState<T> sink)
    {
        var take = TakeWithUntil();
        var ignore = InnerIgnoreWithUntil();
        var looping = NewState(Current.Name, StateKind.Normal);
        looping.AddProceed(sink, Current.Quantifier.Greedy ? Conditions.Not(take) : null);
        looping.AddTake(take);
        AddStopStateToLooping(looping);
        if (ignore.Exists)
        {
            var ignoreState = NewState(Current.Name, StateKind.Normal);
            ignoreState.AddTake(looping, take);
            ignoreState.AddIgnore(ignore.Condition);
            looping.AddIgnore(ignoreState, ignore.Condition);
            AddStopStateToLooping(ignoreState);
        }

        return looping;
    }

    private Func<T, IPatternContext<T>, bool>? TakeWithUntil() =>
        Current.UntilCondition is { } until ? Conditions.And(Current.Condition, Conditions.Not(until)) : Current.Condition;

    private IgnoreEdge InnerIgnoreWithUntil()
    {
        var ignore = IgnoreFor(Current.Quantifier.Looping || Current.Quantifier.IsTimes ? Current.Quantifier.InnerConsuming : Current.Quantifier.Consuming);
        return ignore.Exists && Current.UntilCondition is { } until ? new IgnoreEdge(true, Conditions.And(ignore.Condition, Conditions.Not(until))) : ignore;
    }

    private IgnoreEdge OuterIgnore() => IgnoreFor(HeadConsuming());

    /// <summary>How the current element connects to what comes before: the head of a group (at any depth) as the group does.</summary>
    private ConsumingStrategy HeadConsuming() =>
        _current == 0 && _groupHeadConsuming is { } head ? head : Current.Quantifier.Consuming;

    private IgnoreEdge IgnoreFor(ConsumingStrategy strategy) => strategy switch
    {
        ConsumingStrategy.Strict => default,
        ConsumingStrategy.SkipTillAny => new IgnoreEdge(true, null),
        _ => new IgnoreEdge(true, Conditions.Not(Current.Condition)),
    };

    /// <summary>notFollowedBy elements before the current one (through optional ones) become stop edges of its states.</summary>
    private List<(Func<T, IPatternContext<T>, bool>? Condition, string Name)> CurrentNotConditions()
    {
        var result = new List<(Func<T, IPatternContext<T>, bool>?, string)>();
        for (int i = _current - 1; i >= 0 && (_patterns[i].Quantifier.Optional || _patterns[i].Quantifier.Consuming == ConsumingStrategy.NotFollow); i--)
        {
            if (_patterns[i].Quantifier.Consuming == ConsumingStrategy.NotFollow)
            {
                result.Add((_patterns[i].Condition, _patterns[i].Name));
            }
        }

        return result;
    }

    private void AddStopStates(NfaState<T> state)
    {
        foreach (var (condition, name) in CurrentNotConditions())
        {
            state.AddProceed(GetStopState(condition, name), condition);
        }
    }

    private void AddStopStateToLooping(NfaState<T> state)
    {
        if (Following is { } following && following.Quantifier.Consuming == ConsumingStrategy.NotFollow)
        {
            state.AddProceed(GetStopState(following.Condition, following.Name), following.Condition);
        }
    }

    /// <summary>Once an optional element is taken, the notFollowedBy before it no longer applies to what follows.</summary>
    private NfaState<T> CopyWithoutTransitiveNots(NfaState<T> sink)
    {
        var nots = CurrentNotConditions();
        if (nots.Count == 0 || !Current.Quantifier.Optional)
        {
            return sink;
        }

        var copy = NewState(sink.Name, sink.Kind);
        foreach (var t in sink.Transitions)
        {
            if (t.Action == TransitionAction.Proceed)
            {
                if (t.Target.IsStop && nots.Exists(n => n.Name == t.Target.Name))
                {
                    continue;
                }

                copy.Transitions.Add(new(t.Action, copy, t.Target.IsStop ? t.Target : CopyWithoutTransitiveNots(t.Target), t.Condition));
            }
            else
            {
                copy.Transitions.Add(new(t.Action, copy, ReferenceEquals(t.Target, t.Source) ? copy : t.Target, t.Condition));
            }
        }

        return copy;
    }

    private NfaState<T> GetStopState(Func<T, IPatternContext<T>, bool>? condition, string name)
    {
        if (!_stopStates.TryGetValue(name, out var stop))
        {
            stop = NewState(name, StateKind.Stop);
            stop.AddTake(condition);
            _stopStates.Add(name, stop);
        }

        return stop;
    }

    private NfaState<T> NewState(string name, StateKind kind)
    {
        var state = new NfaState<T>(name, kind, _states.Count);
        _states.Add(state);
        return state;
    }

    private readonly record struct IgnoreEdge(bool Exists, Func<T, IPatternContext<T>, bool>? Condition);
}
