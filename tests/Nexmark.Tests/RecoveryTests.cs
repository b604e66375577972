using System.Globalization;
using System.Runtime.CompilerServices;
using Flinq.Checkpointing;
using Flinq.Connectors.Sinks;
using Flinq.Nexmark.Generator;
using Flinq.Nexmark.Model;
using Flinq.Nexmark.Queries;
using Flinq.Nexmark.Serialization;
using Flinq.Testing;

namespace Flinq.Nexmark.Tests;

/// <summary>Exactly-once recovery: the source replays from its checkpointed split positions and the query state is restored.</summary>
public sealed class RecoveryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nexmark-recovery-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Q4_FailureMidRun_CommitsEachCategoryUpdateOnceAndTheReferenceAverages()
    {
        const long count = 200_000;
        var config = new GeneratorConfig { Seed = 5, EventsPerSecond = 200 };
        long failAt = config.TimestampForEvent(150_000);
        var options = new StreamExecutionOptions
        {
            Parallelism = 2,
            Checkpointing =
            {
                Interval = TimeSpan.FromMilliseconds(20),
                Directory = Path.Combine(_directory, "checkpoints"),
                RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(10)),
            },
        };
        NexmarkSerializers.Register(options.Serializers);
        var env = StreamExecutionEnvironment.Create(options);
        var failed = new StrongBox<bool>();
        var events = env.FromNexmark(config, count).Uid("source").Map(e =>
        {
            if (e.DateTime == failAt && !failed.Value)
            {
                failed.Value = true;
                throw new InvalidOperationException("injected failure");
            }

            return e;
        }).Uid("fault-injector");
        string output = Path.Combine(_directory, "output");
        Q4AveragePricePerCategory.Build(events)
            .Map(a => string.Create(CultureInfo.InvariantCulture, $"{a.Category},{a.Sum},{a.Count}")).Uid("format")
            .SinkTo(new TransactionalFileSink<string>(output)).Uid("files");

        var result = await env.ExecuteWithTimeoutAsync(TimeSpan.FromMinutes(2));

        result.Restarts.Should().Be(1);
        var committed = TransactionalFileSink<string>.CommittedFiles(output).SelectMany(File.ReadAllLines)
            .Select(line => line.Split(',').Select(long.Parse).ToArray())
            .Select(f => new CategoryAverage(f[0], f[1], f[2])).ToList();
        var expected = Reference(config, count);
        foreach (var category in expected)
        {
            var updates = committed.Where(c => c.Category == category.Category).ToList();
            updates.Select(u => u.Count).Order().Should().Equal(Enumerable.Range(1, (int)category.Count).Select(i => (long)i), "each closed auction updates its category exactly once");
            updates.MaxBy(u => u.Count).Should().Be(category);
        }

        committed.Should().HaveCount((int)expected.Sum(e => e.Count));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static List<CategoryAverage> Reference(GeneratorConfig config, long count)
    {
        var generator = new EventGenerator(config);
        var all = new List<Event>();
        for (long n = 0; n < count; n++)
        {
            all.Add(generator.Next(n));
        }

        var bidsByAuction = all.Where(e => e.IsBid).Select(e => e.Bid).ToLookup(b => b.Auction);
        return all.Where(e => e.IsAuction).Select(e => e.Auction!)
            .Select(a => (a.Category, Prices: bidsByAuction[a.Id].Where(b => b.DateTime >= a.DateTime && b.DateTime <= a.Expires).Select(b => b.Price).ToList()))
            .Where(x => x.Prices.Count > 0)
            .GroupBy(x => x.Category)
            .Select(g => new CategoryAverage(g.Key, g.Sum(x => x.Prices.Max()), g.Count()))
            .ToList();
    }
}
