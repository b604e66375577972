using Flinq.Nexmark.Runner;

if (!RunnerOptions.TryParse(args, out var options, out string error))
{
    Console.Error.WriteLine($"Nexmark: {error}");
    Console.Error.WriteLine(RunnerOptions.Usage);
    return 2;
}

await QueryRunner.RunAsync(options, Console.Out);
return 0;
