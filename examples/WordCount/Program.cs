using Flinq;
using Flinq.Examples.WordCount;

if (!WordCountOptions.TryParse(args, out var options, out string error))
{
    Console.Error.WriteLine($"WordCount: {error}");
    Console.Error.WriteLine(WordCountOptions.Usage);
    return 2;
}

if (options.InputPath is { } path && !File.Exists(path) && !Directory.Exists(path))
{
    Console.Error.WriteLine($"WordCount: the input '{path}' does not exist.");
    return 2;
}

var env = StreamExecutionEnvironment.Create();
if (options.Parallelism is { } parallelism)
{
    env.Parallelism = parallelism;
}

var lines = options.InputPath is { } input
    ? env.ReadTextFile(input)
    : env.FromCollection(HamletText.Lines, "Hamlet");

foreach (var (word, count) in await WordCountJob.RunAsync(env, lines))
{
    Console.WriteLine($"{word}\t{count}");
}

return 0;
