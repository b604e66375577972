using CsCheck;
using Flinq.Cep.Patterns;
using static Flinq.Cep.Tests.Nfa.NfaRunner;

namespace Flinq.Cep.Tests.Nfa;

/// <summary>
/// Properties of group patterns over random nested shapes (groups whose elements are quantified, optional or groups
/// themselves, to depth 3) and random inputs. The oracles rewrite a pattern into patterns without optional, ranged or
/// looping groups — an optional group is present or absent, times(n, m) is times(k) for each k in n..m, oneOrMore is
/// times(k) for every k the input allows, an unquantified group (or times(1)) is its elements inlined — and the
/// multiset of matches must be the union of the rewrites' matches: a path counted twice or lost shows up as a
/// difference. Matches print each event with its element's name.
/// </summary>
public class GroupPatternPropertyTests
{
    private enum Kind
    {
        None,
        Times,
        Loop,
    }

    private enum Contiguity
    {
        Next,
        FollowedBy,
        FollowedByAny,
    }

    private enum Inner
    {
        Relaxed,
        Consecutive,
        Any,
    }

    [Fact]
    public void QuantifiedNestedGroups_MatchTheUnionOfTheirExpansions()
    {
        var gen = Gen.Select(GroupGen(3), ContiguityGen, ContiguityGen, Gen.Int[0, 3].Array[1, 7], Gen.Bool);
        int withMatches = 0, withSkippableQuantifiedHead = 0;
        gen.Sample((group, toGroup, toY, middle, trailingX) =>
        {
            var nodes = Number([X(), group with { Contiguity = toGroup }, new Elem(toY, Quant.One, 'y', 0)]);
            string input = Input(middle, trailingX);
            var actual = Sorted(Run(Build(nodes), input, named: true));
            var expected = Sorted(Expand(nodes, input.Split(' ').Length).SelectMany(e => Run(Build(e), input, named: true)));
            actual.Should().Equal(expected, "pattern {0} on \"{1}\"", Describe(nodes), input);
            Interlocked.Add(ref withMatches, expected.Count > 0 ? 1 : 0);
            Interlocked.Add(ref withSkippableQuantifiedHead, HasSkippableCopyWithComplexHead(nodes) ? 1 : 0);
        }, iter: 2000);
        withMatches.Should().BeGreaterThan(400, "the generated inputs must produce matches for the property to mean something");
        withSkippableQuantifiedHead.Should().BeGreaterThan(400, "optional or looping groups whose head is quantified, optional or a group must be generated");
    }

    [Fact]
    public void GroupOfOne_NestedToAnyDepth_SameAsTheElementWithTheSameQuantifier()
    {
        var gen = Gen.Select(Gen.Int[0, 2], QuantGen(allowNone: true), ContiguityGen, Gen.Int[1, 3], Gen.Int[0, 3].Array[1, 7]);
        int withMatches = 0;
        gen.Sample((letter, quant, contiguity, depth, middle) =>
        {
            var element = new Elem(contiguity, quant, "abc"[letter], 0);
            Node wrapped = element with { Q = Quant.One };
            for (int i = 0; i < depth; i++)
            {
                // The quantifier goes on the outermost group, or on the element inside unquantified groups.
                wrapped = new Group(contiguity, i == depth - 1 ? quant : Quant.One, [wrapped]);
            }

            var y = new Elem(Contiguity.FollowedBy, Quant.One, 'y', 0);
            string input = Input(middle, trailingX: false);
            var expected = Sorted(Run(Build(Number([X(), element, y])), input, named: true));
            Sorted(Run(Build(Number([X(), wrapped, y])), input, named: true)).Should().Equal(expected, "pattern {0} on \"{1}\"", Describe(Number([X(), wrapped, y])), input);
            Interlocked.Add(ref withMatches, expected.Count > 0 ? 1 : 0);
        }, iter: 1000);
        withMatches.Should().BeGreaterThan(200);
    }

    private static readonly Gen<Contiguity> ContiguityGen = Gen.Int[0, 2].Select(i => (Contiguity)i);

    private static Gen<Quant> QuantGen(bool allowNone) =>
        Gen.Select(Gen.Int[allowNone ? 0 : 1, 4], Gen.Int[1, 2], Gen.Int[0, 1], Gen.Int[0, 2], Gen.Bool).Select((kind, from, extra, inner, optional) => kind switch
        {
            0 => new Quant(Kind.None, 1, 1, Inner.Relaxed, optional),
            1 => new Quant(Kind.Times, from, from, (Inner)inner, optional),
            2 => new Quant(Kind.Times, from, from + extra + 1, (Inner)inner, optional),
            _ => new Quant(Kind.Loop, from, int.MaxValue, (Inner)inner, optional),
        });

    private static Gen<Node> ElemGen(bool mayBeOptional) =>
        Gen.Select(Gen.Int[0, 2], ContiguityGen, Gen.Frequency((3, Gen.Const(Quant.One)), (2, QuantGen(allowNone: mayBeOptional))))
            .Select((letter, contiguity, quant) => (Node)new Elem(contiguity, mayBeOptional ? quant : quant with { Optional = false }, "abc"[letter], 0));

    /// <summary>A group of one to three elements; its first elements may be anything, its last is an element, optional only sometimes.</summary>
    private static Gen<Node> GroupGen(int depth) =>
        Gen.Select(
                (depth > 1 ? Gen.Frequency((2, ElemGen(true)), (3, GroupGen(depth - 1))) : ElemGen(true)).Array[0, 2],
                Gen.Frequency((4, ElemGen(false)), (1, ElemGen(true))),
                ContiguityGen,
                QuantGen(allowNone: true))
            .Select((front, last, contiguity, quant) =>
            {
                Node[] body = [.. front, last];
                // A quantified group must take an event per copy (the compiler refuses the others).
                var q = CanMatchNothing(body) ? quant with { Kind = Kind.None, From = 1, To = 1 } : quant;
                return (Node)new Group(contiguity, q, body);
            });

    private static string Input(int[] middle, bool trailingX) =>
        string.Join(' ', new[] { "x" }.Concat(middle.Select(i => "abcz"[i].ToString())).Append("y").Concat(trailingX ? ["x", "y"] : [])
            .Select((e, i) => e + i));

    private static Elem X() => new(Contiguity.FollowedBy, Quant.One, 'x', 0);

    /// <summary>The rewrites whose matches together are the matches of <paramref name="nodes"/> (see the class summary).</summary>
    private static List<Node[]> Expand(Node[] nodes, int events)
    {
        var result = new List<Node[]> { Array.Empty<Node>() };
        foreach (var node in nodes)
        {
            var alternatives = Alternatives(node, events);
            result = result.SelectMany(prefix => alternatives.Select(a => prefix.Concat(a).ToArray())).ToList();
        }

        return result;
    }

    private static List<Node[]> Alternatives(Node node, int events)
    {
        if (node is not Group group)
        {
            return [[node]];
        }

        var result = new List<Node[]>();
        if (group.Q.Optional && !CanMatchNothing(group.Body))
        {
            result.Add([]); // absent: what follows keeps its own contiguity
        }

        int to = group.Q.Kind switch { Kind.None => 1, Kind.Times => group.Q.To, _ => events };
        for (int k = group.Q.From; k <= to; k++)
        {
            if (k == 1)
            {
                // One copy: the elements inlined, the first connected as the group was.
                result.AddRange(Expand([group.Body[0] with { Contiguity = group.Contiguity }, .. group.Body[1..]], events));
            }
            else
            {
                result.Add([group with { Q = new Quant(Kind.Times, k, k, group.Q.Inner, false) }]);
            }
        }

        return result;
    }

    private static bool CanMatchNothing(Node[] body) => body.All(n => n.Q.Optional || (n is Group g && CanMatchNothing(g.Body)));

    private static bool HasSkippableCopyWithComplexHead(Node[] nodes) =>
        nodes.Any(n => n is Group g && (((g.Q.Optional || g.Q.Kind == Kind.Loop || g.Q.From < g.Q.To) && (g.Body[0] is Group || g.Body[0].Q.Kind != Kind.None || g.Body[0].Q.Optional))
            || HasSkippableCopyWithComplexHead(g.Body)));

    private static Node[] Number(Node[] nodes)
    {
        int next = 0;
        return Renumber(nodes, ref next);
    }

    private static Node[] Renumber(Node[] nodes, ref int next)
    {
        var result = new Node[nodes.Length];
        for (int i = 0; i < nodes.Length; i++)
        {
            result[i] = nodes[i] switch
            {
                Elem e when e.Letter is 'x' or 'y' => e,
                Elem e => e with { Id = next++ },
                Group g => g with { Body = Renumber(g.Body, ref next) },
                _ => throw new InvalidOperationException(),
            };
        }

        return result;
    }

    private static Pattern<string> Build(Node[] nodes)
    {
        Pattern<string>? pattern = null;
        foreach (var node in nodes)
        {
            pattern = node switch
            {
                Elem e => Quantify(Append(pattern, e.Contiguity, e.Name).Where(Is(e.Letter)), e.Q),
                Group g => Quantify(Append(pattern, g.Contiguity, Build(g.Body)), g.Q),
                _ => throw new InvalidOperationException(),
            };
        }

        return pattern!;
    }

    private static Pattern<string> Append(Pattern<string>? previous, Contiguity contiguity, string name) => (previous, contiguity) switch
    {
        (null, _) => Pattern<string>.Begin(name),
        (_, Contiguity.Next) => previous.Next(name),
        (_, Contiguity.FollowedBy) => previous.FollowedBy(name),
        _ => previous.FollowedByAny(name),
    };

    private static Pattern<string> Append(Pattern<string>? previous, Contiguity contiguity, Pattern<string> group) => (previous, contiguity) switch
    {
        (null, _) => Pattern<string>.Begin(group),
        (_, Contiguity.Next) => previous.Next(group),
        (_, Contiguity.FollowedBy) => previous.FollowedBy(group),
        _ => previous.FollowedByAny(group),
    };

    private static Pattern<string> Quantify(Pattern<string> pattern, Quant q)
    {
        if (q.Kind == Kind.Times)
        {
            pattern.Times(q.From, q.To);
        }
        else if (q.Kind == Kind.Loop)
        {
            pattern.TimesOrMore(q.From);
        }

        if (q.Kind != Kind.None && q.Inner == Inner.Consecutive)
        {
            pattern.Consecutive();
        }
        else if (q.Kind != Kind.None && q.Inner == Inner.Any)
        {
            pattern.AllowCombinations();
        }

        return q.Optional ? pattern.Optional() : pattern;
    }

    private static List<string> Sorted(IEnumerable<string> matches)
    {
        var list = matches.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static string Describe(Node[] nodes) => string.Join(" ", nodes.Select(Describe));

    private static string Describe(Node node)
    {
        string c = node.Contiguity switch { Contiguity.Next => "next", Contiguity.FollowedBy => "followedBy", _ => "followedByAny" };
        string body = node switch { Elem e => e.Name + "[" + e.Letter + "]", Group g => "(" + Describe(g.Body) + ")", _ => "?" };
        string q = node.Q.Kind switch
        {
            Kind.None => "",
            Kind.Times => $"{{{node.Q.From},{node.Q.To}}}",
            _ => $"{{{node.Q.From},}}",
        };
        string inner = node.Q.Kind == Kind.None ? "" : node.Q.Inner switch { Inner.Consecutive => "c", Inner.Any => "a", _ => "" };
        return c + ":" + body + q + inner + (node.Q.Optional ? "?" : "");
    }

    private sealed record Quant(Kind Kind, int From, int To, Inner Inner, bool Optional)
    {
        public static readonly Quant One = new(Kind.None, 1, 1, Inner.Relaxed, false);
    }

    private abstract record Node(Contiguity Contiguity, Quant Q);

    private sealed record Elem(Contiguity Contiguity, Quant Q, char Letter, int Id) : Node(Contiguity, Q)
    {
        public string Name => Letter is 'x' or 'y' ? Letter.ToString() : "e" + Id;
    }

    private sealed record Group(Contiguity Contiguity, Quant Q, Node[] Body) : Node(Contiguity, Q);
}
