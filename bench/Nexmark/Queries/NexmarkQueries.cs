using Flinq.Nexmark.Model;

namespace Flinq.Nexmark.Queries;

/// <summary>The implemented Nexmark queries by name (<c>q0</c> … <c>q11</c>).</summary>
public static class NexmarkQueries
{
    /// <summary>The names of the implemented queries.</summary>
    public static IReadOnlyList<string> Names { get; } = ["q0", "q1", "q2", "q3", "q4", "q5", "q7", "q8", "q11"];

    /// <summary>Adds query <paramref name="name"/> to <paramref name="events"/> and hands its result stream to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">The query is not one of <see cref="Names"/>.</exception>
    public static void Build(string name, DataStream<Event> events, IQueryOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (name)
        {
            case "q0": output.Attach(Q0PassThrough.Build(events)); break;
            case "q1": output.Attach(Q1CurrencyConversion.Build(events)); break;
            case "q2": output.Attach(Q2Selection.Build(events)); break;
            case "q3": output.Attach(Q3LocalItemSuggestion.Build(events)); break;
            case "q4": output.Attach(Q4AveragePricePerCategory.Build(events)); break;
            case "q5": output.Attach(Q5HotItems.Build(events)); break;
            case "q7": output.Attach(Q7HighestBid.Build(events)); break;
            case "q8": output.Attach(Q8NewUsers.Build(events)); break;
            case "q11": output.Attach(Q11UserSessions.Build(events)); break;
            default: throw new ArgumentException($"Unknown query '{name}'; the implemented queries are {string.Join(", ", Names)}.", nameof(name));
        }
    }
}
