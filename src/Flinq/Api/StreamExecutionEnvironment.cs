using Flinq.Connectors;
using Flinq.Connectors.Sources;
using Flinq.Runtime.Execution;
using Flinq.Runtime.Graph;
using Flinq.Time;

namespace Flinq;

/// <summary>
/// Builds and runs a job (Flink's <c>StreamExecutionEnvironment</c>). Sources start streams, the
/// <see cref="DataStream{T}"/> API transforms them, and <see cref="ExecuteAsync(string, CancellationToken)"/>
/// runs everything built so far as one job. Not thread-safe: build a job from one thread.
/// </summary>
/// <example>
/// <code>
/// var env = StreamExecutionEnvironment.Create();
/// env.FromElements("a b", "b c")
///    .FlatMap&lt;string&gt;((line, output) => { foreach (var w in line.Split(' ')) output.Collect(w); })
///    .KeyBy(word => word)
///    .Sum(word => 1L)
///    .Print();
/// await env.ExecuteAsync("word count");
/// </code>
/// </example>
public sealed partial class StreamExecutionEnvironment
{
    private readonly List<Transformation> _transformations = new();

    private StreamExecutionEnvironment(StreamExecutionOptions options) => Options = options;

    /// <summary>The job's settings; change them before executing.</summary>
    public StreamExecutionOptions Options { get; }

    /// <summary>Default parallelism of operators (shortcut for <see cref="StreamExecutionOptions.Parallelism"/>).</summary>
    public int Parallelism
    {
        get => Options.Parallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Options.Parallelism = value;
        }
    }

    /// <summary>Creates an environment that runs jobs in this process.</summary>
    public static StreamExecutionEnvironment Create(StreamExecutionOptions? options = null)
    {
        options ??= new StreamExecutionOptions();
        options.Validate();
        return new StreamExecutionEnvironment(options);
    }

    /// <summary>A stream of the given records, in order, from one source instance (bounded).</summary>
    public DataStream<T> FromCollection<T>(IEnumerable<T> items, string name = "Collection Source")
    {
        ArgumentNullException.ThrowIfNull(items);
        return FromSource(new CollectionSource<T>(items.ToArray()), name);
    }

    /// <summary>A stream of the given records, in order (bounded).</summary>
    public DataStream<T> FromElements<T>(params T[] items) => FromCollection(items, "Elements Source");

    /// <summary>
    /// A stream generated from sequence numbers: record <c>n</c> is <c>generator(n)</c>. Parallel: instance
    /// <c>i</c> of <c>p</c> generates <c>i, i+p, i+2p, ...</c>. Bounded when <paramref name="count"/> is given,
    /// else unbounded; <paramref name="recordsPerSecond"/> limits the total rate.
    /// </summary>
    public DataStream<T> FromGenerator<T>(Func<long, T> generator, long? count = null, double? recordsPerSecond = null, string name = "Generator Source") =>
        FromGenerator(generator, watermarkStrategy: null, count, recordsPerSecond, name);

    /// <summary>
    /// A generated stream (see <see cref="FromGenerator{T}(Func{long, T}, long?, double?, string)"/>) with timestamps and
    /// watermarks from <paramref name="watermarkStrategy"/>, generated per split of sequence numbers — so an
    /// instance that reads several splits after a rescale does not turn one split's records into late data.
    /// </summary>
    public DataStream<T> FromGenerator<T>(Func<long, T> generator, WatermarkStrategy<T>? watermarkStrategy, long? count = null, double? recordsPerSecond = null, string name = "Generator Source")
    {
        ArgumentNullException.ThrowIfNull(generator);
        return FromSource(new GeneratorSource<T>(generator, count, recordsPerSecond), watermarkStrategy, name);
    }

    /// <summary>The lines of a text file, or of every file in a directory (bounded).</summary>
    public DataStream<string> ReadTextFile(string path) => ReadLines(path, static line => line);

    /// <summary>
    /// The lines of a text file (or of every file in a directory), each parsed by <paramref name="parse"/>.
    /// A line that fails to parse fails the job with a <see cref="RecordParseException"/> naming the file and
    /// line — or, when <paramref name="badRecords"/> is given, goes to that side output and the job continues.
    /// </summary>
    public DataStream<T> ReadLines<T>(string path, Func<string, T> parse, OutputTag<BadRecord>? badRecords = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(parse);
        return FromSource(new TextLineSource<T>(path, parse, badRecords), "Text File Source: " + Path.GetFileName(path));
    }

    /// <summary>
    /// The lines read from a TCP server (like <c>nc -lk 9999</c>); ends when the server closes the connection.
    /// Non-parallel. Lines are split on '\n'; a trailing '\r' is removed.
    /// </summary>
    public DataStream<string> SocketTextStream(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        return FromSource(new SocketTextSource(host, port), $"Socket Stream: {host}:{port}");
    }

    /// <summary>A stream from any <see cref="Source{T}"/>.</summary>
    public DataStream<T> FromSource<T>(Source<T> source, string name) => FromSource(source, null, name);

    /// <summary>
    /// A stream from any <see cref="Source{T}"/>, with timestamps and watermarks generated inside the source by
    /// <paramref name="watermarkStrategy"/>: per split when the reader emits through
    /// <see cref="SourceOutput{T}.ForSplit"/> (the source's watermark is then the minimum over its active splits),
    /// else per parallel instance. Prefer this to <see cref="DataStream{T}.AssignTimestampsAndWatermarks"/>.
    /// </summary>
    public DataStream<T> FromSource<T>(Source<T> source, WatermarkStrategy<T>? watermarkStrategy, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        var transformation = new SourceTransformation<T>(name, source, watermarkStrategy);
        if (source.MaxParallelism is { } max)
        {
            transformation.Parallelism = Math.Min(max, Options.Parallelism);
        }

        return new DataStream<T>(this, Register(transformation));
    }

    /// <summary>The job built so far as JSON: operators, edges with ship strategies, and the chained tasks.</summary>
    public string GetExecutionPlan(string jobName = "Flinq Job") => ExecutionPlan.ToJson(BuildGraph(jobName));

    /// <summary>Runs the job built so far. See <see cref="ExecuteAsync(string, CancellationToken)"/>.</summary>
    public Task<JobExecutionResult> ExecuteAsync(CancellationToken cancellationToken = default) => ExecuteAsync("Flinq Job", cancellationToken);

    /// <summary>
    /// Runs the job built so far and clears it from the environment. Completes when every input has ended
    /// (bounded jobs); unbounded jobs run until <paramref name="cancellationToken"/> is cancelled, and the
    /// task is then cancelled. An exception in any operator stops every task and fails the task with a
    /// <see cref="JobExecutionException"/> that names the operator and wraps the exception.
    /// </summary>
    /// <exception cref="InvalidOperationException">The job graph is invalid (thrown at once, not through the task).</exception>
    public Task<JobExecutionResult> ExecuteAsync(string jobName, CancellationToken cancellationToken = default) =>
        Start(jobName, cancellationToken).Completion;

    /// <summary>
    /// Starts the job built so far and returns a handle on it, for savepoints and stop (Flink's
    /// <c>executeAsync</c>). Throws at once when the job cannot start (an invalid graph, a missing restore path).
    /// </summary>
    public JobClient Start(string jobName = "Flinq Job", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        Options.Validate();
        var graph = BuildGraph(jobName);
        _transformations.Clear();
        return new JobRunner(graph, Options, cancellationToken).Start();
    }

    internal TTransformation Register<TTransformation>(TTransformation transformation)
        where TTransformation : Transformation
    {
        _transformations.Add(transformation);
        return transformation;
    }

    private JobGraph BuildGraph(string jobName) => JobGraphBuilder.Build(jobName, _transformations, Options);
}
