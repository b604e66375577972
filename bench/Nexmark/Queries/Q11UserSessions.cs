using Flinq.Functions;
using Flinq.Nexmark.Model;
using Flinq.Windowing.Assigners;
using Flinq.Windowing.Windows;

namespace Flinq.Nexmark.Queries;

/// <summary>
/// Nexmark query 11, user sessions: per bidder, the number of bids in each session, a session ending after 10 s
/// without bids (<c>SELECT bidder, COUNT(*), SESSION_START(...), SESSION_END(...) FROM bid GROUP BY bidder,
/// SESSION(dateTime, INTERVAL '10' SECOND)</c>). A keyed event-time session window with a count aggregate.
/// </summary>
public static class Q11UserSessions
{
    /// <summary>The session gap.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromSeconds(10);

    /// <summary>Adds the query to <paramref name="events"/>.</summary>
    public static DataStream<UserSession> Build(DataStream<Event> events) =>
        events.Bids()
            .KeyBy(static b => b.Bidder)
            .Window(EventTimeSessionWindows.WithGap(Gap))
            .Aggregate(new CountAggregate<Bid>(), new EmitSession())
            .Name("Q11 sessions per bidder");

    private sealed class EmitSession : ProcessWindowFunction<long, UserSession, long, TimeWindow>
    {
        public override void Process(long key, IProcessWindowContext<TimeWindow> context, IEnumerable<long> elements, ICollector<UserSession> output)
        {
            foreach (long count in elements)
            {
                output.Collect(new UserSession(key, count, context.Window.Start.Milliseconds, context.Window.End.Milliseconds));
            }
        }
    }
}
