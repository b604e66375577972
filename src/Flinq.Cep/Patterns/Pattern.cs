namespace Flinq.Cep.Patterns;

/// <summary>
/// One element of a pattern sequence and, through <see cref="Previous"/>, the sequence before it (Flink's
/// <c>Pattern</c>). Build with <see cref="Begin(string, AfterMatchSkipStrategy?)"/> and the fluent methods: conditions
/// (<see cref="Where(Func{T, bool})"/>, <see cref="Or(Func{T, bool})"/>, <see cref="Until(Func{T, bool})"/>), quantifiers
/// (<see cref="OneOrMore"/>, <see cref="Times(int)"/>, <see cref="Optional"/>, ...) and the next element with its
/// contiguity (<see cref="Next"/>, <see cref="FollowedBy"/>, <see cref="FollowedByAny"/>, <see cref="NotNext"/>,
/// <see cref="NotFollowedBy"/>). Methods that modify the current element return it; methods that add an element
/// return the new one. Not thread-safe while built; immutable in use once handed to <see cref="Cep"/>.
/// </summary>
public sealed class Pattern<T>
{
    private Func<T, IPatternContext<T>, bool>? _condition;
    private Func<T, IPatternContext<T>, bool>? _until;

    private Pattern(Pattern<T> group, Pattern<T>? previous, ConsumingStrategy consuming, AfterMatchSkipStrategy skip)
        : this(GroupName(group), previous, consuming, skip)
    {
        Group = group;
    }

    private Pattern(string name, Pattern<T>? previous, ConsumingStrategy consuming, AfterMatchSkipStrategy skip)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A pattern element needs a non-empty name.", nameof(name));
        }

        if (name.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Pattern name '{name}' must not contain ':' (reserved for internal states).", nameof(name));
        }

        Name = name;
        Previous = previous;
        SkipStrategy = skip;
        Quantifier = new Quantifier { Consuming = consuming };
        WindowTime = previous?.WindowTime;
    }

    /// <summary>The element's name, unique within the sequence; matches are keyed by it.</summary>
    public string Name { get; }

    /// <summary>The element before this one; null for the first.</summary>
    public Pattern<T>? Previous { get; }

    /// <summary>The after-match skip strategy of the sequence (set on <see cref="Begin(string, AfterMatchSkipStrategy?)"/>).</summary>
    public AfterMatchSkipStrategy SkipStrategy { get; }

    /// <summary>The maximum time between a match's first and last event; null for none.</summary>
    public TimeSpan? WindowTime { get; private set; }

    internal Quantifier Quantifier { get; }

    /// <summary>For a group pattern: the last element of the group's own sequence; null for a plain element.</summary>
    internal Pattern<T>? Group { get; }

    /// <summary>Whether this element is a group pattern (<see cref="Begin(Pattern{T}, AfterMatchSkipStrategy?)"/>, <see cref="Next(Pattern{T})"/>, ...).</summary>
    public bool IsGroup => Group is not null;

    internal Func<T, IPatternContext<T>, bool>? Condition => _condition;

    internal Func<T, IPatternContext<T>, bool>? UntilCondition => _until;

    /// <summary>Starts a sequence with an element named <paramref name="name"/>; the skip strategy defaults to no skip.</summary>
    public static Pattern<T> Begin(string name, AfterMatchSkipStrategy? skipStrategy = null) =>
        new(name, null, ConsumingStrategy.SkipTillNext, skipStrategy ?? AfterMatchSkipStrategy.NoSkip());

    /// <summary>
    /// Starts a sequence with a group pattern: the sequence <paramref name="group"/> (built with its own
    /// <see cref="Begin(string, AfterMatchSkipStrategy?)"/>) acts as one element, which quantifiers apply to as a whole
    /// (<c>Pattern.begin(Pattern)</c> in Flink). Matches are keyed by the names of the group's elements.
    /// </summary>
    public static Pattern<T> Begin(Pattern<T> group, AfterMatchSkipStrategy? skipStrategy = null) =>
        new(RequireGroup(group), null, ConsumingStrategy.SkipTillNext, skipStrategy ?? AfterMatchSkipStrategy.NoSkip());

    /// <summary>Appends a group pattern with strict contiguity (see <see cref="Begin(Pattern{T}, AfterMatchSkipStrategy?)"/>).</summary>
    public Pattern<T> Next(Pattern<T> group) => new(RequireGroup(group), this, ConsumingStrategy.Strict, SkipStrategy);

    /// <summary>Appends a group pattern with relaxed contiguity.</summary>
    public Pattern<T> FollowedBy(Pattern<T> group) => new(RequireGroup(group), this, ConsumingStrategy.SkipTillNext, SkipStrategy);

    /// <summary>Appends a group pattern with non-deterministic relaxed contiguity.</summary>
    public Pattern<T> FollowedByAny(Pattern<T> group) => new(RequireGroup(group), this, ConsumingStrategy.SkipTillAny, SkipStrategy);

    /// <summary>Adds a condition, combined with any earlier one by AND.</summary>
    public Pattern<T> Where(Func<T, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Where((e, _) => condition(e));
    }

    /// <summary>Adds an iterative condition (it sees the partial match so far), combined with any earlier one by AND.</summary>
    public Pattern<T> Where(Func<T, IPatternContext<T>, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        RequireNotGroup(nameof(Where));
        var previous = _condition;
        _condition = previous is null ? condition : (e, c) => previous(e, c) && condition(e, c);
        return this;
    }

    /// <summary>Adds an alternative condition, combined with the earlier ones by OR.</summary>
    public Pattern<T> Or(Func<T, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Or((e, _) => condition(e));
    }

    /// <summary>Adds an alternative iterative condition, combined with the earlier ones by OR.</summary>
    public Pattern<T> Or(Func<T, IPatternContext<T>, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        RequireNotGroup(nameof(Or));
        var previous = _condition;
        _condition = previous is null ? condition : (e, c) => previous(e, c) || condition(e, c);
        return this;
    }

    /// <summary>Stop condition of a looping element: once an event satisfies it, the loop takes no more events.</summary>
    /// <exception cref="InvalidOperationException">The element does not loop (call <see cref="OneOrMore"/> or <see cref="TimesOrMore"/> first).</exception>
    public Pattern<T> Until(Func<T, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        RequireNotGroup(nameof(Until));
        if (!Quantifier.Looping)
        {
            throw new InvalidOperationException($"Until applies to looping patterns only: call OneOrMore() or TimesOrMore() on '{Name}' first.");
        }

        _until = (e, _) => condition(e);
        return this;
    }

    /// <summary>The match must complete within <paramref name="window"/> of its first event; partial matches older time out.</summary>
    public Pattern<T> Within(TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be positive.");
        }

        WindowTime = WindowTime is { } existing && existing < window ? existing : window;
        return this;
    }

    /// <summary>Appends an element with strict contiguity: it must match the event right after the previous element's last.</summary>
    public Pattern<T> Next(string name) => new(name, this, ConsumingStrategy.Strict, SkipStrategy);

    /// <summary>Appends an element with relaxed contiguity: non-matching events in between are skipped.</summary>
    public Pattern<T> FollowedBy(string name) => new(name, this, ConsumingStrategy.SkipTillNext, SkipStrategy);

    /// <summary>Appends an element with non-deterministic relaxed contiguity: any event in between may be skipped, matching or not.</summary>
    public Pattern<T> FollowedByAny(string name) => new(name, this, ConsumingStrategy.SkipTillAny, SkipStrategy);

    /// <summary>Appends a negative element: the event right after the previous element must not match it.</summary>
    public Pattern<T> NotNext(string name)
    {
        RequireNotOptionalForNegation();
        return new(name, this, ConsumingStrategy.NotNext, SkipStrategy);
    }

    /// <summary>Appends a negative element: no matching event may occur between the previous and the next element.</summary>
    public Pattern<T> NotFollowedBy(string name)
    {
        RequireNotOptionalForNegation();
        return new(name, this, ConsumingStrategy.NotFollow, SkipStrategy);
    }

    /// <summary>The element takes one or more events (inner contiguity relaxed unless <see cref="Consecutive"/> or <see cref="AllowCombinations"/>).</summary>
    public Pattern<T> OneOrMore() => TimesOrMore(1);

    /// <summary>The element takes <paramref name="times"/> or more events.</summary>
    public Pattern<T> TimesOrMore(int times)
    {
        RequirePositive(times);
        RequireNoQuantifierYet();
        Quantifier.Looping = true;
        Quantifier.From = times;
        Quantifier.To = int.MaxValue;
        return this;
    }

    /// <summary>The element takes exactly <paramref name="times"/> events.</summary>
    public Pattern<T> Times(int times) => Times(times, times);

    /// <summary>The element takes between <paramref name="from"/> and <paramref name="to"/> events, inclusive.</summary>
    public Pattern<T> Times(int from, int to)
    {
        RequirePositive(from);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"Times(from, to) needs to >= from ({from}).");
        }

        RequireNoQuantifierYet();
        Quantifier.IsTimes = true;
        Quantifier.From = from;
        Quantifier.To = to;
        return this;
    }

    /// <summary>The element may be skipped altogether.</summary>
    public Pattern<T> Optional()
    {
        if (Quantifier.Consuming is ConsumingStrategy.NotFollow or ConsumingStrategy.NotNext)
        {
            throw new InvalidOperationException($"Negative pattern '{Name}' cannot be optional.");
        }

        Quantifier.Optional = true;
        return this;
    }

    /// <summary>A quantified element takes as many events as it can before the next element may proceed.</summary>
    public Pattern<T> Greedy()
    {
        RequireNotGroup(nameof(Greedy));
        RequireQuantified(nameof(Greedy));
        Quantifier.Greedy = true;
        return this;
    }

    /// <summary>Strict contiguity between the events a quantified element takes.</summary>
    public Pattern<T> Consecutive()
    {
        RequireQuantified(nameof(Consecutive));
        Quantifier.InnerConsuming = ConsumingStrategy.Strict;
        return this;
    }

    /// <summary>Non-deterministic relaxed contiguity between the events a quantified element takes.</summary>
    public Pattern<T> AllowCombinations()
    {
        RequireQuantified(nameof(AllowCombinations));
        Quantifier.InnerConsuming = ConsumingStrategy.SkipTillAny;
        return this;
    }

    /// <summary>The elements from the first to this one, first first.</summary>
    internal List<Pattern<T>> ToList()
    {
        var list = new List<Pattern<T>>();
        for (var p = this; p is not null; p = p.Previous)
        {
            list.Add(p);
        }

        list.Reverse();
        return list;
    }

    private static Pattern<T> RequireGroup(Pattern<T> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        for (var p = group; p is not null; p = p.Previous)
        {
            if (p.Quantifier.Consuming is ConsumingStrategy.NotFollow && p == group)
            {
                throw new ArgumentException($"A group pattern cannot end with notFollowedBy ('{p.Name}').", nameof(group));
            }
        }

        return group;
    }

    private static string GroupName(Pattern<T> group)
    {
        var names = group.ToList().Select(p => p.Name);
        return "(" + string.Join(" ", names) + ")";
    }

    private void RequireNotGroup(string what)
    {
        if (Group is not null)
        {
            throw new InvalidOperationException($"{what}() does not apply to a group pattern ('{Name}'): put it on the group's elements.");
        }
    }

    private static void RequirePositive(int times)
    {
        if (times <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(times), times, "A quantifier needs a positive count (use Optional() for zero).");
        }
    }

    private void RequireNoQuantifierYet()
    {
        if (Quantifier.Looping || Quantifier.IsTimes)
        {
            throw new InvalidOperationException($"Pattern '{Name}' already has a quantifier.");
        }

        if (Quantifier.Consuming is ConsumingStrategy.NotFollow or ConsumingStrategy.NotNext)
        {
            throw new InvalidOperationException($"Negative pattern '{Name}' cannot be quantified.");
        }
    }

    private void RequireQuantified(string what)
    {
        if (!Quantifier.Looping && !Quantifier.IsTimes)
        {
            throw new InvalidOperationException($"{what}() applies to quantified patterns: call OneOrMore(), TimesOrMore() or Times() on '{Name}' first.");
        }
    }

    private void RequireNotOptionalForNegation()
    {
        if (Quantifier.Optional)
        {
            throw new InvalidOperationException($"An optional pattern ('{Name}') cannot be followed by a negative pattern.");
        }
    }
}
