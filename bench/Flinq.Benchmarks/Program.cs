using Flinq.Benchmarks;

if (!HarnessOptions.TryParse(args, out var options, out string error))
{
    Console.Error.WriteLine($"Flinq.Benchmarks: {error}");
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 2;
}

await Harness.RunAsync(options, Console.Out);
return 0;
