using System.Globalization;
using Flinq;
using Flinq.CrashTest;

// Runs the recovery test job in its own process, resuming from the newest checkpoint in --checkpoints, so that a
// test can kill the process at any moment (kill -9: nothing runs on the way out) and start it again.
// usage: Flinq.CrashTest --output DIR --checkpoints DIR --records N --rate R --parallelism P
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

if (!options.TryGetValue("--output", out var output) || !options.TryGetValue("--checkpoints", out var checkpoints))
{
    Console.Error.WriteLine("usage: Flinq.CrashTest --output DIR --checkpoints DIR [--records N] [--rate R] [--parallelism P]");
    return 2;
}

long records = long.Parse(options.GetValueOrDefault("--records", "20000"), CultureInfo.InvariantCulture);
double rate = double.Parse(options.GetValueOrDefault("--rate", "10000"), CultureInfo.InvariantCulture);
int parallelism = int.Parse(options.GetValueOrDefault("--parallelism", "2"), CultureInfo.InvariantCulture);

var settings = CheckpointingJob.Options(checkpoints, parallelism);
settings.Checkpointing.ResumeFromLatest = true;
var env = StreamExecutionEnvironment.Create(settings);
CheckpointingJob.Build(env, records, rate, output);
var result = await env.ExecuteAsync("crash test");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"finished after {result.Checkpoints.Count} checkpoints"));
return 0;
