using Flinq.Nexmark.Generator;
using Flinq.Nexmark.Model;
using Flinq.Nexmark.Queries;
using Flinq.Testing;

namespace Flinq.Nexmark.Tests;

/// <summary>
/// A small seeded run shared by the query tests: 20,000 events at 200 events per second of event time (100 s,
/// so ten 10-s tumbling windows, fifty 2-s slides, auctions open for seconds), and the same events in memory for
/// the LINQ references.
/// </summary>
internal static class NexmarkFixture
{
    public const long Count = 20_000;

    public static readonly GeneratorConfig Config = new() { Seed = 7, EventsPerSecond = 200 };

    private static readonly Lazy<IReadOnlyList<Event>> LazyEvents = new(() =>
    {
        var generator = new EventGenerator(Config);
        var events = new Event[Count];
        for (long n = 0; n < Count; n++)
        {
            events[n] = generator.Next(n);
        }

        return events;
    });

    public static IReadOnlyList<Event> Events => LazyEvents.Value;

    public static IEnumerable<Bid> Bids => Events.Where(e => e.IsBid).Select(e => e.Bid);

    public static IEnumerable<Auction> Auctions => Events.Where(e => e.IsAuction).Select(e => e.Auction!);

    public static IEnumerable<Person> Persons => Events.Where(e => e.IsPerson).Select(e => e.Person!);

    /// <summary>Runs query <paramref name="build"/> over the seeded events at parallelism 2 and returns its results.</summary>
    public static async Task<IReadOnlyList<T>> RunAsync<T>(Func<DataStream<Event>, DataStream<T>> build, int parallelism = 2)
    {
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = parallelism });
        var sink = build(env.FromNexmark(Config, Count)).Collect();
        await env.ExecuteWithTimeoutAsync(TimeSpan.FromMinutes(2));
        return sink.Values;
    }
}
