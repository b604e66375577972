using Flinq.Cep.Patterns;

namespace Flinq.Cep.Nfa;

/// <summary>Group patterns: copies of a group's elements, optional copies entered through an entry state, and the checks groups need.</summary>
internal sealed partial class NfaCompiler<T>
{
    /// <summary>
    /// A group pattern (Flink's <c>createGroupPatternState</c>, <c>createLoopingGroupPatternState</c>): the group's
    /// elements compiled in front of <paramref name="sink"/>, once per copy — mandatory copies for times(n), optional
    /// copies that may proceed to the sink past n, and for oneOrMore a copy whose end loops back to its start.
    /// </summary>
    private NfaState<T> ConvertGroup(NfaState<T> sink)
    {
        var q = Current.Quantifier;
        if (!q.Looping && !q.IsTimes)
        {
            return CreateGroupCopy(sink, sink, q.Optional, HeadConsuming());
        }

        var last = sink;
        if (q.Looping)
        {
            var loopEnd = NewState(Current.Name, StateKind.Normal);
            var loopStart = CreateGroupCopy(loopEnd, proceed: sink, optional: true, q.InnerConsuming); // may leave the loop
            loopEnd.AddProceed(loopStart, null); // or go round again
            last = loopStart;
        }
        else
        {
            for (int i = q.From; i < q.To; i++)
            {
                last = CreateGroupCopy(last, sink, optional: true, q.InnerConsuming);
            }
        }

        for (int i = 1; i < q.From; i++)
        {
            last = CreateGroupCopy(last, proceed: null, optional: false, q.InnerConsuming);
        }

        return CreateGroupCopy(last, sink, q.Optional, HeadConsuming());
    }

    /// <summary>
    /// One copy of the current group's elements in front of <paramref name="sink"/>; returns its first state. An
    /// optional copy (<paramref name="optional"/> with a <paramref name="proceed"/> target) is entered through its own
    /// entry state: the copy's first state plus the edge that skips the copy. Every edge of the first state keeps its
    /// target, so an event the head ignores or takes leads into the copy proper, where the copy can no longer be
    /// skipped — whatever the head is (a plain, quantified or optional element, or a group). Flink's compiler adds the
    /// skip edge to the head state itself and gives only a plain head a separate ignore state; a head that ignores
    /// into itself (the first state of times(n), or of a nested group) keeps the skip edge after ignoring events —
    /// a second path to the same match.
    /// </summary>
    private NfaState<T> CreateGroupCopy(NfaState<T> sink, NfaState<T>? proceed, bool optional, ConsumingStrategy headConsuming)
    {
        var (outerPatterns, outerCurrent, outerHead) = (_patterns, _current, _groupHeadConsuming);
        _patterns = Current.Group!.ToList();
        _groupHeadConsuming = headConsuming;
        var first = CompileAll(sink);
        (_patterns, _current, _groupHeadConsuming) = (outerPatterns, outerCurrent, outerHead);
        if (!optional || proceed is null)
        {
            return first;
        }

        var entry = NewState(first.Name, first.Kind);
        foreach (var t in first.Transitions)
        {
            entry.Transitions.Add(t with { Source = entry });
        }

        entry.AddProceed(proceed, null);
        return entry;
    }

    /// <summary>Whether a notFollowedBy precedes element <paramref name="i"/>, directly or through optional elements (its stop edges would go on it).</summary>
    private static bool NotFollowedByBefore(List<Pattern<T>> patterns, int i)
    {
        for (int j = i - 1; j >= 0; j--)
        {
            if (patterns[j].Quantifier.Consuming == ConsumingStrategy.NotFollow)
            {
                return true;
            }

            if (!patterns[j].Quantifier.Optional)
            {
                return false;
            }
        }

        return false;
    }

    private static bool CanMatchNothing(Pattern<T> sequence)
    {
        foreach (var p in sequence.ToList())
        {
            bool nothing = p.Quantifier.Optional
                || p.Quantifier.Consuming is ConsumingStrategy.NotFollow or ConsumingStrategy.NotNext
                || (p.Group is { } inner && CanMatchNothing(inner));
            if (!nothing)
            {
                return false;
            }
        }

        return true;
    }
}
