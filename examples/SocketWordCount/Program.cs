using Flinq;
using Flinq.Examples.SocketWordCount;

if (!SocketWordCountOptions.TryParse(args, out var options, out string error))
{
    Console.Error.WriteLine($"SocketWordCount: {error}");
    Console.Error.WriteLine(SocketWordCountOptions.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop the job cleanly instead of killing the process
    stop.Cancel();
};

var env = StreamExecutionEnvironment.Create();
SocketWordCountJob.Build(env.SocketTextStream(options.Host, options.Port)).Print();
Console.Error.WriteLine($"SocketWordCount: reading lines from {options.Host}:{options.Port}; Ctrl+C stops.");
try
{
    await env.ExecuteAsync("SocketWordCount", stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
}
catch (JobExecutionException e)
{
    Console.Error.WriteLine($"SocketWordCount: {e.Message}");
    return 1;
}

return 0;
