using Flinq.Cep.Patterns;

namespace Flinq.Cep.Nfa;

/// <summary>
/// Runs a compiled NFA over one key's <see cref="NfaKeyState{T}"/> (Flink's <c>NFA</c>): <see cref="Process"/> feeds one
/// event (after timing out old partial matches), <see cref="AdvanceTime"/> times out partial matches. Completed
/// matches go through the after-match skip strategy before they are reported. Single-threaded; stateless itself.
/// </summary>
internal sealed class NfaProcessor<T>
{
    private readonly CompiledNfa<T> _nfa;
    private readonly PatternContext _context = new();
    private readonly Stack<NfaState<T>> _stack = new();
    private readonly List<Transition<T>> _edges = new();
    private readonly List<ComputationState<T>> _next = new();
    private readonly List<ComputationState<T>> _newPartials = new();
    private readonly List<ComputationState<T>> _potential = new();
    private readonly Stack<NfaState<T>> _proceedStack = new();
    private readonly HashSet<int> _proceedSeen = new();
    private readonly int[] _visitedStamp; // per state: the closure (stamp) that last expanded it
    private int _stamp;

    public NfaProcessor(CompiledNfa<T> nfa)
    {
        _nfa = nfa;
        _visitedStamp = new int[nfa.States.Length];
    }

    public CompiledNfa<T> Nfa => _nfa;

    public NfaKeyState<T> CreateInitialState()
    {
        var state = new NfaKeyState<T>();
        state.PartialMatches.Add(new ComputationState<T>(_nfa.Start.Id, null, -1, -1));
        return state;
    }

    /// <summary>Times out partial matches older than the window at <paramref name="timestamp"/>, then feeds the event.</summary>
    public void Process(NfaKeyState<T> state, T value, long timestamp, ICollector matches, ICollector? timeouts)
    {
        AdvanceTime(state, timestamp, matches, timeouts);
        long sequence = state.NextSequence++;
        var newPartials = _newPartials;
        var potential = _potential;
        newPartials.Clear();
        potential.Clear();
        foreach (var partial in state.PartialMatches)
        {
            ComputeNextStates(partial, value, timestamp, sequence);
            bool discard = false;
            int retainFrom = newPartials.Count;
            foreach (var next in _next)
            {
                var nfaState = _nfa.States[next.StateId];
                if (nfaState.IsFinal)
                {
                    potential.Add(next);
                }
                else if (nfaState.IsStop)
                {
                    discard = true;
                }
                else
                {
                    newPartials.Add(next);
                }
            }

            if (discard)
            {
                // A negative element matched on this path: drop every branch it produced for this event.
                newPartials.RemoveRange(retainFrom, newPartials.Count - retainFrom);
                if (!partial.HasEvents)
                {
                    newPartials.Add(partial);
                }
            }
        }

        state.PartialMatches.Clear();
        state.PartialMatches.AddRange(newPartials);
        newPartials.Clear();
        if (potential.Count > 0)
        {
            foreach (var match in potential)
            {
                InsertByStart(state.CompletedMatches, match);
            }

            potential.Clear();
        }

        EmitCompleted(state, matches);
    }

    /// <summary>Times out every partial match whose first event is at least the window older than <paramref name="timestamp"/>.</summary>
    public void AdvanceTime(NfaKeyState<T> state, long timestamp, ICollector matches, ICollector? timeouts)
    {
        if (_nfa.WindowMs <= 0)
        {
            return;
        }

        _timedOut.Clear();
        bool completed = false;
        state.PartialMatches.RemoveAll(partial =>
        {
            bool expired = partial.HasEvents && (Int128)timestamp - partial.StartTimestamp >= _nfa.WindowMs;
            if (expired)
            {
                if (_nfa.States[partial.StateId].IsPending)
                {
                    // A trailing notFollowedBy waited out its window without the negative event: a match.
                    InsertByStart(state.CompletedMatches, partial);
                    completed = true;
                }
                else
                {
                    _timedOut.Add(partial);
                }
            }

            return expired;
        });
        if (_timedOut.Count == 0)
        {
            if (completed)
            {
                EmitCompleted(state, matches);
            }

            return;
        }

        if (timeouts is not null)
        {
            foreach (var partial in _timedOut)
            {
                timeouts.Collect(Materialize(partial.Events), partial.StartTimestamp + _nfa.WindowMs);
            }
        }

        _timedOut.Clear();
        EmitCompleted(state, matches);
    }

    private readonly List<ComputationState<T>> _timedOut = new();

    /// <summary>The earliest time a partial match of <paramref name="state"/> times out; null when none can.</summary>
    public long? NextTimeout(NfaKeyState<T> state)
    {
        if (_nfa.WindowMs <= 0)
        {
            return null;
        }

        long min = long.MaxValue;
        foreach (var partial in state.PartialMatches)
        {
            if (partial.HasEvents && partial.StartTimestamp < min)
            {
                min = partial.StartTimestamp;
            }
        }

        return min == long.MaxValue ? null : min + _nfa.WindowMs;
    }

    private void EmitCompleted(NfaKeyState<T> state, ICollector matches)
    {
        if (state.CompletedMatches.Count == 0)
        {
            return;
        }

        var skip = _nfa.SkipStrategy;
        var earliestPartial = skip.IsSkip ? EarliestPartial(state) : null;
        while (state.CompletedMatches.Count > 0 && (earliestPartial is not { } earliest || CompareStart(state.CompletedMatches[0], earliest) <= 0))
        {
            var match = state.CompletedMatches[0];
            state.CompletedMatches.RemoveAt(0);
            if (skip.IsSkip && PruningSequence(match.Events!, skip) is { } pruning)
            {
                bool inclusive = skip.Kind is AfterMatchSkipStrategy.SkipKind.SkipToNext or AfterMatchSkipStrategy.SkipKind.SkipPastLastEvent;
                Prune(state.PartialMatches, pruning, inclusive);
                Prune(state.CompletedMatches, pruning, inclusive);
            }

            // A match found when time passed (trailing notFollowedBy) carries that time, as in Flink; others their last event's.
            long time = _nfa.States[match.StateId].IsPending ? match.StartTimestamp + _nfa.WindowMs : match.Events!.Timestamp;
            matches.Collect(Materialize(match.Events), time);
            if (skip.IsSkip)
            {
                earliestPartial = EarliestPartial(state); // pruning may have removed it
            }
        }
    }

    private static ComputationState<T>? EarliestPartial(NfaKeyState<T> state)
    {
        ComputationState<T>? earliest = null;
        foreach (var partial in state.PartialMatches)
        {
            if (partial.HasEvents && (earliest is not { } e || CompareStart(partial, e) < 0))
            {
                earliest = partial;
            }
        }

        return earliest;
    }

    private static void Prune(List<ComputationState<T>> states, long pruning, bool inclusive) =>
        states.RemoveAll(s => s.StartSequence >= 0 && (inclusive ? s.StartSequence <= pruning : s.StartSequence < pruning));

    private static long? PruningSequence(MatchNode<T> events, AfterMatchSkipStrategy skip)
    {
        long? min = null, max = null;
        for (var node = events; node is not null; node = node.Previous)
        {
            if (skip.PatternName is null || node.Name == skip.PatternName)
            {
                min = min is null || node.Sequence < min ? node.Sequence : min;
                max = max is null || node.Sequence > max ? node.Sequence : max;
            }
        }

        return skip.Kind switch
        {
            AfterMatchSkipStrategy.SkipKind.SkipToNext or AfterMatchSkipStrategy.SkipKind.SkipToFirst => min,
            _ => max,
        };
    }

    private void ComputeNextStates(ComputationState<T> partial, T value, long timestamp, long sequence)
    {
        _next.Clear();
        _edges.Clear();
        _context.Reset(this, partial.Events, timestamp);
        if (++_stamp == 0)
        {
            Array.Clear(_visitedStamp); // the stamp wrapped around: forget every older closure
            _stamp = 1;
        }

        _stack.Push(_nfa.States[partial.StateId]);
        while (_stack.TryPop(out var current))
        {
            // A state reached twice through proceed edges (two optional ways past the same elements, or a group loop
            // whose copy may be empty) yields the same edges again: expanding it once avoids duplicate matches and
            // ends the cycle.
            if (_visitedStamp[current.Id] == _stamp)
            {
                continue;
            }

            _visitedStamp[current.Id] = _stamp;

            foreach (var transition in current.Transitions)
            {
                if (!Conditions.Test(transition.Condition, value, _context))
                {
                    continue;
                }

                if (transition.Action == TransitionAction.Proceed)
                {
                    _stack.Push(transition.Target);
                }
                else
                {
                    _edges.Add(transition);
                }
            }
        }

        bool isStart = !partial.HasEvents;
        foreach (var edge in _edges)
        {
            if (edge.Action == TransitionAction.Ignore)
            {
                if (!isStart)
                {
                    _next.Add(partial with { StateId = edge.Target.Id });
                }

                continue;
            }

            var node = new MatchNode<T>(edge.Source.Name, value, timestamp, sequence, partial.Events);
            long startTs = isStart ? timestamp : partial.StartTimestamp;
            long startSeq = isStart ? sequence : partial.StartSequence;
            _next.Add(new ComputationState<T>(edge.Target.Id, node, startTs, startSeq));
            if (edge.Target.Kind != StateKind.Stop && FindFinalAfterProceed(edge.Target, value) is { } final)
            {
                _next.Add(new ComputationState<T>(final.Id, node, startTs, startSeq));
            }
        }

        if (isStart)
        {
            _next.Add(partial); // a new match may start at any later event
        }
    }

    private NfaState<T>? FindFinalAfterProceed(NfaState<T> state, T value)
    {
        var stack = _proceedStack;
        var seen = _proceedSeen;
        stack.Clear();
        seen.Clear();
        stack.Push(state);
        while (stack.TryPop(out var current))
        {
            if (!seen.Add(current.Id))
            {
                continue;
            }

            foreach (var t in current.Transitions)
            {
                if (t.Action == TransitionAction.Proceed && Conditions.Test(t.Condition, value, _context))
                {
                    if (t.Target.IsFinal)
                    {
                        return t.Target;
                    }

                    stack.Push(t.Target);
                }
            }
        }

        return null;
    }

    internal IReadOnlyDictionary<string, IReadOnlyList<T>> Materialize(MatchNode<T>? events)
    {
        var lists = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        var reversed = new List<MatchNode<T>>();
        for (var node = events; node is not null; node = node.Previous)
        {
            reversed.Add(node);
        }

        for (int i = reversed.Count - 1; i >= 0; i--)
        {
            if (!lists.TryGetValue(reversed[i].Name, out var list))
            {
                lists.Add(reversed[i].Name, list = new List<T>());
            }

            list.Add(reversed[i].Value);
        }

        var result = new Dictionary<string, IReadOnlyList<T>>(StringComparer.Ordinal);
        foreach (var name in _nfa.PatternNames)
        {
            if (lists.TryGetValue(name, out var list))
            {
                result.Add(name, list);
            }
        }

        return result;
    }

    // Stable: a match goes after every held match with the same or an earlier start.
    private static void InsertByStart(List<ComputationState<T>> states, ComputationState<T> match)
    {
        int i = states.Count;
        while (i > 0 && CompareStart(states[i - 1], match) > 0)
        {
            i--;
        }

        states.Insert(i, match);
    }

    private static int CompareStart(ComputationState<T> a, ComputationState<T> b)
    {
        int c = a.StartTimestamp.CompareTo(b.StartTimestamp);
        return c != 0 ? c : a.StartSequence.CompareTo(b.StartSequence);
    }

    /// <summary>Receives reported matches (or timed-out partial matches) with their timestamp.</summary>
    internal interface ICollector
    {
        void Collect(IReadOnlyDictionary<string, IReadOnlyList<T>> match, long timestamp);
    }

    private sealed class PatternContext : IPatternContext<T>
    {
        private MatchNode<T>? _events;

        public long Timestamp { get; private set; }

        public void Reset(NfaProcessor<T> owner, MatchNode<T>? events, long timestamp)
        {
            _events = events;
            Timestamp = timestamp;
        }

        public IReadOnlyList<T> GetEventsForPattern(string name)
        {
            var list = new List<T>();
            for (var node = _events; node is not null; node = node.Previous)
            {
                if (node.Name == name)
                {
                    list.Add(node.Value);
                }
            }

            list.Reverse();
            return list;
        }
    }
}
