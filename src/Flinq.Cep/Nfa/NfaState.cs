using Flinq.Cep.Patterns;

namespace Flinq.Cep.Nfa;

internal enum StateKind
{
    Start,
    Normal,
    Final,
    Stop,

    /// <summary>Waiting out a trailing notFollowedBy: a partial match here becomes a match when the window expires.</summary>
    Pending,
}

internal enum TransitionAction
{
    Take,
    Ignore,
    Proceed,
}

/// <summary>An edge of the compiled NFA; a null condition is always true.</summary>
internal sealed record Transition<T>(TransitionAction Action, NfaState<T> Source, NfaState<T> Target, Func<T, IPatternContext<T>, bool>? Condition);

/// <summary>
/// A state of the compiled NFA (Flink's <c>State</c>). <see cref="Name"/> is the pattern element whose events the
/// state's take edges accept; several states share a name (copies for times, ignore states).
/// </summary>
internal sealed class NfaState<T>
{
    public NfaState(string name, StateKind kind, int id)
    {
        Name = name;
        Kind = kind;
        Id = id;
    }

    public string Name { get; }

    public StateKind Kind { get; set; }

    /// <summary>Index in the compiled NFA's state list (what checkpoints store).</summary>
    public int Id { get; }

    public List<Transition<T>> Transitions { get; } = new();

    public bool IsFinal => Kind == StateKind.Final;

    public bool IsStop => Kind == StateKind.Stop;

    public bool IsPending => Kind == StateKind.Pending;

    public void AddTake(NfaState<T> target, Func<T, IPatternContext<T>, bool>? condition) => Transitions.Add(new(TransitionAction.Take, this, target, condition));

    public void AddTake(Func<T, IPatternContext<T>, bool>? condition) => AddTake(this, condition);

    public void AddIgnore(NfaState<T> target, Func<T, IPatternContext<T>, bool>? condition) => Transitions.Add(new(TransitionAction.Ignore, this, target, condition));

    public void AddIgnore(Func<T, IPatternContext<T>, bool>? condition) => AddIgnore(this, condition);

    public void AddProceed(NfaState<T> target, Func<T, IPatternContext<T>, bool>? condition) => Transitions.Add(new(TransitionAction.Proceed, this, target, condition));

    public override string ToString() => $"{Name}#{Id}({Kind})";
}
