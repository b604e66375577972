using Flinq.Functions;
using Flinq.Testing;
using Flinq.Tests.TestSupport;

namespace Flinq.Tests.Runtime.Execution;

public sealed class FailureTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ChainedOperatorInMiddle_Throws_JobFailsWithThatExceptionAndName()
    {
        var boom = new InvalidDataException("bad record 5");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        AddUnboundedBystander(env);
        var sink = env.FromCollection(Enumerable.Range(0, 10))
            .Map(x => x + 1).Name("first map")
            .Map(x => x == 5 ? throw boom : x).Name("exploding map")
            .Filter(x => x > 0).Name("last filter")
            .Collect();

        var error = await FailsAsync(env);

        error.InnerException.Should().BeSameAs(boom);
        error.OperatorName.Should().Be("exploding map");
        error.Message.Should().Contain("exploding map").And.Contain("bad record 5");
        sink.Values.Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public async Task KeyedOperatorBehindExchange_Throws_JobFailsWithThatExceptionAndName()
    {
        var boom = new ArithmeticException("key 3 overflowed");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        AddUnboundedBystander(env);
        env.FromGenerator(n => (int)n, 1_000)
            .KeyBy(x => x % 5)
            .Process(new ThrowOnKey(3, boom)).Name("keyed thrower")
            .Collect();

        var error = await FailsAsync(env);

        error.InnerException.Should().BeSameAs(boom);
        error.OperatorName.Should().Be("keyed thrower");
        error.SubtaskIndex.Should().BeInRange(0, 1);
    }

    [Fact]
    public async Task Sink_Throws_JobFailsWithThatExceptionAndName()
    {
        var boom = new IOException("disk full");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        AddUnboundedBystander(env);
        env.FromGenerator(n => n, 1_000)
            .Map(n => n * 2)
            .SinkTo(new ThrowingSink<long>(failAt: 100, boom))
            .Name("failing sink");

        var error = await FailsAsync(env);

        error.InnerException.Should().BeSameAs(boom);
        error.OperatorName.Should().Be("failing sink");
    }

    [Fact]
    public async Task Source_Throws_JobFailsWithSourceName()
    {
        var boom = new TimeoutException("upstream gone");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        AddUnboundedBystander(env);
        env.FromGenerator(n => n == 77 ? throw boom : n, 1_000, name: "flaky generator").Collect();

        var error = await FailsAsync(env);

        error.InnerException.Should().BeSameAs(boom);
        error.OperatorName.Should().Be("flaky generator");
    }

    [Fact]
    public async Task SinkBehindBackpressuredExchange_Throws_BlockedProducerStopsToo()
    {
        var boom = new IOException("remote closed");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1, BatchSize = 2, ChannelCapacity = 1 });
        env.FromGenerator(n => n)
            .Rebalance()
            .SinkTo(new ThrowingSink<long>(failAt: 50, boom))
            .Name("remote sink");

        var error = await FailsAsync(env);

        error.InnerException.Should().BeSameAs(boom);
        error.OperatorName.Should().Be("remote sink");
    }

    [Fact]
    public async Task FunctionOpen_Throws_JobFailsNamingTheOperator()
    {
        var boom = new InvalidOperationException("cannot connect");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromElements(1, 2, 3)
            .Map(x => x).Name("before")
            .Process(new ThrowingOpen(boom)).Name("enricher")
            .Map(x => x).Name("after")
            .Collect();

        var error = await FailsAsync(env);

        error.InnerException.Should().BeSameAs(boom);
        error.OperatorName.Should().Be("enricher");
    }

    [Fact]
    public async Task SinkFlushAtEndOfInput_Throws_JobFailsNamingTheSink()
    {
        var boom = new IOException("commit failed");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 1 });
        env.FromElements(1, 2, 3).SinkTo(new FailingFlushSink<int>(boom)).Name("committing sink");

        var error = await FailsAsync(env);

        error.InnerException.Should().BeSameAs(boom);
        error.OperatorName.Should().Be("committing sink");
    }

    [Fact]
    public async Task EventTimeTimer_Throws_JobFailsNamingTheOperator()
    {
        var boom = new InvalidDataException("timer failed");
        var env = StreamExecutionEnvironment.Create(new StreamExecutionOptions { Parallelism = 2 });
        var source = new TimestampedSource<int>([(1, new Flinq.Time.Timestamp(10)), (2, new Flinq.Time.Timestamp(20))]);
        env.FromSource(source, "timestamped")
            .KeyBy(x => x)
            .Process(new ThrowingTimer(boom)).Name("alarm")
            .Map(x => x).Name("after alarm")
            .Collect();

        var error = await FailsAsync(env);

        error.InnerException.Should().BeSameAs(boom);
        error.OperatorName.Should().Be("alarm");
    }

    private static async Task<JobExecutionException> FailsAsync(StreamExecutionEnvironment env)
    {
        // The timeout turns "a task kept the job alive" into a TimeoutException instead of the expected failure.
        var act = () => env.ExecuteWithTimeoutAsync(s_timeout);
        return (await act.Should().ThrowAsync<JobExecutionException>()).Which;
    }

    // An unbounded, independent pipeline in the same job: it must stop when another task fails.
    private static void AddUnboundedBystander(StreamExecutionEnvironment env) =>
        env.FromGenerator(n => n, name: "endless").Rebalance().Map(n => n + 1).Name("endless map").SinkTo(new SlowSink<long>(100, TimeSpan.FromMilliseconds(1)));

    private sealed class ThrowingOpen(Exception error) : ProcessFunction<int, int>
    {
        public override void Open() => throw error;

        public override void ProcessElement(int value, IProcessContext context, ICollector<int> output) => output.Collect(value);
    }

    private sealed class ThrowingTimer(Exception error) : KeyedProcessFunction<int, int, int>
    {
        public override void ProcessElement(int value, IKeyedProcessContext<int> context, ICollector<int> output)
        {
            context.TimerService.RegisterEventTimeTimer(context.Timestamp);
            output.Collect(value);
        }

        public override void OnTimer(Flinq.Time.Timestamp timestamp, IOnTimerContext<int> context, ICollector<int> output) => throw error;
    }

    private sealed class FailingFlushSink<T>(Exception error) : Flinq.Connectors.Sink<T>
    {
        public override Flinq.Connectors.SinkWriter<T> CreateWriter(Flinq.Connectors.SinkContext context) => new Writer(error);

        private sealed class Writer(Exception error) : Flinq.Connectors.SinkWriter<T>
        {
            public override void Write(T value, Flinq.Time.Timestamp timestamp)
            {
            }

            public override void Flush(bool endOfInput)
            {
                if (endOfInput)
                {
                    throw error;
                }
            }
        }
    }

    private sealed class ThrowOnKey(int badKey, Exception error) : KeyedProcessFunction<int, int, int>
    {
        public override void ProcessElement(int value, IKeyedProcessContext<int> context, ICollector<int> output)
        {
            if (context.CurrentKey == badKey)
            {
                throw error;
            }

            output.Collect(value);
        }
    }
}
