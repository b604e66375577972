using Flinq.Server;
using Flinq.Server.Configuration;

namespace Flinq.Cli;

/// <summary>The <c>flinq</c> command.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage());
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "rules")
        {
            return RulesCommand.Run(args[1..], Console.Out, Console.Error);
        }

        if (args[0] is not ("server" or "demo"))
        {
            await Console.Error.WriteLineAsync($"flinq: unknown command \"{args[0]}\"\n\n{Usage()}").ConfigureAwait(false);
            return 2;
        }

        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine(Usage());
            return 0;
        }

        ServerOptions options;
        try
        {
            options = ServerConfiguration.Load(args[1..], ServerConfiguration.ProcessEnvironment());
            if (args[0] == "demo" && !args.Skip(1).Any(a => a.StartsWith("--data", StringComparison.Ordinal))
                && Environment.GetEnvironmentVariable("FLINQ_DATA") is null)
            {
                options.DataDirectory = "flinq-demo-data";
            }
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync("flinq server: " + e.Message).ConfigureAwait(false);
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });

        FlinqServer server;
        try
        {
            if (args[0] == "demo")
            {
                WriteDemoRules(options.DataDirectory);
            }

            server = await FlinqServer.StartAsync(options, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FormatException or IOException or DuckDB.NET.Data.DuckDBException or Flinq.Monitor.Rules.RuleFileException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync("flinq server: could not start: " + e.Message).ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            // SIGHUP reloads the Alertmanager configuration and the rule files, as it does for Alertmanager and Prometheus.
            using var sighup = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGHUP, c =>
            {
                c.Cancel = true;
                var result = server.Reload();
                Console.Error.WriteLine(result.Succeeded
                    ? "flinq server: reloaded: " + string.Join("; ", result.Changes)
                    : "flinq server: reload failed: " + string.Join("; ", result.Errors));
            });
            Console.WriteLine($"flinq server listening on {server.Address} (data in {Path.GetFullPath(options.DataDirectory)})");
            Task workload = Task.CompletedTask;
            using var client = new HttpClient { BaseAddress = server.Address };
            if (args[0] == "demo")
            {
                if (options.WriteToken is { } token)
                {
                    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                }

                Console.WriteLine(DemoBanner(server.Address));
                workload = new Flinq.Server.Demo.DemoWorkload(client).RunAsync(TimeProvider.System, m => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} demo: {m}"), stop.Token);
            }

            try
            {
                await Task.WhenAny(Task.Delay(Timeout.Infinite, stop.Token), server.StorageJob).ConfigureAwait(false);
                await workload.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            if (server.StorageJob.IsFaulted)
            {
                await Console.Error.WriteLineAsync("flinq server: the storage job failed: " + server.StorageJob.Exception!.GetBaseException().Message).ConfigureAwait(false);
                return 1;
            }

            Console.WriteLine("flinq server stopping");
        }

        return 0;
    }

    /// <summary>The demo's default rules go to DATA/rules/demo.yaml on its first start; an edited or deleted file is left alone after that.</summary>
    private static void WriteDemoRules(string dataDirectory)
    {
        string rules = Path.Combine(dataDirectory, "rules");
        string marker = Path.Combine(dataDirectory, "demo-rules-written");
        if (File.Exists(marker))
        {
            return;
        }

        Directory.CreateDirectory(rules);
        File.WriteAllText(Path.Combine(rules, "demo.yaml"), Flinq.Server.Demo.DemoWorkload.DefaultRulesYaml);
        File.WriteAllText(marker, "flinq demo wrote rules/demo.yaml once; delete this file to have it written again\n");
    }

    private static string DemoBanner(Uri address) => $"""
        Demo workload running: 6 hosts (web, checkout, payments, db) send metrics (remote_write, Influx), logs and
        traces (OTLP/JSON) every second; every 2 minutes an incident starts (payments outage, CPU spike on api-2,
        disk filling on db-1, web-2 going down) for 40 s. The default alert rules (DATA/rules/demo.yaml) fire on them:
        see the alerts page, or add an alertmanager.yml with --alertmanager-config to get notified.

        Open the dashboard: {address}
          big screen {address}#/   explore {address}#/explore   alerts {address}#/alerts   rules {address}#/rules   jobs {address}#/jobs
        The query API behind it:
          {address}api/v1/metric_names
          {address}api/v1/query_range?metric=node_cpu_usage_percent&by=host&agg=max&step=15s
          {address}api/v1/query_range?metric=http_requests_total&label.status=500&by=service&agg=rate&step=15s
          {address}api/v1/logs?severity=error&limit=20
          {address}api/v1/traces?status=error&minDuration=1s
          {address}metrics
        Ctrl+C stops.
        """;

    private static string Usage()
    {
        var settings = string.Join('\n', ServerConfiguration.Settings.Select(s =>
            $"  --{s.Key.Replace('_', '-'),-18} FLINQ_{s.Key.ToUpperInvariant(),-18} {s.Description}"));
        return $"""
            usage: flinq server [flags]
                   flinq demo [flags]     the server plus a built-in workload with injected incidents (data: ./flinq-demo-data)
                   flinq rules check FILE...   validate rule files (errors as file:line:column; exit 0 valid, 1 errors)

            Runs the Flinq monitoring server: ingest (OTLP/HTTP, Prometheus remote_write, Influx line protocol,
            JSON lines), storage in DuckDB through a Flinq engine job, and the JSON query API.

            Settings (flag, environment variable, YAML key without dashes; flags > env > file > defaults):
              --config FILE        FLINQ_CONFIG               YAML file with the settings below (e.g. "listen: 127.0.0.1:7700")
            {settings}
            """;
    }
}
