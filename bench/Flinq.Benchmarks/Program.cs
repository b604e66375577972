using BenchmarkDotNet.Running;
using Flinq.Benchmarks;

if (args is ["micro", .. var benchmarkArgs])
{
    // BenchmarkDotNet micro-benchmarks (Micro/); e.g. `micro --filter *ExchangeChannel*`.
    BenchmarkSwitcher.FromAssembly(typeof(Harness).Assembly).Run(benchmarkArgs);
    return 0;
}

if (args is ["checkpoint-size", .. var checkpointArgs])
{
    return await CheckpointSizeBenchmark.RunAsync(checkpointArgs, Console.Out);
}

if (!HarnessOptions.TryParse(args, out var options, out string error))
{
    Console.Error.WriteLine($"Flinq.Benchmarks: {error}");
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 2;
}

await Harness.RunAsync(options, Console.Out);
return 0;
