using Flinq.Functions;
using Flinq.Nexmark.Model;
using Flinq.State;

namespace Flinq.Nexmark.Queries;

/// <summary>
/// Nexmark query 3, local item suggestion: sellers in Oregon, Idaho or California and their auctions in category
/// 10 (<c>SELECT P.name, P.city, P.state, A.id FROM auction A JOIN person P ON A.seller = P.id WHERE A.category =
/// 10 AND P.state IN ('OR', 'ID', 'CA')</c>). An incremental (unwindowed) join as Flink SQL runs it: keyed by
/// person id, the person is kept in keyed state for ever; auctions that arrive before their seller wait in keyed
/// state and are emitted when the seller arrives.
/// </summary>
public static class Q3LocalItemSuggestion
{
    /// <summary>The category the query selects.</summary>
    public const long Category = 10;

    /// <summary>Whether the query selects people of <paramref name="state"/>.</summary>
    public static bool IsSelectedState(string state) => state is "OR" or "ID" or "CA";

    /// <summary>Adds the query to <paramref name="events"/>.</summary>
    public static DataStream<LocalItem> Build(DataStream<Event> events)
    {
        var persons = events.Persons().Filter(static p => IsSelectedState(p.State)).Name("Q3 sellers in OR, ID, CA");
        var auctions = events.Auctions().Filter(static a => a.Category == Category).Name("Q3 category 10");
        return persons.Connect(auctions)
            .KeyBy(static p => p.Id, static a => a.Seller)
            .Process(new JoinFunction())
            .Name("Q3 join");
    }

    private sealed class JoinFunction : KeyedCoProcessFunction<long, Person, Auction, LocalItem>
    {
        private ValueState<Person> _person = null!;
        private ListState<Auction> _waiting = null!;

        public override void Open()
        {
            _person = RuntimeContext.GetState(new ValueStateDescriptor<Person>("person"));
            _waiting = RuntimeContext.GetListState(new ListStateDescriptor<Auction>("auctions-waiting-for-seller"));
        }

        public override void ProcessElement1(Person value, IKeyedProcessContext<long> context, ICollector<LocalItem> output)
        {
            _person.Update(value);
            var waiting = _waiting.Get();
            if (waiting.Count > 0)
            {
                foreach (var auction in waiting)
                {
                    output.Collect(new LocalItem(value.Name, value.City, value.State, auction.Id));
                }

                _waiting.Clear();
            }
        }

        public override void ProcessElement2(Auction value, IKeyedProcessContext<long> context, ICollector<LocalItem> output)
        {
            if (_person.HasValue)
            {
                var person = _person.Value!;
                output.Collect(new LocalItem(person.Name, person.City, person.State, value.Id));
            }
            else
            {
                _waiting.Add(value);
            }
        }
    }
}
