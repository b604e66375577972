using System.Text.Json;
using System.Text.Json.Serialization;
using Flinq.Cep.Patterns;

namespace Flinq.Cep.Dynamic;

/// <summary>
/// A pattern written as data (JSON), for patterns managed while the job runs. Example:
/// <code>
/// {"id": "fraud", "withinMs": 300000, "skip": "skipPastLastEvent",
///  "elements": [
///    {"name": "small", "condition": {"field": "amount", "op": "lt", "value": 10}, "times": 3, "inner": "consecutive"},
///    {"name": "large", "contiguity": "followedBy", "condition": {"field": "amount", "op": "gt", "value": 5000}}]}
/// </code>
/// Element fields: name; contiguity (next, followedBy, followedByAny, notNext, notFollowedBy; ignored on the first);
/// condition (see <see cref="JsonCondition"/>; absent = any event); times, or timesFrom + timesTo; oneOrMore;
/// timesOrMore; optional; greedy; inner (consecutive, allowCombinations); until (a condition). A group pattern is an
/// element with <c>group</c> (a list of elements, which may be groups again) instead of name and condition; its
/// contiguity, quantifier, optional and inner apply to the group as a whole:
/// <code>
/// {"contiguity": "followedBy", "oneOrMore": true, "group": [
///    {"name": "login", "condition": {"field": "type", "op": "eq", "value": "login"}},
///    {"name": "fail", "contiguity": "next", "condition": {"field": "type", "op": "eq", "value": "fail"}}]}
/// </code>
/// Sequence fields: id, withinMs, skip (noSkip, skipToNext, skipPastLastEvent, skipToFirst, skipToLast) and
/// skipPattern for the last two. Errors in the structure name the element's path (<c>elements[1].group[0]</c>);
/// syntax errors give the line and column.
/// </summary>
public sealed class PatternDefinition
{
    private static readonly JsonSerializerOptions s_options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The pattern's id: what add, replace and remove refer to.</summary>
    public string Id { get; set; } = "";

    /// <summary>The window in milliseconds; null or 0 for none.</summary>
    public long? WithinMs { get; set; }

    /// <summary>The after-match skip strategy's name; null for noSkip.</summary>
    public string? Skip { get; set; }

    /// <summary>The element skipToFirst/skipToLast refer to.</summary>
    public string? SkipPattern { get; set; }

    /// <summary>The elements, first first.</summary>
    public List<ElementDefinition> Elements { get; set; } = new();

    /// <summary>Parses a definition; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static PatternDefinition Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PatternDefinition>(json, s_options) ?? throw new FormatException("The pattern definition is null.");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Invalid pattern definition: {e.Message}", e);
        }
    }

    /// <summary>
    /// Parses the YAML form: the same fields as the JSON form, e.g.
    /// <code>
    /// id: fraud
    /// withinMs: 300000
    /// skip: skipPastLastEvent
    /// elements:
    ///   - name: small
    ///     condition: {field: amount, op: lt, value: 10}
    ///     times: 3
    ///     inner: consecutive
    ///   - name: large
    ///     contiguity: followedBy
    ///     condition: {field: amount, op: gt, value: 5000}
    /// </code>
    /// Throws <see cref="FormatException"/> saying what is wrong (with line and column for YAML syntax errors).
    /// </summary>
    public static PatternDefinition ParseYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return Parse(YamlToJson.Convert(yaml));
    }

    /// <summary>Builds the pattern; throws <see cref="FormatException"/> (or the pattern API's exceptions) when invalid.</summary>
    public Pattern<JsonElement> ToPattern()
    {
        if (Elements.Count == 0)
        {
            throw new FormatException($"Pattern '{Id}' has no elements.");
        }

        var skip = (Skip ?? "noSkip") switch
        {
            "noSkip" => AfterMatchSkipStrategy.NoSkip(),
            "skipToNext" => AfterMatchSkipStrategy.SkipToNext(),
            "skipPastLastEvent" => AfterMatchSkipStrategy.SkipPastLastEvent(),
            "skipToFirst" => AfterMatchSkipStrategy.SkipToFirst(SkipPattern ?? throw new FormatException("skipToFirst needs skipPattern.")),
            "skipToLast" => AfterMatchSkipStrategy.SkipToLast(SkipPattern ?? throw new FormatException("skipToLast needs skipPattern.")),
            var other => throw new FormatException($"Unknown skip strategy '{other}'."),
        };
        var pattern = BuildSequence(Elements, skip, "elements");
        if (WithinMs is > 0)
        {
            pattern!.Within(TimeSpan.FromMilliseconds(WithinMs.Value));
        }

        return pattern!;
    }

    /// <summary>The elements of <paramref name="elements"/> (at <paramref name="path"/>, for errors) as one sequence, groups built recursively.</summary>
    private static Pattern<JsonElement> BuildSequence(List<ElementDefinition> elements, AfterMatchSkipStrategy skip, string path)
    {
        Pattern<JsonElement>? pattern = null;
        for (int i = 0; i < elements.Count; i++)
        {
            var element = elements[i] ?? throw new FormatException($"{path}[{i}] is null.");
            string at = $"{path}[{i}]";
            if (element.Group is { } group)
            {
                element.CheckGroup(at);
                var inner = BuildSequence(group, AfterMatchSkipStrategy.NoSkip(), at + ".group");
                pattern = pattern is null
                    ? Pattern<JsonElement>.Begin(inner, skip)
                    : (element.Contiguity ?? "next") switch
                    {
                        "next" => pattern.Next(inner),
                        "followedBy" => pattern.FollowedBy(inner),
                        "followedByAny" => pattern.FollowedByAny(inner),
                        "notNext" or "notFollowedBy" => throw new FormatException($"{at}: a group cannot be negative ('{element.Contiguity}'); put notNext/notFollowedBy on an element inside it."),
                        var other => throw new FormatException($"{at}: unknown contiguity '{other}' (use next, followedBy or followedByAny)."),
                    };
            }
            else
            {
                pattern = pattern is null
                    ? Pattern<JsonElement>.Begin(element.Name, skip)
                    : (element.Contiguity ?? "next") switch
                    {
                        "next" => pattern.Next(element.Name),
                        "followedBy" => pattern.FollowedBy(element.Name),
                        "followedByAny" => pattern.FollowedByAny(element.Name),
                        "notNext" => pattern.NotNext(element.Name),
                        "notFollowedBy" => pattern.NotFollowedBy(element.Name),
                        var other => throw new FormatException($"Unknown contiguity '{other}' on element '{element.Name}'."),
                    };
            }

            element.Apply(pattern);
        }

        return pattern!;
    }

    /// <summary>One element of a <see cref="PatternDefinition"/>: a single element, or with <see cref="Group"/> a group pattern.</summary>
    public sealed class ElementDefinition
    {
        /// <summary>The element's name.</summary>
        public string Name { get; set; } = "";

        /// <summary>next (default), followedBy, followedByAny, notNext or notFollowedBy.</summary>
        public string? Contiguity { get; set; }

        /// <summary>The condition (see <see cref="JsonCondition"/>).</summary>
        public JsonElement? Condition { get; set; }

        /// <summary>Exactly this many events.</summary>
        public int? Times { get; set; }

        /// <summary>At least this many events (with <see cref="TimesTo"/>).</summary>
        public int? TimesFrom { get; set; }

        /// <summary>At most this many events (with <see cref="TimesFrom"/>).</summary>
        public int? TimesTo { get; set; }

        /// <summary>One or more events.</summary>
        public bool OneOrMore { get; set; }

        /// <summary>This many or more events.</summary>
        public int? TimesOrMore { get; set; }

        /// <summary>The element may be absent.</summary>
        public bool Optional { get; set; }

        /// <summary>Greedy quantifier.</summary>
        public bool Greedy { get; set; }

        /// <summary>Inner contiguity of a quantifier: consecutive or allowCombinations.</summary>
        public string? Inner { get; set; }

        /// <summary>Stop condition of a looping element.</summary>
        public JsonElement? Until { get; set; }

        /// <summary>
        /// For a group pattern: the group's own elements (first first; the first one's contiguity is ignored, the
        /// group's applies). The quantifier fields, optional and inner then apply to the group as a whole; a group has
        /// no name, condition, until or greedy. Groups nest.
        /// </summary>
        public List<ElementDefinition>? Group { get; set; }

        [JsonIgnore]
        internal bool HasQuantifier => Times is not null || TimesFrom is not null || OneOrMore || TimesOrMore is not null;

        internal void CheckGroup(string at)
        {
            if (Group is not { Count: > 0 })
            {
                throw new FormatException($"{at}: a group needs at least one element.");
            }

            string? misplaced = !string.IsNullOrEmpty(Name) ? "name" : Condition is not null ? "condition" : Until is not null ? "until" : Greedy ? "greedy" : null;
            if (misplaced is not null)
            {
                throw new FormatException($"{at}: a group takes no {misplaced} (its elements are named and have the conditions).");
            }
        }

        internal void Apply(Pattern<JsonElement> pattern)
        {
            if (Condition is { } condition)
            {
                pattern.Where(JsonCondition.Compile(condition));
            }

            if (Times is { } times)
            {
                pattern.Times(times);
            }
            else if (TimesFrom is { } from)
            {
                pattern.Times(from, TimesTo ?? throw new FormatException($"Element '{Name}' has timesFrom without timesTo."));
            }
            else if (OneOrMore)
            {
                pattern.OneOrMore();
            }
            else if (TimesOrMore is { } more)
            {
                pattern.TimesOrMore(more);
            }

            if (Optional)
            {
                pattern.Optional();
            }

            if (Greedy)
            {
                pattern.Greedy();
            }

            switch (Inner)
            {
                case null:
                    break;
                case "consecutive":
                    pattern.Consecutive();
                    break;
                case "allowCombinations":
                    pattern.AllowCombinations();
                    break;
                default:
                    throw new FormatException($"Unknown inner contiguity '{Inner}' on element '{Name}' (use consecutive or allowCombinations).");
            }

            if (Until is { } until)
            {
                pattern.Until(JsonCondition.Compile(until));
            }
        }
    }
}
